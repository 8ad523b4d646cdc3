package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.participant.TrackSource;
import org.junit.jupiter.api.Test;

/** {@link TrackPublishOptions} is an immutable value built, copied and checked through its builder. */
class TrackPublishOptionsTest {
  private static TrackPublishOptions everythingChanged() {
    return TrackPublishOptions.builder().source(TrackSource.SCREENSHARE).videoCodec(VideoCodec.VP9)
        .videoEncoding(new VideoEncoding(1_500_000, 15)).audioEncoding(new AudioEncoding(32_000))
        .simulcast(false).dtx(false).red(false).stream("desk").preconnectBuffer(true)
        .scalabilityMode("L3T3_KEY").degradationPreference(DegradationPreference.MAINTAIN_RESOLUTION)
        .videoEncoder(VideoEncoder.SOFTWARE)
        .frameMetadataFeatures(java.util.Set.of(FrameMetadataFeature.USER_DATA, FrameMetadataFeature.FRAME_ID)).build();
  }

  @Test
  void defaultsAreTheCoresOwn() {
    TrackPublishOptions defaults = TrackPublishOptions.defaults();

    assertThat(defaults.source()).isEqualTo(TrackSource.UNKNOWN);
    assertThat(defaults.videoCodec()).isEqualTo(VideoCodec.VP8);
    assertThat(defaults.videoEncoding()).isEmpty();
    assertThat(defaults.audioEncoding()).isEmpty();
    assertThat(defaults.simulcast()).isTrue();
    assertThat(defaults.dtx()).isTrue();
    assertThat(defaults.red()).isTrue();
    assertThat(defaults.stream()).isEmpty();
    assertThat(defaults.preconnectBuffer()).isFalse();
    assertThat(defaults.scalabilityMode()).isEmpty();
    assertThat(defaults.degradationPreference()).isEmpty();
    assertThat(defaults.videoEncoder()).isEmpty();
    assertThat(defaults.frameMetadataFeatures()).isEmpty();
    assertThat(TrackPublishOptions.builder().build()).isEqualTo(defaults).hasSameHashCodeAs(defaults);
    assertThat(TrackPublishOptions.microphone()).isEqualTo(defaults.withSource(TrackSource.MICROPHONE));
    assertThat(TrackPublishOptions.camera()).isEqualTo(defaults.withSource(TrackSource.CAMERA));
  }

  @Test
  void everySettingSurvivesToBuilderAndWithMethodsChangeOnlyTheirOwn() {
    TrackPublishOptions options = everythingChanged();

    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    TrackPublishOptions viaWith = TrackPublishOptions.defaults().withSource(TrackSource.SCREENSHARE)
        .withVideoCodec(VideoCodec.VP9).withVideoEncoding(new VideoEncoding(1_500_000, 15))
        .withAudioEncoding(new AudioEncoding(32_000)).withSimulcast(false).withDtx(false).withRed(false)
        .withStream("desk").withPreconnectBuffer(true).withScalabilityMode("L3T3_KEY")
        .withDegradationPreference(DegradationPreference.MAINTAIN_RESOLUTION)
        .withVideoEncoder(VideoEncoder.SOFTWARE)
        .withFrameMetadataFeatures(java.util.EnumSet.of(FrameMetadataFeature.FRAME_ID, FrameMetadataFeature.USER_DATA));
    assertThat(viaWith).isEqualTo(options);
    assertThat(viaWith.withRed(true).red()).isTrue();
    assertThat(viaWith.red()).isFalse();
    assertThat(options.frameMetadataFeatures()).as("in the enum's order, unmodifiable")
        .containsExactly(FrameMetadataFeature.FRAME_ID, FrameMetadataFeature.USER_DATA);
    assertThatThrownBy(() -> options.frameMetadataFeatures().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(options.toString()).startsWith("TrackPublishOptions[source=SCREENSHARE, videoCodec=VP9")
        .contains("scalabilityMode=Optional[L3T3_KEY]");
  }

  @Test
  void missingValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> TrackPublishOptions.builder().source(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("source");
    assertThatThrownBy(() -> TrackPublishOptions.defaults().withStream(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("stream");
  }
}
