package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** {@link AudioSourceOptions} is an immutable value built, copied and checked through its builder. */
class AudioSourceOptionsTest {
  @Test
  void defaultsAreA48kMonoSourceWithTheCoresOneSecondQueue() {
    AudioSourceOptions options = AudioSourceOptions.builder().build();

    assertThat(options.sampleRate()).isEqualTo(48_000);
    assertThat(options.numChannels()).isEqualTo(1);
    assertThat(options.queueSize()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.echoCancellation()).isFalse();
    assertThat(options.noiseSuppression()).isFalse();
    assertThat(options.autoGainControl()).isFalse();
    assertThat(options.scheduler()).isSameAs(Schedulers.parallel());
    assertThat(AudioSourceOptions.of(48_000, 1)).isEqualTo(options).hasSameHashCodeAs(options);
  }

  @Test
  void everySettingSurvivesToBuilderAndWithMethodsChangeOnlyTheirOwn() {
    Scheduler scheduler = Schedulers.immediate();
    AudioSourceOptions options = AudioSourceOptions.builder().sampleRate(16_000).numChannels(2)
        .queueSize(Duration.ofMillis(100)).echoCancellation(true).noiseSuppression(false).autoGainControl(true)
        .scheduler(scheduler).build();

    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    AudioSourceOptions viaWith = AudioSourceOptions.of(16_000, 2).withQueueSize(Duration.ofMillis(100))
        .withProcessing(true, false, true).withScheduler(scheduler);
    assertThat(viaWith).isEqualTo(options);
    assertThat(viaWith.withQueueSize(Duration.ZERO).queueSize()).isZero();
    assertThat(viaWith.queueSize()).isEqualTo(Duration.ofMillis(100));
    assertThat(options.toString()).startsWith("AudioSourceOptions[sampleRate=16000, numChannels=2, queueSize=PT0.1S");
  }

  @Test
  void invalidSettingsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> AudioSourceOptions.builder().sampleRate(44_123))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleRate");
    assertThatThrownBy(() -> AudioSourceOptions.of(0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleRate");
    assertThatThrownBy(() -> AudioSourceOptions.builder().numChannels(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numChannels");
    assertThatThrownBy(() -> AudioSourceOptions.builder().queueSize(Duration.ofMillis(15)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 ms");
    assertThatThrownBy(() -> AudioSourceOptions.of(48_000, 1).withQueueSize(Duration.ofMillis(-10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueSize");
  }

  @Test
  void aQueueTooLargeForTheCoresSampleCountIsRefusedAtBuild() {
    AudioSourceOptions.Builder builder = AudioSourceOptions.builder().sampleRate(192_000).numChannels(8)
        .queueSize(Duration.ofHours(1));

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
    assertThat(builder.numChannels(1).queueSize(Duration.ofSeconds(2)).build().queueSize())
        .isEqualTo(Duration.ofSeconds(2));
  }
}
