package io.roomflux.reactor.media;

/**
 * Which {@link FrameMetadata} fields a video publication carries to its receivers
 * ({@link TrackPublishOptions#frameMetadataFeatures()}). The publisher's core appends them to each
 * encoded frame (a small trailer, at most 255 bytes) and announces them with the publication, so
 * that receivers strip the trailer and hand the fields out with the decoded frame
 * ({@link VideoFrame#metadata()}). With no feature enabled, no metadata is sent.
 *
 * <p>The bundled core (livekit-ffi 0.13.2) turns the trailer on for any non-empty set and then
 * sends every field the frame's metadata sets, whether or not its own feature is in the set;
 * enable the features of the fields you send, so that receivers of other SDKs expect them.
 */
public enum FrameMetadataFeature {
  /** {@link FrameMetadata#userTimestamp()}: a 64-bit timestamp of the application's choice. */
  USER_TIMESTAMP,
  /** {@link FrameMetadata#frameId()}: a 32-bit frame number. */
  FRAME_ID,
  /** {@link FrameMetadata#userData()}: up to {@link FrameMetadata#MAX_USER_DATA_BYTES} bytes. */
  USER_DATA
}
