package io.roomflux.reactor.media;

/** Test signals: sine waves and Goertzel power. */
public final class Signals {
  private Signals() {
  }

  /** A mono sine of {@code seconds} at {@code rate}, amplitude 10 000, as 10 ms frames. */
  static java.util.List<AudioFrame> sineFrames(double frequency, int rate, int tenMsFrames) {
    int perFrame = rate / 100;
    java.util.List<AudioFrame> frames = new java.util.ArrayList<>();
    for (int f = 0; f < tenMsFrames; f++) {
      short[] samples = new short[perFrame];
      for (int i = 0; i < perFrame; i++) {
        long n = (long) f * perFrame + i;
        samples[i] = (short) Math.round(10_000 * Math.sin(2 * Math.PI * frequency * n / rate));
      }
      frames.add(AudioFrame.of(samples, rate, 1));
    }
    return frames;
  }

  /**
   * Concatenates the (mono) samples of frames.
   *
   * @param frames the frames
   * @return their samples
   */
  public static short[] concat(java.util.List<AudioFrame> frames) {
    int total = frames.stream().mapToInt(f -> f.samples().remaining()).sum();
    short[] all = new short[total];
    int at = 0;
    for (AudioFrame f : frames) {
      int n = f.samples().remaining();
      f.samples().get(all, at, n);
      at += n;
    }
    return all;
  }

  /** Root mean square of the samples. */
  static double rms(short[] x) {
    double sum = 0;
    for (short v : x) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum / Math.max(1, x.length));
  }

  /** The power of one frequency in a signal (Goertzel). */
  static double power(short[] x, int rate, double frequency) {
    double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
    double s1 = 0;
    double s2 = 0;
    for (short v : x) {
      double s0 = v + coefficient * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  }
}
