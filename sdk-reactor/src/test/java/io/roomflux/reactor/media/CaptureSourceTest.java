package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.FeatureUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

/**
 * Capture sources against the real, bundled core: livekit-ffi 0.13.2 from the {@code livekit}
 * wheel is built without its capture feature, and asking for one fails with a typed error that
 * names the feature (the binding itself is pinned down by {@code CaptureSourceRunTest}); bad
 * configurations are refused before anything is sent.
 */
@ExtendWith(NativeHandlesBalanced.class)
class CaptureSourceTest {

  @Test
  void theBundledCoreHasNoCaptureSourcesAndSaysSoWithATypedError() {
    Media media = TestMedia.MEDIA;
    for (CaptureSourceConfig config : new CaptureSourceConfig[] {
        new CaptureSourceConfig.TestPattern(320, 240, 15, CaptureSourceConfig.Pattern.GRADIENT),
        new CaptureSourceConfig.Clock(160, 120, 5)}) {
      StepVerifier.create(media.captureSource(config))
          .expectErrorSatisfies(e -> org.assertj.core.api.Assertions.assertThat(e)
              .isInstanceOfSatisfying(FeatureUnavailableException.class,
                  f -> org.assertj.core.api.Assertions.assertThat(f.feature()).isEqualTo("capture"))
              .hasMessageContaining("without its 'capture' feature"))
          .verify(Duration.ofSeconds(30));
    }
  }

  @Test
  void badConfigurationsAreRefusedNamingTheValues() {
    assertThatThrownBy(() -> new CaptureSourceConfig.Clock(0, 120, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x120");
    assertThatThrownBy(() -> new CaptureSourceConfig.TestPattern(320, 240, 0, CaptureSourceConfig.Pattern.LOGO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at 0");
    assertThatThrownBy(() -> TestMedia.MEDIA.captureSource(null)).isInstanceOf(NullPointerException.class);
  }
}
