package io.roomflux.reactor.media;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which stages of WebRTC's audio processing module an {@link AudioProcessor} runs. Immutable
 * and thread-safe; start from {@link #all()}, {@link #none()} or {@link #builder()} and change
 * what you need with the {@code with*} methods or {@link #toBuilder()}.
 */
public final class AudioProcessorOptions {
  private final boolean echoCancellation;
  private final boolean noiseSuppression;
  private final boolean gainControl;
  private final boolean highPassFilter;

  private AudioProcessorOptions(Builder b) {
    this.echoCancellation = b.echoCancellation;
    this.noiseSuppression = b.noiseSuppression;
    this.gainControl = b.gainControl;
    this.highPassFilter = b.highPassFilter;
  }

  /** {@return every stage on} */
  public static AudioProcessorOptions all() {
    return builder().echoCancellation(true).noiseSuppression(true).gainControl(true).highPassFilter(true).build();
  }

  /** {@return every stage off: the module passes audio through} */
  public static AudioProcessorOptions none() {
    return builder().build();
  }

  /** {@return a new builder, with every stage off (as {@link #none()})} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder, starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.echoCancellation = echoCancellation;
    b.noiseSuppression = noiseSuppression;
    b.gainControl = gainControl;
    b.highPassFilter = highPassFilter;
    return b;
  }

  /**
   * {@return whether echo cancellation runs} It removes from the captured audio the far-end audio
   * given to {@link AudioProcessor#processReverseStream}.
   */
  public boolean echoCancellation() {
    return echoCancellation;
  }

  /** {@return whether stationary background noise is suppressed} */
  public boolean noiseSuppression() {
    return noiseSuppression;
  }

  /** {@return whether automatic gain control runs} */
  public boolean gainControl() {
    return gainControl;
  }

  /** {@return whether low-frequency rumble is removed} */
  public boolean highPassFilter() {
    return highPassFilter;
  }

  /**
   * {@return these options with echo cancellation on or off}
   *
   * @param value on or off
   */
  public AudioProcessorOptions withEchoCancellation(boolean value) {
    return toBuilder().echoCancellation(value).build();
  }

  /**
   * {@return these options with noise suppression on or off}
   *
   * @param value on or off
   */
  public AudioProcessorOptions withNoiseSuppression(boolean value) {
    return toBuilder().noiseSuppression(value).build();
  }

  /**
   * {@return these options with gain control on or off}
   *
   * @param value on or off
   */
  public AudioProcessorOptions withGainControl(boolean value) {
    return toBuilder().gainControl(value).build();
  }

  /**
   * {@return these options with the high-pass filter on or off}
   *
   * @param value on or off
   */
  public AudioProcessorOptions withHighPassFilter(boolean value) {
    return toBuilder().highPassFilter(value).build();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AudioProcessorOptions o && o.echoCancellation == echoCancellation
        && o.noiseSuppression == noiseSuppression && o.gainControl == gainControl
        && o.highPassFilter == highPassFilter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(echoCancellation, noiseSuppression, gainControl, highPassFilter);
  }

  /** {@return a description, e.g. {@code AudioProcessorOptions[echoCancellation=true, ...]}} */
  @Override
  public String toString() {
    return "AudioProcessorOptions[echoCancellation=" + echoCancellation + ", noiseSuppression=" + noiseSuppression
        + ", gainControl=" + gainControl + ", highPassFilter=" + highPassFilter + "]";
  }

  /**
   * Builds {@link AudioProcessorOptions}; each stage is described on the accessor of the same
   * name, and is off unless switched on. Not thread-safe; reusable.
   */
  public static final class Builder {
    private boolean echoCancellation;
    private boolean noiseSuppression;
    private boolean gainControl;
    private boolean highPassFilter;

    private Builder() {
    }

    /**
     * {@return this builder, with {@link AudioProcessorOptions#echoCancellation()} set}
     *
     * @param value on or off
     */
    public Builder echoCancellation(boolean value) {
      echoCancellation = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioProcessorOptions#noiseSuppression()} set}
     *
     * @param value on or off
     */
    public Builder noiseSuppression(boolean value) {
      noiseSuppression = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioProcessorOptions#gainControl()} set}
     *
     * @param value on or off
     */
    public Builder gainControl(boolean value) {
      gainControl = value;
      return this;
    }

    /**
     * {@return this builder, with {@link AudioProcessorOptions#highPassFilter()} set}
     *
     * @param value on or off
     */
    public Builder highPassFilter(boolean value) {
      highPassFilter = value;
      return this;
    }

    /** {@return the options, immutable} */
    public AudioProcessorOptions build() {
      return new AudioProcessorOptions(this);
    }
  }
}
