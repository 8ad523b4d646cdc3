package io.roomflux.reactor.media;

import java.nio.ShortBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable block of audio: interleaved signed 16-bit PCM samples (for stereo: left, right,
 * left, right, ...) with its sample rate and channel count.
 *
 * <p>The samples are a private heap copy, so a frame may be shared between threads and kept
 * as long as needed; it holds no native memory and no handle. Sources, resamplers and the audio
 * processor copy it into native memory for the duration of a request.
 */
public final class AudioFrame {
  private final short[] samples;
  private final int sampleRate;
  private final int numChannels;

  private AudioFrame(short[] samples, int sampleRate, int numChannels) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive, was " + sampleRate);
    }
    if (numChannels <= 0) {
      throw new IllegalArgumentException("numChannels must be positive, was " + numChannels);
    }
    if (samples.length % numChannels != 0) {
      throw new IllegalArgumentException(samples.length + " interleaved samples do not divide into "
          + numChannels + " channels");
    }
    this.samples = samples;
    this.sampleRate = sampleRate;
    this.numChannels = numChannels;
  }

  /**
   * A frame holding a copy of these samples.
   *
   * @param interleaved the samples, channels interleaved; its length must be a multiple of
   *     {@code numChannels}
   * @param sampleRate samples per second per channel, e.g. 48000
   * @param numChannels 1 for mono, 2 for stereo, ...
   * @return the frame
   * @throws IllegalArgumentException if the rate or channel count is not positive or the samples
   *     do not divide into the channels
   */
  public static AudioFrame of(short[] interleaved, int sampleRate, int numChannels) {
    return new AudioFrame(interleaved.clone(), sampleRate, numChannels);
  }

  /**
   * A frame on these samples, without a copy: the caller hands the array over and must not
   * change it afterwards (frames are immutable). For producers that fill a fresh array per frame.
   *
   * @param interleaved the samples, channels interleaved; its length must be a multiple of
   *     {@code numChannels}
   * @param sampleRate samples per second per channel
   * @param numChannels the channel count
   * @return the frame
   * @throws IllegalArgumentException as {@link #of(short[], int, int)}
   */
  public static AudioFrame wrap(short[] interleaved, int sampleRate, int numChannels) {
    return new AudioFrame(interleaved, sampleRate, numChannels);
  }

  /**
   * A frame holding a copy of the buffer's remaining samples; the buffer's position is not moved.
   *
   * @param interleaved the samples, channels interleaved
   * @param sampleRate samples per second per channel
   * @param numChannels the channel count
   * @return the frame
   * @throws IllegalArgumentException as {@link #of(short[], int, int)}
   */
  public static AudioFrame of(ShortBuffer interleaved, int sampleRate, int numChannels) {
    short[] copy = new short[interleaved.remaining()];
    interleaved.get(interleaved.position(), copy);
    return new AudioFrame(copy, sampleRate, numChannels);
  }

  /**
   * A frame of silence.
   *
   * @param sampleRate samples per second per channel
   * @param numChannels the channel count
   * @param samplesPerChannel how many samples each channel holds
   * @return the frame
   * @throws IllegalArgumentException if a value is not positive (or negative, for the length)
   */
  public static AudioFrame silence(int sampleRate, int numChannels, int samplesPerChannel) {
    if (samplesPerChannel < 0) {
      throw new IllegalArgumentException("samplesPerChannel must not be negative");
    }
    return new AudioFrame(new short[Math.multiplyExact(samplesPerChannel, Math.max(numChannels, 1))],
        sampleRate, numChannels);
  }

  /**
   * Joins frames of one format into one frame, their samples one after the other in list order
   * (for example 10 ms frames into a 100 ms block). Copies the samples; pure, thread-safe.
   *
   * @param frames one or more frames, all of the same sample rate and channel count
   * @return the combined frame
   * @throws IllegalArgumentException if the list is empty or the frames' formats differ
   */
  public static AudioFrame combine(java.util.List<AudioFrame> frames) {
    java.util.List<AudioFrame> all = java.util.List.copyOf(frames);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no frames to combine");
    }
    AudioFrame first = all.getFirst();
    int total = 0;
    for (AudioFrame f : all) {
      if (f.sampleRate != first.sampleRate || f.numChannels != first.numChannels) {
        throw new IllegalArgumentException("frames of different formats cannot be combined: " + first + " and " + f);
      }
      total = Math.addExact(total, f.samples.length);
    }
    short[] joined = new short[total];
    int at = 0;
    for (AudioFrame f : all) {
      System.arraycopy(f.samples, 0, joined, at, f.samples.length);
      at += f.samples.length;
    }
    return new AudioFrame(joined, first.sampleRate, first.numChannels);
  }

  /**
   * The samples, as a read-only view with its own position: no copy.
   *
   * @return interleaved samples from position 0 to {@code numChannels * samplesPerChannel}
   */
  public ShortBuffer samples() {
    return ShortBuffer.wrap(samples).asReadOnlyBuffer();
  }

  /**
   * A copy of the samples.
   *
   * @return a new array of interleaved samples
   */
  public short[] toArray() {
    return samples.clone();
  }

  /**
   * One sample.
   *
   * @param index the sample's position per channel
   * @param channel the channel
   * @return the sample
   * @throws IndexOutOfBoundsException if there is no such sample
   */
  public short sample(int index, int channel) {
    Objects.checkIndex(channel, numChannels);
    Objects.checkIndex(index, samplesPerChannel());
    return samples[index * numChannels + channel];
  }

  /**
   * Samples per second per channel.
   *
   * @return the sample rate in Hz
   */
  public int sampleRate() {
    return sampleRate;
  }

  /**
   * The channel count.
   *
   * @return 1 for mono, 2 for stereo, ...
   */
  public int numChannels() {
    return numChannels;
  }

  /**
   * How many samples each channel holds.
   *
   * @return the length in samples per channel
   */
  public int samplesPerChannel() {
    return samples.length / numChannels;
  }

  /**
   * How long the frame plays.
   *
   * @return {@code samplesPerChannel / sampleRate}, to the nanosecond
   */
  public Duration duration() {
    return Duration.ofNanos(samplesPerChannel() * 1_000_000_000L / sampleRate);
  }

  /**
   * Whether the frame lasts exactly 10 ms, the chunk WebRTC's audio processing works on.
   *
   * @return true if {@code samplesPerChannel * 100 == sampleRate}
   */
  public boolean isTenMilliseconds() {
    return samplesPerChannel() * 100L == sampleRate;
  }

  /**
   * A new frame of the samples from {@code fromSample} (inclusive) to {@code toSample}
   * (exclusive) of each channel.
   *
   * @param fromSample the first sample per channel
   * @param toSample the end, exclusive
   * @return the slice
   * @throws IndexOutOfBoundsException if the range is outside the frame
   */
  public AudioFrame slice(int fromSample, int toSample) {
    Objects.checkFromToIndex(fromSample, toSample, samplesPerChannel());
    return new AudioFrame(Arrays.copyOfRange(samples, fromSample * numChannels, toSample * numChannels),
        sampleRate, numChannels);
  }

  /**
   * Equal if the format and every sample are equal.
   *
   * @param other another object
   * @return whether it is an equal frame
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AudioFrame f && f.sampleRate == sampleRate && f.numChannels == numChannels
        && Arrays.equals(f.samples, samples);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * sampleRate + numChannels) + Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return "AudioFrame[" + sampleRate + " Hz, " + numChannels + " ch, " + samplesPerChannel()
        + " samples per channel]";
  }
}
