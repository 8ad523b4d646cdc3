package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** {@link VideoStreamOptions} is an immutable value built, copied and checked through its builder. */
class VideoStreamOptionsTest {
  @Test
  void defaultsAreTheDecodersLayoutWithFourBufferedDroppingTheOldest() {
    VideoStreamOptions defaults = VideoStreamOptions.defaults();

    assertThat(defaults.format()).isEmpty();
    assertThat(defaults.maxBufferedFrames()).isEqualTo(4);
    assertThat(defaults.overflow()).isEqualTo(FrameOverflow.DROP_OLDEST);
    assertThat(defaults.scheduler()).isEmpty();
    assertThat(VideoStreamOptions.builder().build()).isEqualTo(defaults).hasSameHashCodeAs(defaults);
    assertThat(VideoStreamOptions.of(VideoBufferType.RGBA)).isEqualTo(defaults.withFormat(VideoBufferType.RGBA));
  }

  @Test
  void everySettingSurvivesToBuilderAndWithMethodsChangeOnlyTheirOwn() {
    Scheduler scheduler = Schedulers.immediate();
    VideoStreamOptions options = VideoStreamOptions.builder().format(VideoBufferType.BGRA).maxBufferedFrames(2)
        .overflow(FrameOverflow.LATEST_ONLY).scheduler(scheduler).build();

    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    VideoStreamOptions viaWith = VideoStreamOptions.of(VideoBufferType.BGRA).withMaxBufferedFrames(2)
        .withOverflow(FrameOverflow.LATEST_ONLY).withScheduler(scheduler);
    assertThat(viaWith).isEqualTo(options);
    assertThat(viaWith.withOverflow(FrameOverflow.ERROR).overflow()).isEqualTo(FrameOverflow.ERROR);
    assertThat(viaWith.overflow()).isEqualTo(FrameOverflow.LATEST_ONLY);
    assertThat(options.toString()).contains("format=Optional[BGRA]", "maxBufferedFrames=2");
  }

  @Test
  void aLayoutTheDecoderCannotBeConvertedToIsRefused() {
    VideoBufferType unsupported = VideoBufferType.NV12;
    assertThat(VideoBufferType.I420.conversionTargets()).doesNotContain(unsupported);

    assertThatThrownBy(() -> VideoStreamOptions.of(unsupported)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(unsupported.name());
    assertThatThrownBy(() -> VideoStreamOptions.builder().format(unsupported))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBoundBelowOneFrameIsRefused() {
    assertThatThrownBy(() -> VideoStreamOptions.builder().maxBufferedFrames(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBufferedFrames");
    assertThatThrownBy(() -> VideoStreamOptions.defaults().withMaxBufferedFrames(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBufferedFrames");
  }
}
