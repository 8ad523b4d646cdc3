package io.roomflux.reactor.media;

import java.time.Duration;
import java.util.Optional;

/**
 * A summary of the WebRTC statistics of one track, from {@link LocalTrack#stats()} (what is sent)
 * or {@code Room.subscriptions().stats(trackSid)} (what is received). Counters are cumulative since
 * the track's RTP streams started; a track with simulcast layers adds its layers up. Immutable.
 *
 * @param packetsSent RTP packets sent (0 for a received track)
 * @param bytesSent payload bytes sent (0 for a received track)
 * @param packetsReceived RTP packets received (0 for a sent track)
 * @param packetsLost packets lost on the way in, as the receiver counts them (0 for a sent track)
 * @param bytesReceived payload bytes received (0 for a sent track)
 * @param jitter the receiver's current jitter estimate (zero for a sent track)
 * @param frameWidth the last frame's width in pixels, video only (0 for audio)
 * @param frameHeight the last frame's height in pixels, video only (0 for audio)
 * @param framesPerSecond frames sent or decoded per second, video only (0 for audio)
 * @param codec the codec's MIME type, such as {@code audio/opus} or {@code video/VP8}, once one
 *     was negotiated
 * @param reports how many statistics entries the core reported for the track
 */
public record TrackStats(long packetsSent, long bytesSent, long packetsReceived, long packetsLost,
                         long bytesReceived, Duration jitter, int frameWidth, int frameHeight,
                         double framesPerSecond, Optional<String> codec, int reports) {
}
