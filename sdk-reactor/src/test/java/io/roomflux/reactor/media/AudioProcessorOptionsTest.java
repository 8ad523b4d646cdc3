package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link AudioProcessorOptions} is an immutable value built and copied through its builder. */
class AudioProcessorOptionsTest {
  @Test
  void theBuilderStartsWithEveryStageOff() {
    AudioProcessorOptions none = AudioProcessorOptions.builder().build();

    assertThat(none.echoCancellation()).isFalse();
    assertThat(none.noiseSuppression()).isFalse();
    assertThat(none.gainControl()).isFalse();
    assertThat(none.highPassFilter()).isFalse();
    assertThat(none).isEqualTo(AudioProcessorOptions.none()).hasSameHashCodeAs(AudioProcessorOptions.none());
  }

  @Test
  void allSwitchesEveryStageOn() {
    AudioProcessorOptions all = AudioProcessorOptions.all();

    assertThat(all.echoCancellation()).isTrue();
    assertThat(all.noiseSuppression()).isTrue();
    assertThat(all.gainControl()).isTrue();
    assertThat(all.highPassFilter()).isTrue();
    assertThat(all).isEqualTo(AudioProcessorOptions.none().withEchoCancellation(true).withNoiseSuppression(true)
        .withGainControl(true).withHighPassFilter(true));
  }

  @Test
  void withMethodsAndToBuilderChangeOnlyTheirOwnStage() {
    AudioProcessorOptions options = AudioProcessorOptions.all().withNoiseSuppression(false);

    assertThat(options.noiseSuppression()).isFalse();
    assertThat(options.echoCancellation()).isTrue();
    assertThat(AudioProcessorOptions.all().noiseSuppression()).isTrue();
    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(options.toBuilder().noiseSuppression(true).build()).isEqualTo(AudioProcessorOptions.all());
    assertThat(options.toString()).isEqualTo("AudioProcessorOptions[echoCancellation=true, noiseSuppression=false, "
        + "gainControl=true, highPassFilter=true]");
  }
}
