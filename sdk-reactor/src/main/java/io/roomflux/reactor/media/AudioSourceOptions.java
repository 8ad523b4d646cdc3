package io.roomflux.reactor.media;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Settings of an {@link AudioSource}. Immutable and thread-safe; start from
 * {@link #of(int, int)} or {@link #builder()} and change what you need with the {@code with*}
 * methods or {@link #toBuilder()}.
 */
public final class AudioSourceOptions {
  private final int sampleRate;
  private final int numChannels;
  private final Duration queueSize;
  private final boolean echoCancellation;
  private final boolean noiseSuppression;
  private final boolean autoGainControl;
  private final Scheduler scheduler;

  private AudioSourceOptions(Builder b) {
    this.sampleRate = b.sampleRate;
    this.numChannels = b.numChannels;
    this.queueSize = b.queueSize;
    this.echoCancellation = b.echoCancellation;
    this.noiseSuppression = b.noiseSuppression;
    this.autoGainControl = b.autoGainControl;
    this.scheduler = b.scheduler;
  }

  /**
   * {@return the defaults for a format} A 1 s queue, no audio processing, the parallel scheduler.
   *
   * @param sampleRate the sample rate in Hz, a positive multiple of 100
   * @param numChannels the channel count, positive
   * @throws IllegalArgumentException if the rate or channel count is out of range
   */
  public static AudioSourceOptions of(int sampleRate, int numChannels) {
    return builder().sampleRate(sampleRate).numChannels(numChannels).build();
  }

  /**
   * {@return a new builder, starting from the defaults} 48 kHz mono, a 1 s queue, no audio
   * processing, the parallel scheduler.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder, starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sampleRate = sampleRate;
    b.numChannels = numChannels;
    b.queueSize = queueSize;
    b.echoCancellation = echoCancellation;
    b.noiseSuppression = noiseSuppression;
    b.autoGainControl = autoGainControl;
    b.scheduler = scheduler;
    return b;
  }

  /**
   * {@return the samples per second per channel of every captured frame, in Hz} A multiple of 100
   * (WebRTC works in 10 ms chunks). Default 48000.
   */
  public int sampleRate() {
    return sampleRate;
  }

  /** {@return the channels of every captured frame} Default 1. */
  public int numChannels() {
    return numChannels;
  }

  /**
   * {@return how much audio the source buffers ahead of real time} A whole number of 10 ms (the
   * core insists). {@link AudioSource#captureFrame} completes as soon as the frame fits into the
   * queue, so this is both the latency the queue adds and the head start a producer gets.
   * {@link Duration#ZERO} selects the core's unbuffered path: frames are passed on at once and
   * must each be exactly 10 ms long; nothing paces the producer then. Default 1 s, the core's own
   * default.
   */
  public Duration queueSize() {
    return queueSize;
  }

  /** {@return whether WebRTC echo cancellation runs on the published track} Default off. */
  public boolean echoCancellation() {
    return echoCancellation;
  }

  /** {@return whether WebRTC noise suppression runs on the published track} Default off. */
  public boolean noiseSuppression() {
    return noiseSuppression;
  }

  /** {@return whether WebRTC automatic gain control runs on the published track} Default off. */
  public boolean autoGainControl() {
    return autoGainControl;
  }

  /**
   * {@return where {@link AudioSource#captureFrame} and {@link AudioSource#waitForPlayout} signal}
   * Also the timer of the latter; never the core's threads. Default {@link Schedulers#parallel()}.
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * {@return these options with another queue size}
   *
   * @param value a whole number of 10 ms, or zero for the unbuffered path
   * @throws IllegalArgumentException if not a whole number of 10 ms, or too large for the format
   */
  public AudioSourceOptions withQueueSize(Duration value) {
    return toBuilder().queueSize(value).build();
  }

  /**
   * {@return these options with WebRTC's audio processing on or off for the published track}
   *
   * @param echo echo cancellation
   * @param noise noise suppression
   * @param gain automatic gain control
   */
  public AudioSourceOptions withProcessing(boolean echo, boolean noise, boolean gain) {
    return toBuilder().echoCancellation(echo).noiseSuppression(noise).autoGainControl(gain).build();
  }

  /**
   * {@return these options with another scheduler for signals and timers}
   *
   * @param value the scheduler
   */
  public AudioSourceOptions withScheduler(Scheduler value) {
    return toBuilder().scheduler(value).build();
  }

  /**
   * {@return whether every setting is equal} Schedulers are compared by identity.
   *
   * @param other another object
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AudioSourceOptions o && o.sampleRate == sampleRate && o.numChannels == numChannels
        && o.queueSize.equals(queueSize) && o.echoCancellation == echoCancellation
        && o.noiseSuppression == noiseSuppression && o.autoGainControl == autoGainControl
        && o.scheduler.equals(scheduler);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sampleRate, numChannels, queueSize, echoCancellation, noiseSuppression, autoGainControl,
        scheduler);
  }

  /** {@return a description, e.g. {@code AudioSourceOptions[sampleRate=48000, numChannels=1, ...]}} */
  @Override
  public String toString() {
    return "AudioSourceOptions[sampleRate=" + sampleRate + ", numChannels=" + numChannels + ", queueSize="
        + queueSize + ", echoCancellation=" + echoCancellation + ", noiseSuppression=" + noiseSuppression
        + ", autoGainControl=" + autoGainControl + ", scheduler=" + scheduler + "]";
  }

  /**
   * Builds {@link AudioSourceOptions}; each setting's meaning and default is on the accessor of
   * the same name. Each setter checks its value at once; {@link #build()} checks that the queue
   * fits the format. Not thread-safe; reusable.
   */
  public static final class Builder {
    private int sampleRate = 48_000;
    private int numChannels = 1;
    private Duration queueSize = Duration.ofSeconds(1);
    private boolean echoCancellation;
    private boolean noiseSuppression;
    private boolean autoGainControl;
    private Scheduler scheduler = Schedulers.parallel();

    private Builder() {
    }

    /**
     * {@return this builder, with {@link AudioSourceOptions#sampleRate()} set}
     *
     * @param value a positive multiple of 100, in Hz
     * @throws IllegalArgumentException if not a positive multiple of 100
     */
    public Builder sampleRate(int value) {
      if (value <= 0 || value % 100 != 0) {
        throw new IllegalArgumentException("sampleRate must be a positive multiple of 100 Hz, was " + value);
      }
      sampleRate = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioSourceOptions#numChannels()} set}
     *
     * @param value positive
     * @throws IllegalArgumentException if not positive
     */
    public Builder numChannels(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("numChannels must be positive, was " + value);
      }
      numChannels = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioSourceOptions#queueSize()} set}
     *
     * @param value a whole number of 10 ms, or zero for the unbuffered path
     * @throws IllegalArgumentException if negative or not a whole number of 10 ms
     */
    public Builder queueSize(Duration value) {
      Objects.requireNonNull(value, "queueSize");
      // The core asserts (and aborts the process) unless the queue is a whole number of 10 ms.
      if (value.isNegative() || value.toNanos() % 10_000_000L != 0) {
        throw new IllegalArgumentException("queueSize must be a whole number of 10 ms, was " + value);
      }
      queueSize = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioSourceOptions#echoCancellation()} set}
     *
     * @param value on or off
     */
    public Builder echoCancellation(boolean value) {
      echoCancellation = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioSourceOptions#noiseSuppression()} set}
     *
     * @param value on or off
     */
    public Builder noiseSuppression(boolean value) {
      noiseSuppression = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioSourceOptions#autoGainControl()} set}
     *
     * @param value on or off
     */
    public Builder autoGainControl(boolean value) {
      autoGainControl = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioSourceOptions#scheduler()} set}
     *
     * @param value the scheduler
     */
    public Builder scheduler(Scheduler value) {
      scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * {@return the options, immutable}
     *
     * @throws IllegalArgumentException if the queue holds more samples than the core can count
     *     at this rate and channel count
     */
    public AudioSourceOptions build() {
      // The core sizes its queue in 32-bit sample counts.
      if (queueSize.getSeconds() * (double) sampleRate * numChannels > Integer.MAX_VALUE / 2.0) {
        throw new IllegalArgumentException("queueSize " + queueSize + " is too large for " + sampleRate + " Hz, "
            + numChannels + " channel(s)");
      }
      return new AudioSourceOptions(this);
    }
  }
}
