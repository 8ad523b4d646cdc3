package io.roomflux.reactor.media;

import io.roomflux.reactor.ResourceClosedException;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Where local video frames are pushed, to be published as a track: a native (raw-frame) video
 * source of the core. WebRTC converts each frame to I420, and may drop or scale frames to meet
 * its bandwidth; pacing is up to the producer.
 *
 * <p>Thread-safe. {@link #close()} releases the native source once no capture is running.
 */
public interface VideoSource extends AutoCloseable {

  /**
   * The width the source was created with.
   *
   * @return pixels
   */
  int width();

  /**
   * The height the source was created with.
   *
   * @return pixels
   */
  int height();

  /**
   * Whether the source is tuned for screen content.
   *
   * @return true for a screencast source
   */
  boolean isScreencast();

  /**
   * Pushes a frame with its own {@link VideoFrame#timestamp()} and {@link VideoFrame#rotation()};
   * see {@link #captureFrame(VideoFrame, Duration, VideoRotation)}.
   *
   * @param frame the frame, of any layout but {@link VideoBufferType#I010}
   * @throws IllegalArgumentException for an I010 frame
   * @throws ResourceClosedException if the source is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the frame
   */
  void captureFrame(VideoFrame frame);

  /**
   * Pushes a frame. Synchronous: the core has copied (and converted) the pixels when this
   * returns, so the frame's buffers may be reused then. A short native call that may run on any
   * thread; a direct-buffer frame is read in place, a heap frame copied to native memory first.
   *
   * @param frame the frame, of any layout but {@link VideoBufferType#I010}
   * @param timestamp when it was captured, in microseconds precision
   * @param rotation how receivers should rotate it for display
   * @throws IllegalArgumentException for an I010 frame
   * @throws ResourceClosedException if the source is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the frame
   */
  void captureFrame(VideoFrame frame, Duration timestamp, VideoRotation rotation);

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Closes the source on subscription (as {@link #close()}), and completes once the native
   * source was released (on {@link Schedulers#parallel()}).
   *
   * @return a mono that closes the source and completes when it was released
   */
  Mono<Void> closeLater();

  /**
   * Refuses new captures and releases the native source once no capture is running.
   * Idempotent, never blocks.
   */
  @Override
  void close();
}
