package io.roomflux.reactor.media;

import io.roomflux.reactor.ResourceClosedException;

/**
 * WebRTC's resampler: converts audio to another sample rate and between mono and stereo, in
 * 10 ms steps. It keeps filter state from one call to the next, so feed one continuous stream
 * through one resampler; for a one-off conversion of a longer clip, {@link SoxResampler} is the
 * better tool.
 *
 * <p>Synchronous: each call is a short native request per 10 ms, fine on any thread. Calls on
 * one resampler are serialized. {@link #close()} releases it once no call is running.
 */
public interface AudioResampler extends AutoCloseable {

  /**
   * Converts a frame to another channel count and sample rate.
   *
   * <p>WebRTC converts exactly 10 ms at a time, and some of that is held back as filter delay
   * (a few samples at the start of a stream); the result has exactly the input's duration.
   *
   * @param frame a whole number of 10 ms ({@code sampleRate / 100} samples per channel each), of
   *     a rate that is a multiple of 100 Hz from 8 kHz to 384 kHz
   * @param numChannels the channels wanted: the same as the frame's, or 1 or 2 from mono or stereo
   * @param sampleRate the rate wanted, a multiple of 100 Hz from 8 kHz to 384 kHz
   * @return the converted frame
   * @throws IllegalArgumentException if the frame is not a whole number of 10 ms or the
   *     conversion is not supported (WebRTC would abort the process on such input)
   * @throws ResourceClosedException if the resampler is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the request
   */
  AudioFrame remixAndResample(AudioFrame frame, int numChannels, int sampleRate);

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
