package io.roomflux.reactor.media;

/**
 * Which stages of WebRTC's audio processing module an {@link AudioProcessor} runs.
 *
 * @param echoCancellation remove from the captured audio the far-end audio given to
 *     {@link AudioProcessor#processReverseStream}
 * @param noiseSuppression suppress stationary background noise
 * @param gainControl automatic gain control
 * @param highPassFilter remove low-frequency rumble
 */
public record AudioProcessorOptions(boolean echoCancellation, boolean noiseSuppression, boolean gainControl,
                                    boolean highPassFilter) {
  /**
   * Every stage on.
   *
   * @return the options
   */
  public static AudioProcessorOptions all() {
    return new AudioProcessorOptions(true, true, true, true);
  }

  /**
   * Every stage off: the module passes audio through.
   *
   * @return the options
   */
  public static AudioProcessorOptions none() {
    return new AudioProcessorOptions(false, false, false, false);
  }

  /**
   * With echo cancellation on or off.
   *
   * @param value on or off
   * @return new options
   */
  public AudioProcessorOptions withEchoCancellation(boolean value) {
    return new AudioProcessorOptions(value, noiseSuppression, gainControl, highPassFilter);
  }

  /**
   * With noise suppression on or off.
   *
   * @param value on or off
   * @return new options
   */
  public AudioProcessorOptions withNoiseSuppression(boolean value) {
    return new AudioProcessorOptions(echoCancellation, value, gainControl, highPassFilter);
  }

  /**
   * With gain control on or off.
   *
   * @param value on or off
   * @return new options
   */
  public AudioProcessorOptions withGainControl(boolean value) {
    return new AudioProcessorOptions(echoCancellation, noiseSuppression, value, highPassFilter);
  }

  /**
   * With the high-pass filter on or off.
   *
   * @param value on or off
   * @return new options
   */
  public AudioProcessorOptions withHighPassFilter(boolean value) {
    return new AudioProcessorOptions(echoCancellation, noiseSuppression, gainControl, value);
  }
}
