package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** {@link AudioStreamOptions} is an immutable value built, copied and checked through its builder. */
class AudioStreamOptionsTest {
  @Test
  void defaultsAre48kMonoTenMillisecondFramesWithFiftyBufferedDroppingTheOldest() {
    AudioStreamOptions defaults = AudioStreamOptions.defaults();

    assertThat(defaults.sampleRate()).isEqualTo(48_000);
    assertThat(defaults.numChannels()).isEqualTo(1);
    assertThat(defaults.frameSize()).isEmpty();
    assertThat(defaults.maxBufferedFrames()).isEqualTo(50);
    assertThat(defaults.overflow()).isEqualTo(FrameOverflow.DROP_OLDEST);
    assertThat(defaults.scheduler()).isEmpty();
    assertThat(AudioStreamOptions.builder().build()).isEqualTo(defaults).hasSameHashCodeAs(defaults);
    assertThat(AudioStreamOptions.of(16_000, 2)).isEqualTo(
        AudioStreamOptions.builder().sampleRate(16_000).numChannels(2).build());
  }

  @Test
  void everySettingSurvivesToBuilderAndWithMethodsChangeOnlyTheirOwn() {
    Scheduler scheduler = Schedulers.immediate();
    AudioStreamOptions options = AudioStreamOptions.builder().sampleRate(24_000).numChannels(2)
        .frameSize(Duration.ofMillis(20)).maxBufferedFrames(7).overflow(FrameOverflow.ERROR).scheduler(scheduler)
        .build();

    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    AudioStreamOptions viaWith = AudioStreamOptions.of(24_000, 2).withFrameSize(Duration.ofMillis(20))
        .withMaxBufferedFrames(7).withOverflow(FrameOverflow.ERROR).withScheduler(scheduler);
    assertThat(viaWith).isEqualTo(options);
    assertThat(viaWith.withMaxBufferedFrames(1).maxBufferedFrames()).isEqualTo(1);
    assertThat(viaWith.maxBufferedFrames()).isEqualTo(7);
    assertThat(options.toString()).contains("frameSize=Optional[PT0.02S]", "maxBufferedFrames=7", "overflow=ERROR");
  }

  @Test
  void invalidSettingsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> AudioStreamOptions.of(0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleRate");
    assertThatThrownBy(() -> AudioStreamOptions.builder().numChannels(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numChannels");
    assertThatThrownBy(() -> AudioStreamOptions.builder().frameSize(Duration.ofMillis(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frameSize");
    assertThatThrownBy(() -> AudioStreamOptions.defaults().withFrameSize(Duration.ofNanos(10_500_000)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of milliseconds");
    assertThatThrownBy(() -> AudioStreamOptions.builder().maxBufferedFrames(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBufferedFrames");
    assertThatThrownBy(() -> AudioStreamOptions.defaults().withMaxBufferedFrames(-3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBufferedFrames");
  }

  @Test
  void anAudioFilterIsOffByDefaultAndWithAudioFilterSetsItWithItsOptions() {
    AudioFilter filter = new AudioFilter() {
      @Override
      public String moduleId() {
        return "m";
      }

      @Override
      public java.nio.file.Path plugin() {
        return java.nio.file.Path.of("/p.so");
      }

      @Override
      public java.util.List<java.nio.file.Path> dependencies() {
        return java.util.List.of();
      }
    };

    assertThat(AudioStreamOptions.defaults().audioFilter()).isEmpty();
    assertThat(AudioStreamOptions.defaults().audioFilterOptions()).isEmpty();
    AudioStreamOptions filtered = AudioStreamOptions.defaults().withAudioFilter(filter, "{\"level\":1}");
    assertThat(filtered.audioFilter()).containsSame(filter);
    assertThat(filtered.audioFilterOptions()).isEqualTo("{\"level\":1}");
    assertThat(filtered.toBuilder().build()).isEqualTo(filtered).hasSameHashCodeAs(filtered);
    assertThat(filtered).isNotEqualTo(AudioStreamOptions.defaults());
    assertThat(filtered.withAudioFilter(filter).audioFilterOptions()).isEmpty();
    assertThat(AudioStreamOptions.builder().audioFilter(filter).audioFilterOptions("x").build())
        .isEqualTo(AudioStreamOptions.defaults().withAudioFilter(filter, "x"));
    assertThat(filtered.toString()).contains("audioFilterOptions={\"level\":1}");
  }
}
