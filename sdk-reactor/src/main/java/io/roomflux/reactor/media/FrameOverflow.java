package io.roomflux.reactor.media;

/**
 * What a stream of received frames does when its subscriber falls behind.
 *
 * <p>Frames arrive in real time and the core cannot be slowed down, so each stream holds at most
 * a bounded number of frames that its subscriber has not requested yet (its options'
 * {@code maxBufferedFrames}, plus one frame being handed to the subscriber's scheduler). What
 * happens to the next frame when that buffer is full is this policy. Memory per stream is bounded
 * by {@code maxBufferedFrames} times the frame size: for video, keep it small (a 1280x720 I420
 * frame is 1.3 MB, RGBA 3.5 MB).
 *
 * <p>Dropped frames are counted ({@link io.roomflux.reactor.Room#mediaStats()}). A received
 * frame never holds native memory (the core's buffer is copied and released on arrival), so a
 * dropped frame is simply garbage.
 */
public enum FrameOverflow {
  /**
   * Keep the newest frames: when the buffer is full, the oldest waiting frame is dropped to make
   * room for the new one. The subscriber sees a gap, then frames that are at most
   * {@code maxBufferedFrames} frames old. The default.
   */
  DROP_OLDEST,
  /**
   * Keep only the newest frame ({@code maxBufferedFrames} is ignored; it is 1): what a renderer
   * wants, which only ever shows the latest picture. Every frame that is replaced before it was
   * requested is dropped.
   */
  LATEST_ONLY,
  /**
   * End the stream with {@link FrameOverflowException} when a frame arrives and the buffer is
   * full: for consumers that must not miss a frame silently (recording, analysis). The native
   * stream is closed at once and the frame that did not fit is dropped; the subscriber still
   * gets the frames that were queued (as it requests them), then the error.
   */
  ERROR
}
