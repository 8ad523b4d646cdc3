package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.OperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Platform audio against the real core, on a machine without audio devices (CI, containers). */
@ExtendWith(NativeHandlesBalanced.class)
class PlatformAudioTest {

  @Test
  void onAMachineWithoutAudioDevicesOpeningPlatformAudioFailsWithTheCoresReason() {
    assertThatThrownBy(TestMedia.MEDIA::platformAudio)
        .isInstanceOf(OperationFailedException.class)
        .hasMessageStartingWith("platformAudio failed: ")
        .hasMessageContaining("Failed to initialize platform audio");
    assertThat(TestMedia.LK.diagnostics().panics()).isZero();
  }
}
