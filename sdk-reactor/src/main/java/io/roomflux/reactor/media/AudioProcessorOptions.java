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

  /**
   * Every stage on.
   *
   * @return the options
   */
  public static AudioProcessorOptions all() {
    return builder().echoCancellation(true).noiseSuppression(true).gainControl(true).highPassFilter(true).build();
  }

  /**
   * Every stage off: the module passes audio through.
   *
   * @return the options
   */
  public static AudioProcessorOptions none() {
    return builder().build();
  }

  /**
   * A builder with every stage off (as {@link #none()}).
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
    b.echoCancellation = echoCancellation;
    b.noiseSuppression = noiseSuppression;
    b.gainControl = gainControl;
    b.highPassFilter = highPassFilter;
    return b;
  }

  /**
   * Whether the far-end audio given to {@link AudioProcessor#processReverseStream} is removed
   * from the captured audio.
   *
   * @return whether the stage runs
   */
  public boolean echoCancellation() {
    return echoCancellation;
  }

  /**
   * Whether stationary background noise is suppressed.
   *
   * @return whether the stage runs
   */
  public boolean noiseSuppression() {
    return noiseSuppression;
  }

  /**
   * Whether automatic gain control runs.
   *
   * @return whether the stage runs
   */
  public boolean gainControl() {
    return gainControl;
  }

  /**
   * Whether low-frequency rumble is removed.
   *
   * @return whether the stage runs
   */
  public boolean highPassFilter() {
    return highPassFilter;
  }

  /**
   * With echo cancellation on or off.
   *
   * @param value on or off
   * @return new options
   */
  public AudioProcessorOptions withEchoCancellation(boolean value) {
    return toBuilder().echoCancellation(value).build();
  }

  /**
   * With noise suppression on or off.
   *
   * @param value on or off
   * @return new options
   */
  public AudioProcessorOptions withNoiseSuppression(boolean value) {
    return toBuilder().noiseSuppression(value).build();
  }

  /**
   * With gain control on or off.
   *
   * @param value on or off
   * @return new options
   */
  public AudioProcessorOptions withGainControl(boolean value) {
    return toBuilder().gainControl(value).build();
  }

  /**
   * With the high-pass filter on or off.
   *
   * @param value on or off
   * @return new options
   */
  public AudioProcessorOptions withHighPassFilter(boolean value) {
    return toBuilder().highPassFilter(value).build();
  }

  /**
   * Equal if the same stages run.
   *
   * @param other another object
   * @return whether the options are equal
   */
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

  /**
   * Describes the options.
   *
   * @return e.g. {@code AudioProcessorOptions[echoCancellation=true, ...]}
   */
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
     * See {@link AudioProcessorOptions#echoCancellation()}.
     *
     * @param value on or off
     * @return this builder
     */
    public Builder echoCancellation(boolean value) {
      echoCancellation = value;
      return this;
    }

    /**
     * See {@link AudioProcessorOptions#noiseSuppression()}.
     *
     * @param value on or off
     * @return this builder
     */
    public Builder noiseSuppression(boolean value) {
      noiseSuppression = value;
      return this;
    }

    /**
     * See {@link AudioProcessorOptions#gainControl()}.
     *
     * @param value on or off
     * @return this builder
     */
    public Builder gainControl(boolean value) {
      gainControl = value;
      return this;
    }

    /**
     * See {@link AudioProcessorOptions#highPassFilter()}.
     *
     * @param value on or off
     * @return this builder
     */
    public Builder highPassFilter(boolean value) {
      highPassFilter = value;
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
     */
    public AudioProcessorOptions build() {
      return new AudioProcessorOptions(this);
    }
  }
}
