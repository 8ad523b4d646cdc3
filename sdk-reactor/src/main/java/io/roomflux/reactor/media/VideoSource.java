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
   * Pushes a frame, with its {@link VideoFrame#metadata()} if any (sent to receivers when the
   * track was published with {@link TrackPublishOptions#frameMetadataFeatures()}). Synchronous:
   * the core has copied (and converted) the pixels when this returns, so the frame's buffers may
   * be reused then. A short native call that may run on any
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
   * Captures a stream of frames, each when its {@link VideoFrame#timestamp()} says, with
   * backpressure: one frame is requested at a time, and the next only once the previous was
   * captured.
   *
   * <p><b>Timestamps and pacing.</b> A frame's timestamp is its capture time on any clock that
   * only moves forward (microsecond precision); receivers use the differences between frames.
   * The first frame with a non-zero timestamp is captured at once and sets the origin; each later
   * one is captured when as much wall-clock time has passed since as its timestamp is past the
   * first's (a frame already late is captured at once), on {@link Schedulers#parallel()}. A
   * timestamp of zero means "now": the core stamps the frame with the current time, and the frame
   * is captured as soon as it arrives, so a stream of zero-timestamp frames is paced by its
   * producer (e.g. {@code Flux.interval}).
   *
   * @param frames the frames, each as {@link #captureFrame(VideoFrame)} requires
   * @return completes when the last frame was captured; fails on the first failed capture (and
   *     cancels {@code frames}); cancelling it cancels {@code frames}
   */
  Mono<Void> capture(org.reactivestreams.Publisher<VideoFrame> frames);

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
