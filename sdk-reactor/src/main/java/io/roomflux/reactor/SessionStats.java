package io.roomflux.reactor;

import io.roomflux.proto.GetSessionStatsCallback;
import io.roomflux.proto.IceCandidatePairState;
import io.roomflux.proto.RtcStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * WebRTC statistics of the room's two peer connections, as {@link Room#sessionStats()} reports
 * them: the publisher (what the local participant sends) and the subscriber (what it receives).
 *
 * <p>The lists are libwebrtc's report as the core forwards it: one typed {@link RtcStats} entry
 * per codec, RTP stream, transport, ICE candidate pair, data channel, and so on (see
 * {@code stats.proto}; the protocol messages are part of the {@code io.roomflux.proto} module).
 * The accessors below summarize the common questions.
 *
 * @param publisherStats the publisher connection's report
 * @param subscriberStats the subscriber connection's report
 */
public record SessionStats(List<RtcStats> publisherStats, List<RtcStats> subscriberStats) {
  /** Copies the lists. */
  public SessionStats {
    publisherStats = List.copyOf(publisherStats);
    subscriberStats = List.copyOf(subscriberStats);
  }

  static SessionStats of(GetSessionStatsCallback.Result result) {
    return new SessionStats(result.getPublisherStatsList(), result.getSubscriberStatsList());
  }

  /**
   * Bytes sent over both connections' transports (media, data channels and their overhead).
   *
   * @return the total since the connections were made
   */
  public long bytesSent() {
    return transports(publisherStats)[0] + transports(subscriberStats)[0];
  }

  /**
   * Bytes received over both connections' transports.
   *
   * @return the total since the connections were made
   */
  public long bytesReceived() {
    return transports(publisherStats)[1] + transports(subscriberStats)[1];
  }

  /**
   * Messages sent on the data channels (data packets, data stream chunks, chat, RPC), both
   * connections together.
   *
   * @return the total since the channels opened
   */
  public long dataMessagesSent() {
    return dataChannels(publisherStats)[0] + dataChannels(subscriberStats)[0];
  }

  /**
   * Messages received on the data channels, both connections together.
   *
   * @return the total since the channels opened
   */
  public long dataMessagesReceived() {
    return dataChannels(publisherStats)[1] + dataChannels(subscriberStats)[1];
  }

  /**
   * The latest round-trip time to the server measured on the publisher connection's selected
   * ICE candidate pair (the subscriber's when the publisher has none yet).
   *
   * @return the round-trip time; empty before one was measured
   */
  public Optional<Duration> roundTripTime() {
    return roundTripTime(publisherStats).or(() -> roundTripTime(subscriberStats));
  }

  private static long[] transports(List<RtcStats> report) {
    long sent = 0;
    long received = 0;
    for (RtcStats s : report) {
      if (s.hasTransport()) {
        sent += s.getTransport().getTransport().getBytesSent();
        received += s.getTransport().getTransport().getBytesReceived();
      }
    }
    return new long[] {sent, received};
  }

  private static long[] dataChannels(List<RtcStats> report) {
    long sent = 0;
    long received = 0;
    for (RtcStats s : report) {
      if (s.hasDataChannel()) {
        sent += s.getDataChannel().getDc().getMessagesSent();
        received += s.getDataChannel().getDc().getMessagesReceived();
      }
    }
    return new long[] {sent, received};
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
