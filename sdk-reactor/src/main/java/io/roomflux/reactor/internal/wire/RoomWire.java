package io.roomflux.reactor.internal.wire;

import io.roomflux.proto.GetSessionStatsCallback;
import io.roomflux.proto.IceCandidatePairState;
import io.roomflux.proto.RtcStats;
import io.roomflux.reactor.ConnectionQuality;
import io.roomflux.reactor.ConnectionState;
import io.roomflux.reactor.DisconnectReason;
import io.roomflux.reactor.IceServer;
import io.roomflux.reactor.IceTransportPolicy;
import io.roomflux.reactor.RoomInfo;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.SessionStats;
import io.roomflux.reactor.SimulatedScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/** Room options, room info, connection states, statistics and scenarios, to and from the core's protocol. */
public final class RoomWire {
  private RoomWire() {
  }

  /**
   * The room's info. The core reports the creation time in Unix milliseconds (checked against
   * livekit-server v1.13.5) and the timeouts in seconds, unsigned.
   *
   * @param info the core's info
   * @return the info
   */
  public static RoomInfo roomInfo(io.roomflux.proto.RoomInfo info) {
    return new RoomInfo(info.hasSid() && !info.getSid().isEmpty() ? Optional.of(info.getSid()) : Optional.empty(),
        info.getName(), info.getMetadata(), Instant.ofEpochMilli(info.getCreationTime()),
        Duration.ofSeconds(Integer.toUnsignedLong(info.getEmptyTimeout())),
        Duration.ofSeconds(Integer.toUnsignedLong(info.getDepartureTimeout())),
        info.getMaxParticipants(), info.getNumParticipants(), info.getNumPublishers(), info.getActiveRecording(),
        info.getLossyDcBufferedAmountLowThreshold(), info.getReliableDcBufferedAmountLowThreshold());
  }

  /**
   * A connection state.
   *
   * @param state the core's state
   * @return the state
   */
  public static ConnectionState connectionState(io.roomflux.proto.ConnectionState state) {
    return switch (state) {
      case CONN_DISCONNECTED -> ConnectionState.DISCONNECTED;
      case CONN_CONNECTED -> ConnectionState.CONNECTED;
      case CONN_RECONNECTING -> ConnectionState.RECONNECTING;
    };
  }

  /**
   * A connection quality.
   *
   * @param quality the core's quality
   * @return the quality
   */
  public static ConnectionQuality connectionQuality(io.roomflux.proto.ConnectionQuality quality) {
    return switch (quality) {
      case QUALITY_POOR -> ConnectionQuality.POOR;
      case QUALITY_GOOD -> ConnectionQuality.GOOD;
      case QUALITY_EXCELLENT -> ConnectionQuality.EXCELLENT;
      case QUALITY_LOST -> ConnectionQuality.LOST;
    };
  }

  /**
   * Why a room was left.
   *
   * @param reason the core's reason
   * @return the reason
   */
  public static DisconnectReason disconnectReason(io.roomflux.proto.DisconnectReason reason) {
    return switch (reason) {
      case UNKNOWN_REASON -> DisconnectReason.UNKNOWN;
      case CLIENT_INITIATED -> DisconnectReason.CLIENT_INITIATED;
      case DUPLICATE_IDENTITY -> DisconnectReason.DUPLICATE_IDENTITY;
      case SERVER_SHUTDOWN -> DisconnectReason.SERVER_SHUTDOWN;
      case PARTICIPANT_REMOVED -> DisconnectReason.PARTICIPANT_REMOVED;
      case ROOM_DELETED -> DisconnectReason.ROOM_DELETED;
      case STATE_MISMATCH -> DisconnectReason.STATE_MISMATCH;
      case JOIN_FAILURE -> DisconnectReason.JOIN_FAILURE;
      case MIGRATION -> DisconnectReason.MIGRATION;
      case SIGNAL_CLOSE -> DisconnectReason.SIGNAL_CLOSE;
      case ROOM_CLOSED -> DisconnectReason.ROOM_CLOSED;
      case USER_UNAVAILABLE -> DisconnectReason.USER_UNAVAILABLE;
      case USER_REJECTED -> DisconnectReason.USER_REJECTED;
      case SIP_TRUNK_FAILURE -> DisconnectReason.SIP_TRUNK_FAILURE;
      case CONNECTION_TIMEOUT -> DisconnectReason.CONNECTION_TIMEOUT;
      case MEDIA_FAILURE -> DisconnectReason.MEDIA_FAILURE;
      case AGENT_ERROR -> DisconnectReason.AGENT_ERROR;
    };
  }

  /**
   * A simulated scenario for a request.
   *
   * @param scenario the scenario
   * @return the core's scenario
   */
  public static io.roomflux.proto.SimulateScenarioKind toProto(SimulatedScenario scenario) {
    return switch (scenario) {
      case SIGNAL_RECONNECT -> io.roomflux.proto.SimulateScenarioKind.SIMULATE_SIGNAL_RECONNECT;
      case SPEAKER_UPDATE -> io.roomflux.proto.SimulateScenarioKind.SIMULATE_SPEAKER;
      case NODE_FAILURE -> io.roomflux.proto.SimulateScenarioKind.SIMULATE_NODE_FAILURE;
      case SERVER_LEAVE -> io.roomflux.proto.SimulateScenarioKind.SIMULATE_SERVER_LEAVE;
      case MIGRATION -> io.roomflux.proto.SimulateScenarioKind.SIMULATE_MIGRATION;
      case FORCE_TCP -> io.roomflux.proto.SimulateScenarioKind.SIMULATE_FORCE_TCP;
      case FORCE_TLS -> io.roomflux.proto.SimulateScenarioKind.SIMULATE_FORCE_TLS;
      case FULL_RECONNECT -> io.roomflux.proto.SimulateScenarioKind.SIMULATE_FULL_RECONNECT;
      case DISCONNECT_SIGNAL_ON_RESUME -> io.roomflux.proto.SimulateScenarioKind.SIMULATE_DISCONNECT_SIGNAL_ON_RESUME;
    };
  }

  /**
   * An ICE server for the connect request.
   *
   * @param server the server
   * @return the core's server
   */
  public static io.roomflux.proto.IceServer toProto(IceServer server) {
    io.roomflux.proto.IceServer.Builder b = io.roomflux.proto.IceServer.newBuilder().addAllUrls(server.urls());
    server.username().ifPresent(b::setUsername);
    server.password().ifPresent(b::setPassword);
    return b.build();
  }

  /**
   * An ICE transport policy for the connect request.
   *
   * @param policy the policy
   * @return the core's policy
   */
  public static io.roomflux.proto.IceTransportType toProto(IceTransportPolicy policy) {
    return switch (policy) {
      case RELAY -> io.roomflux.proto.IceTransportType.TRANSPORT_RELAY;
      case NO_HOST -> io.roomflux.proto.IceTransportType.TRANSPORT_NOHOST;
      case ALL -> io.roomflux.proto.IceTransportType.TRANSPORT_ALL;
    };
  }

  /**
   * The options of the connect request.
   *
   * @param options how to join
   * @return the core's options
   */
  public static io.roomflux.proto.RoomOptions toProto(RoomOptions options) {
    io.roomflux.proto.RoomOptions.Builder proto = io.roomflux.proto.RoomOptions.newBuilder();
    // Field 7 `encryption`; field 4 `e2ee` is deprecated (LiveKit's Python SDK sets only this one too).
    options.encryption().ifPresent(e -> proto.setEncryption(E2eeWire.toProto(e)));
    if (!options.iceServers().isEmpty() || options.iceTransportPolicy().isPresent()
        || options.continualIceGathering().isPresent()) {
      io.roomflux.proto.RtcConfig.Builder rtc = io.roomflux.proto.RtcConfig.newBuilder();
      options.iceServers().forEach(s -> rtc.addIceServers(toProto(s)));
      options.iceTransportPolicy().ifPresent(p -> rtc.setIceTransportType(toProto(p)));
      options.continualIceGathering().ifPresent(c -> rtc.setContinualGatheringPolicy(c
          ? io.roomflux.proto.ContinualGatheringPolicy.GATHER_CONTINUALLY
          : io.roomflux.proto.ContinualGatheringPolicy.GATHER_ONCE));
      proto.setRtcConfig(rtc);
    }
    if (options.dataStreamMaxPayloadBytes().isPresent() || options.legacyDataStreams()) {
      io.roomflux.proto.RoomDataStreamOptions.Builder streams = io.roomflux.proto.RoomDataStreamOptions.newBuilder()
          .setUseLegacyClientImplementation(options.legacyDataStreams());
      options.dataStreamMaxPayloadBytes().ifPresent(streams::setMaxPayloadByteLength);
      proto.setDataStream(streams);
    }
    return proto
        .setAutoSubscribe(options.autoSubscribe())
        .setAdaptiveStream(options.adaptiveStream())
        .setDynacast(options.dynacast())
        .setJoinRetries(options.joinRetries())
        .setConnectTimeoutMs(options.connectTimeout().toMillis())
        .setSinglePeerConnection(options.singlePeerConnection())
        .build();
  }

  /**
   * The summary of both connections' statistics reports.
   *
   * @param result the core's reports
   * @return the summary
   */
  public static SessionStats sessionStats(GetSessionStatsCallback.Result result) {
    List<RtcStats> publisher = result.getPublisherStatsList();
    List<RtcStats> subscriber = result.getSubscriberStatsList();
    return new SessionStats(
        total(publisher, subscriber, RtcStats::hasTransport, s -> s.getTransport().getTransport().getBytesSent()),
        total(publisher, subscriber, RtcStats::hasTransport, s -> s.getTransport().getTransport().getBytesReceived()),
        total(publisher, subscriber, RtcStats::hasDataChannel, s -> s.getDataChannel().getDc().getMessagesSent()),
        total(publisher, subscriber, RtcStats::hasDataChannel, s -> s.getDataChannel().getDc().getMessagesReceived()),
        publisher.size(), subscriber.size(),
        roundTripTime(publisher).or(() -> roundTripTime(subscriber)));
  }

  private static long total(List<RtcStats> publisher, List<RtcStats> subscriber, Predicate<RtcStats> carries,
                            ToLongFunction<RtcStats> counter) {
    return Stream.concat(publisher.stream(), subscriber.stream()).filter(carries).mapToLong(counter).sum();
  }

  private static Optional<Duration> roundTripTime(List<RtcStats> report) {
    return report.stream()
        .filter(RtcStats::hasCandidatePair)
        .map(s -> s.getCandidatePair().getCandidatePair())
        .filter(p -> p.getNominated() && p.getState() == IceCandidatePairState.PAIR_SUCCEEDED)
        .filter(p -> p.getCurrentRoundTripTime() > 0)
        .findFirst()
        .map(p -> Duration.ofNanos(Math.round(p.getCurrentRoundTripTime() * 1e9)));
  }
}
