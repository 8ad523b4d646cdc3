package io.roomflux.reactor;

import io.roomflux.proto.GetSessionStatsCallback;
import io.roomflux.proto.IceCandidatePairState;
import io.roomflux.proto.RtcStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

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
    return total(RtcStats::hasTransport, s -> s.getTransport().getTransport().getBytesSent());
  }

  /**
   * Bytes received over both connections' transports.
   *
   * @return the total since the connections were made
   */
  public long bytesReceived() {
    return total(RtcStats::hasTransport, s -> s.getTransport().getTransport().getBytesReceived());
  }

  /**
   * Messages sent on the data channels (data packets, data stream chunks, chat, RPC), both
   * connections together.
   *
   * @return the total since the channels opened
   */
  public long dataMessagesSent() {
    return total(RtcStats::hasDataChannel, s -> s.getDataChannel().getDc().getMessagesSent());
  }

  /**
   * Messages received on the data channels, both connections together.
   *
   * @return the total since the channels opened
   */
  public long dataMessagesReceived() {
    return total(RtcStats::hasDataChannel, s -> s.getDataChannel().getDc().getMessagesReceived());
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

  /** Sums a counter over the entries of both reports that carry it. */
  private long total(Predicate<RtcStats> carries, ToLongFunction<RtcStats> counter) {
    return Stream.concat(publisherStats.stream(), subscriberStats.stream()).filter(carries).mapToLong(counter).sum();
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
