package io.roomflux.reactor.media;

import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.reactor.OperationFailedException;

import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * A streaming SoX resampler (libsoxr) from one sample rate to another, any frame length: push
 * frames as they come, take whatever output is ready, and {@link #flush()} at the end of the
 * stream for the samples still held back by the filter. After a flush the resampler starts a new
 * stream.
 *
 * <p>Synchronous: each call is a short native request, fine on any thread. Calls on one
 * resampler are serialized (its output lives in the resampler's own memory until the next
 * call, and is copied before that). {@link #close()} releases it once no call is running.
 */
public interface SoxResampler extends AutoCloseable {

  /**
   * The rate of the frames pushed.
   *
   * @return Hz
   */
  int inputRate();

  /**
   * The rate of the frames produced.
   *
   * @return Hz
   */
  int outputRate();

  /**
   * The channel count of frames in and out.
   *
   * @return the channels
   */
  int numChannels();

  /**
   * The quality recipe.
   *
   * @return the recipe
   */
  SoxQuality quality();

  /**
   * Pushes a frame and returns the output that is ready.
   *
   * @param frame samples at {@link #inputRate()} with {@link #numChannels()} channels, any length
   * @return no frame or one frame at {@link #outputRate()}; the filter holds some samples back
   * @throws IllegalArgumentException if the frame's format does not match
   * @throws OperationFailedException if libsoxr reports an error
   * @throws ResourceClosedException if the resampler is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the request
   */
  List<AudioFrame> push(AudioFrame frame);

  /**
   * Drains the samples the filter still holds, ending the stream; the next push starts a new one.
   *
   * @return no frame or one frame at {@link #outputRate()}
   * @throws OperationFailedException if libsoxr reports an error
   * @throws ResourceClosedException if the resampler is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the request
   */
  List<AudioFrame> flush();

  /**
   * Resamples a whole stream: each frame is pushed when it arrives, and the resampler is flushed
   * when {@code frames} completes. Honours backpressure (a frame is requested only when the
   * output of the previous one has been requested). Use one stream per resampler at a time.
   *
   * @param frames the input stream
   * @return the output frames, at {@link #outputRate()}; fails like {@link #push}
   */
  Flux<AudioFrame> resample(Publisher<AudioFrame> frames);

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Releases the resampler once no call is running. Idempotent, never blocks.
   */
  @Override
  void close();
}
