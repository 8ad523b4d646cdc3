package io.roomflux.reactor.media;

import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.reactor.OperationFailedException;

import java.time.Duration;

/**
 * WebRTC's audio processing module (APM) on audio the application handles itself: echo
 * cancellation, noise suppression, gain control and a high-pass filter.
 *
 * <p>For echo cancellation, pass what the speakers play to {@link #processReverseStream} and
 * what the microphone records to {@link #processStream}, both in 10 ms frames as they happen,
 * and tell the module the delay between the two with {@link #setStreamDelay}.
 *
 * <p>The module works on exactly 10 ms of audio per call ({@code sampleRate / 100} samples per
 * channel): other lengths are rejected here, because the module itself would silently process
 * only the first 10 ms. Synchronous: each call is a short native request, fine on any thread.
 * {@link #close()} releases the module once no call is running.
 */
public interface AudioProcessor extends AutoCloseable {

  /**
   * The stages this module runs.
   *
   * @return the options
   */
  AudioProcessorOptions options();

  /**
   * Processes 10 ms of captured (near-end) audio.
   *
   * @param frame exactly 10 ms, at a rate the module supports (8, 16, 32 or 48 kHz)
   * @return the processed audio, same format
   * @throws IllegalArgumentException if the frame is not 10 ms long
   * @throws OperationFailedException if the module rejects the audio (e.g. its sample rate)
   * @throws ResourceClosedException if the module is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the request
   */
  AudioFrame processStream(AudioFrame frame);

  /**
   * Feeds 10 ms of far-end audio (what the speakers play), which echo cancellation removes
   * from the captured stream.
   *
   * @param frame exactly 10 ms, at a rate the module supports
   * @return the far-end audio as the module passed it on
   * @throws IllegalArgumentException if the frame is not 10 ms long
   * @throws OperationFailedException if the module rejects the audio
   * @throws ResourceClosedException if the module is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the request
   */
  AudioFrame processReverseStream(AudioFrame frame);

  /**
   * Tells echo cancellation how long it takes from a far-end frame given to
   * {@link #processReverseStream} until its echo reaches {@link #processStream}.
   *
   * @param delay the delay, 0 to 500 ms in whole milliseconds
   * @throws IllegalArgumentException if the delay is negative
   * @throws OperationFailedException if the module rejects it
   * @throws ResourceClosedException if the module is closed
   */
  void setStreamDelay(Duration delay);

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Releases the module once no call is running. Idempotent, never blocks.
   */
  @Override
  void close();
}
