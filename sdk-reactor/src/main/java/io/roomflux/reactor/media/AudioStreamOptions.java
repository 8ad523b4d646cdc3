package io.roomflux.reactor.media;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * How a remote audio track is received ({@link io.roomflux.reactor.Room#audioFrames}).
 * Immutable and thread-safe; start from {@link #defaults()}, {@link #of(int, int)} or
 * {@link #builder()} and change what you need with the {@code with*} methods or
 * {@link #toBuilder()}.
 */
public final class AudioStreamOptions {
  private final int sampleRate;
  private final int numChannels;
  private final Optional<Duration> frameSize;
  private final int maxBufferedFrames;
  private final FrameOverflow overflow;
  private final Optional<Scheduler> scheduler;
  private final Optional<AudioFilter> audioFilter;
  private final String audioFilterOptions;

  private AudioStreamOptions(Builder b) {
    this.sampleRate = b.sampleRate;
    this.numChannels = b.numChannels;
    this.frameSize = b.frameSize;
    this.maxBufferedFrames = b.maxBufferedFrames;
    this.overflow = b.overflow;
    this.scheduler = b.scheduler;
    this.audioFilter = b.audioFilter;
    this.audioFilterOptions = b.audioFilterOptions;
  }

  /**
   * {@return the defaults} 48 kHz mono 10 ms frames, at most 50 frames buffered, dropping the
   * oldest, on the room's scheduler.
   */
  public static AudioStreamOptions defaults() {
    return builder().build();
  }

  /**
   * {@return the defaults for another format}
   *
   * @param sampleRate the sample rate in Hz, positive
   * @param numChannels the channel count, positive
   * @throws IllegalArgumentException if the rate or channel count is not positive
   */
  public static AudioStreamOptions of(int sampleRate, int numChannels) {
    return builder().sampleRate(sampleRate).numChannels(numChannels).build();
  }

  /** {@return a new builder, starting from the defaults ({@link #defaults()})} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder, starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sampleRate = sampleRate;
    b.numChannels = numChannels;
    b.frameSize = frameSize;
    b.maxBufferedFrames = maxBufferedFrames;
    b.overflow = overflow;
    b.scheduler = scheduler;
    b.audioFilter = audioFilter;
    b.audioFilterOptions = audioFilterOptions;
    return b;
  }

  /** {@return the sample rate of the frames delivered, in Hz} The core resamples to it. Default 48000. */
  public int sampleRate() {
    return sampleRate;
  }

  /** {@return the channel count of the frames delivered} The core remixes to it. Default 1. */
  public int numChannels() {
    return numChannels;
  }

  /**
   * {@return how much audio each frame holds, if set} A whole number of milliseconds. Default
   * empty: what WebRTC delivers, 10 ms.
   */
  public Optional<Duration> frameSize() {
    return frameSize;
  }

  /**
   * {@return how many frames may wait for the subscriber before {@link #overflow()} applies} At
   * least 1. Memory per stream is bounded by it. Default 50 (half a second of 10 ms frames).
   */
  public int maxBufferedFrames() {
    return maxBufferedFrames;
  }

  /**
   * {@return what happens when the subscriber falls further behind} Default
   * {@link FrameOverflow#DROP_OLDEST}.
   */
  public FrameOverflow overflow() {
    return overflow;
  }

  /**
   * {@return where frames are delivered, if set} Default empty: the room's scheduler
   * ({@link io.roomflux.reactor.LiveKitOptions#scheduler()}). Never the core's threads.
   */
  public Optional<Scheduler> scheduler() {
    return scheduler;
  }

  /**
   * {@return the audio filter plugin the frames pass through, if set} The core runs it on every
   * 10 ms of audio, before the frames are cut to {@link #frameSize()}. A plugin with the basic
   * entry points gets the audio already resampled and remixed to {@link #sampleRate()} and
   * {@link #numChannels()}; one that also exports {@code audio_filter_create_v2} and
   * {@code audio_filter_process_int16_v2} gets it at the track's codec rate and resamples it
   * itself. If the plugin's {@code audio_filter_create} returns no session, the core delivers the
   * stream unfiltered and only logs an error. Default empty.
   */
  public Optional<AudioFilter> audioFilter() {
    return audioFilter;
  }

  /**
   * {@return the options string handed to the filter plugin} Opaque to RoomFlux: the plugin's
   * {@code audio_filter_create} receives it for each stream. Default empty; unused without
   * {@link #audioFilter()}.
   */
  public String audioFilterOptions() {
    return audioFilterOptions;
  }

  /**
   * {@return these options with the frames passed through an audio filter plugin, with no options}
   *
   * @param filter a filter {@link Media#loadAudioFilterPlugin} returned
   */
  public AudioStreamOptions withAudioFilter(AudioFilter filter) {
    return toBuilder().audioFilter(filter).audioFilterOptions("").build();
  }

  /**
   * {@return these options with the frames passed through an audio filter plugin}
   *
   * @param filter a filter {@link Media#loadAudioFilterPlugin} returned
   * @param options the plugin's options for this stream (opaque to RoomFlux, often JSON)
   */
  public AudioStreamOptions withAudioFilter(AudioFilter filter, String options) {
    return toBuilder().audioFilter(filter).audioFilterOptions(options).build();
  }

  /**
   * {@return these options with frames of another length}
   *
   * @param value a positive whole number of milliseconds
   * @throws IllegalArgumentException if not a positive whole number of milliseconds
   */
  public AudioStreamOptions withFrameSize(Duration value) {
    return toBuilder().frameSize(value).build();
  }

  /**
   * {@return these options with another bound on the frames waiting for the subscriber}
   *
   * @param value at least 1
   * @throws IllegalArgumentException if below 1
   */
  public AudioStreamOptions withMaxBufferedFrames(int value) {
    return toBuilder().maxBufferedFrames(value).build();
  }

  /**
   * {@return these options with another overflow policy}
   *
   * @param value the policy
   */
  public AudioStreamOptions withOverflow(FrameOverflow value) {
    return toBuilder().overflow(value).build();
  }

  /**
   * {@return these options with frames delivered on another scheduler}
   *
   * @param value the scheduler
   */
  public AudioStreamOptions withScheduler(Scheduler value) {
    return toBuilder().scheduler(value).build();
  }

  /**
   * {@return whether every setting is equal} Schedulers are compared by identity.
   *
   * @param other another object
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AudioStreamOptions o && o.sampleRate == sampleRate && o.numChannels == numChannels
        && o.frameSize.equals(frameSize) && o.maxBufferedFrames == maxBufferedFrames && o.overflow == overflow
        && o.scheduler.equals(scheduler) && o.audioFilter.equals(audioFilter)
        && o.audioFilterOptions.equals(audioFilterOptions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sampleRate, numChannels, frameSize, maxBufferedFrames, overflow, scheduler, audioFilter,
        audioFilterOptions);
  }

  /** {@return a description, e.g. {@code AudioStreamOptions[sampleRate=48000, numChannels=1, ...]}} */
  @Override
  public String toString() {
    return "AudioStreamOptions[sampleRate=" + sampleRate + ", numChannels=" + numChannels + ", frameSize="
        + frameSize + ", maxBufferedFrames=" + maxBufferedFrames + ", overflow=" + overflow + ", scheduler="
        + scheduler + ", audioFilter=" + audioFilter + ", audioFilterOptions=" + audioFilterOptions + "]";
  }

  /**
   * Builds {@link AudioStreamOptions}; each setting's meaning and default is on the accessor of
   * the same name. Each setter checks its value at once. Not thread-safe; reusable.
   */
  public static final class Builder {
    private int sampleRate = 48_000;
    private int numChannels = 1;
    private Optional<Duration> frameSize = Optional.empty();
    private int maxBufferedFrames = 50;
    private FrameOverflow overflow = FrameOverflow.DROP_OLDEST;
    private Optional<Scheduler> scheduler = Optional.empty();
    private Optional<AudioFilter> audioFilter = Optional.empty();
    private String audioFilterOptions = "";

    private Builder() {
    }

    /**
     * {@return this builder, with {@link AudioStreamOptions#sampleRate()} set}
     *
     * @param value positive, in Hz
     * @throws IllegalArgumentException if not positive
     */
    public Builder sampleRate(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("sampleRate must be positive, was " + value);
      }
      sampleRate = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioStreamOptions#numChannels()} set}
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
     * {@return this builder, with {@link AudioStreamOptions#frameSize()} set}
     *
     * @param value a positive whole number of milliseconds
     * @throws IllegalArgumentException if not a positive whole number of milliseconds
     */
    public Builder frameSize(Duration value) {
      Objects.requireNonNull(value, "frameSize");
      if (value.isNegative() || value.isZero() || value.toNanos() % 1_000_000L != 0
          || value.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("frameSize must be a positive whole number of milliseconds, was " + value);
      }
      frameSize = Optional.of(value);
      return this;
    }

    /**
     * {@return this builder, with {@link AudioStreamOptions#maxBufferedFrames()} set}
     *
     * @param value at least 1
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxBufferedFrames(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxBufferedFrames must be at least 1, was " + value);
      }
      maxBufferedFrames = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioStreamOptions#overflow()} set}
     *
     * @param value the policy
     */
    public Builder overflow(FrameOverflow value) {
      overflow = Objects.requireNonNull(value, "overflow");
      return this;
    }

    /**
     * {@return this builder, with {@link AudioStreamOptions#scheduler()} set}
     *
     * @param value the scheduler
     */
    public Builder scheduler(Scheduler value) {
      scheduler = Optional.of(Objects.requireNonNull(value, "scheduler"));
      return this;
    }

    /**
     * {@return this builder, with {@link AudioStreamOptions#audioFilter()} set}
     *
     * @param value a filter {@link Media#loadAudioFilterPlugin} returned
     */
    public Builder audioFilter(AudioFilter value) {
      audioFilter = Optional.of(Objects.requireNonNull(value, "audioFilter"));
      return this;
    }

    /**
     * {@return this builder, with {@link AudioStreamOptions#audioFilterOptions()} set}
     *
     * @param value the plugin's options, may be empty
     */
    public Builder audioFilterOptions(String value) {
      audioFilterOptions = Objects.requireNonNull(value, "audioFilterOptions");
      return this;
    }

    /** {@return the options, immutable} */
    public AudioStreamOptions build() {
      return new AudioStreamOptions(this);
    }
  }
}
