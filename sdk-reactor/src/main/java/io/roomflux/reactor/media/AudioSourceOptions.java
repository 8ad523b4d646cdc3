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
   * The defaults for a format: a 1 s queue, no audio processing, the parallel scheduler.
   *
   * @param sampleRate the sample rate in Hz, a positive multiple of 100
   * @param numChannels the channel count, positive
   * @return the options
   * @throws IllegalArgumentException if the rate or channel count is out of range
   */
  public static AudioSourceOptions of(int sampleRate, int numChannels) {
    return builder().sampleRate(sampleRate).numChannels(numChannels).build();
  }

  /**
   * A builder starting from the defaults (48 kHz mono, a 1 s queue, no audio processing, the
   * parallel scheduler).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
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
   * Samples per second per channel of every captured frame, a multiple of 100 (WebRTC works in
   * 10 ms chunks). Default 48000.
   *
   * @return the rate in Hz
   */
  public int sampleRate() {
    return sampleRate;
  }

  /**
   * Channels of every captured frame. Default 1.
   *
   * @return the channel count
   */
  public int numChannels() {
    return numChannels;
  }

  /**
   * How much audio the source buffers ahead of real time, a whole number of 10 ms (the core
   * insists). {@link AudioSource#captureFrame} completes as soon as the frame fits into the
   * queue, so this is both the latency the queue adds and the head start a producer gets.
   * {@link Duration#ZERO} selects the core's unbuffered path: frames are passed on at once and
   * must each be exactly 10 ms long; nothing paces the producer then. Default 1 s, the core's own
   * default.
   *
   * @return the queue length, as audio time
   */
  public Duration queueSize() {
    return queueSize;
  }

  /**
   * WebRTC echo cancellation on the published track. Default off.
   *
   * @return whether it is on
   */
  public boolean echoCancellation() {
    return echoCancellation;
  }

  /**
   * WebRTC noise suppression on the published track. Default off.
   *
   * @return whether it is on
   */
  public boolean noiseSuppression() {
    return noiseSuppression;
  }

  /**
   * WebRTC automatic gain control on the published track. Default off.
   *
   * @return whether it is on
   */
  public boolean autoGainControl() {
    return autoGainControl;
  }

  /**
   * Where {@link AudioSource#captureFrame} and {@link AudioSource#waitForPlayout} signal, and the
   * timer of the latter; never the core's threads. Default {@link Schedulers#parallel()}.
   *
   * @return the scheduler
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * With another queue size.
   *
   * @param value a whole number of 10 ms, or zero for the unbuffered path
   * @return new options
   * @throws IllegalArgumentException if not a whole number of 10 ms, or too large for the format
   */
  public AudioSourceOptions withQueueSize(Duration value) {
    return toBuilder().queueSize(value).build();
  }

  /**
   * With WebRTC's audio processing switched on or off for the published track.
   *
   * @param echo echo cancellation
   * @param noise noise suppression
   * @param gain automatic gain control
   * @return new options
   */
  public AudioSourceOptions withProcessing(boolean echo, boolean noise, boolean gain) {
    return toBuilder().echoCancellation(echo).noiseSuppression(noise).autoGainControl(gain).build();
  }

  /**
   * With another scheduler for signals and timers.
   *
   * @param value the scheduler
   * @return new options
   */
  public AudioSourceOptions withScheduler(Scheduler value) {
    return toBuilder().scheduler(value).build();
  }

  /**
   * Equal if every setting is (schedulers compared by identity).
   *
   * @param other another object
   * @return whether the options are equal
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

  /**
   * Describes the options.
   *
   * @return e.g. {@code AudioSourceOptions[sampleRate=48000, numChannels=1, queueSize=PT1S, ...]}
   */
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
     * See {@link AudioSourceOptions#sampleRate()}.
     *
     * @param value a positive multiple of 100, in Hz
     * @return this builder
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
     * See {@link AudioSourceOptions#numChannels()}.
     *
     * @param value positive
     * @return this builder
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
     * See {@link AudioSourceOptions#queueSize()}.
     *
     * @param value a whole number of 10 ms, or zero for the unbuffered path
     * @return this builder
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
     * See {@link AudioSourceOptions#echoCancellation()}.
     *
     * @param value on or off
     * @return this builder
     */
    public Builder echoCancellation(boolean value) {
      echoCancellation = value;
      return this;
    }

    /**
     * See {@link AudioSourceOptions#noiseSuppression()}.
     *
     * @param value on or off
     * @return this builder
     */
    public Builder noiseSuppression(boolean value) {
      noiseSuppression = value;
      return this;
    }

    /**
     * See {@link AudioSourceOptions#autoGainControl()}.
     *
     * @param value on or off
     * @return this builder
     */
    public Builder autoGainControl(boolean value) {
      autoGainControl = value;
      return this;
    }

    /**
     * See {@link AudioSourceOptions#scheduler()}.
     *
     * @param value the scheduler
     * @return this builder
     */
    public Builder scheduler(Scheduler value) {
      scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
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
