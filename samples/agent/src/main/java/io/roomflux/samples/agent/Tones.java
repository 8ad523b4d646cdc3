package io.roomflux.samples.agent;

/**
 * The sample's tone: a phase-continuous sine generator and the Goertzel power ratio that measures
 * it (the same arithmetic as samples/tone's and the test kit's {@code Tones}, kept here so that the sample needs no
 * test kit at run time). Samples are signed 16-bit PCM, channels interleaved.
 */
final class Tones {
  private Tones() {}

  /**
   * How much of a signal's power lies at one frequency: {@code 2|X(f)|^2 / (N * sum(x^2))} over
   * the first channel's {@code N} samples. About 1.0 for a pure tone at {@code f} (exactly 1 when
   * the window holds a whole number of its cycles), near 0 for silence, noise or another
   * frequency.
   *
   * @param interleaved the samples
   * @param numChannels the channel count; only channel 0 is analysed
   * @param sampleRate samples per second per channel
   * @param frequency the frequency to look for, in Hz
   * @return the ratio, 0 for silence or no samples
   */
  static double powerRatio(short[] interleaved, int numChannels, int sampleRate, double frequency) {
    if (numChannels <= 0 || sampleRate <= 0) {
      throw new IllegalArgumentException("numChannels and sampleRate must be positive");
    }
    int n = interleaved.length / numChannels;
    if (n == 0) {
      return 0;
    }
    double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
    double s1 = 0;
    double s2 = 0;
    double energy = 0;
    for (int i = 0; i < n; i++) {
      double x = interleaved[i * numChannels];
      double s0 = x + coefficient * s1 - s2;
      s2 = s1;
      s1 = s0;
      energy += x * x;
    }
    if (energy == 0) {
      return 0;
    }
    double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    return 2 * power / (n * energy);
  }

  /**
   * A sine generator that continues its phase from one block to the next. Not thread-safe.
   */
  static final class Sine {
    private final double step;
    private final double amplitude;
    private final int numChannels;
    private long index;

    /**
     * Creates a generator.
     *
     * @param frequency the tone's frequency in Hz
     * @param sampleRate samples per second per channel
     * @param numChannels the channel count; every channel gets the same sample
     * @param amplitude the peak as a fraction of full scale, 0 to 1
     */
    Sine(double frequency, int sampleRate, int numChannels, double amplitude) {
      if (sampleRate <= 0 || numChannels <= 0) {
        throw new IllegalArgumentException("sampleRate and numChannels must be positive");
      }
      if (amplitude < 0 || amplitude > 1) {
        throw new IllegalArgumentException("amplitude must be 0 to 1, was " + amplitude);
      }
      this.step = 2 * Math.PI * frequency / sampleRate;
      this.amplitude = amplitude * Short.MAX_VALUE;
      this.numChannels = numChannels;
    }

    /**
     * The next block of samples.
     *
     * @param samplesPerChannel how many samples each channel gets (480 for 10 ms at 48 kHz)
     * @return {@code samplesPerChannel * numChannels} interleaved samples
     */
    short[] next(int samplesPerChannel) {
      short[] out = new short[samplesPerChannel * numChannels];
      for (int i = 0; i < samplesPerChannel; i++) {
        short value = (short) Math.round(amplitude * Math.sin(step * (index + i)));
        for (int c = 0; c < numChannels; c++) {
          out[i * numChannels + c] = value;
        }
      }
      index += samplesPerChannel;
      return out;
    }
  }
}
