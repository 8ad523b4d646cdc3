package io.roomflux.reactor;

import java.time.Duration;
import java.util.Optional;

/**
 * A summary of the WebRTC statistics of the room's two peer connections, as
 * {@link Room#sessionStats()} reports them: the publisher (what the local participant sends) and
 * the subscriber (what it receives), added up over both.
 *
 * @param bytesSent bytes sent over both connections' transports (media, data channels and their
 *     overhead) since the connections were made
 * @param bytesReceived bytes received over both connections' transports
 * @param dataMessagesSent messages sent over the data channels (data packets, RPC, streams)
 * @param dataMessagesReceived messages received over the data channels
 * @param publisherReports how many statistics entries the publisher connection reported (one
 *     per codec, RTP stream, transport, candidate pair, data channel, ...)
 * @param subscriberReports how many statistics entries the subscriber connection reported
 * @param roundTripTime the current round-trip time of the nominated, succeeded ICE candidate
 *     pair (the publisher's, else the subscriber's), when one was measured
 */
public record SessionStats(long bytesSent, long bytesReceived, long dataMessagesSent, long dataMessagesReceived,
                           int publisherReports, int subscriberReports, Optional<Duration> roundTripTime) {
}
