package io.roomflux.reactor.media;

/**
 * Counters of the streams of received frames of one room, since it was joined.
 *
 * @param openStreams streams whose native stream is open now
 * @param framesReceived frames the core delivered to these streams (each copied, its native
 *     buffer released at once)
 * @param framesDropped frames dropped by a stream's {@link FrameOverflow} policy because its
 *     subscriber fell behind
 */
public record MediaStreamStats(int openStreams, long framesReceived, long framesDropped) {
}
