package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioFrameCombineTest {
  @Test
  void framesOfOneFormatAreJoinedInOrderIntoOneFrame() {
    AudioFrame a = AudioFrame.of(new short[] {1, 2, 3, 4}, 48_000, 2);
    AudioFrame b = AudioFrame.of(new short[] {5, 6}, 48_000, 2);
    AudioFrame c = AudioFrame.of(new short[] {7, 8, 9, 10}, 48_000, 2);

    AudioFrame joined = AudioFrame.combine(List.of(a, b, c));

    assertThat(joined.toArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(joined.sampleRate()).isEqualTo(48_000);
    assertThat(joined.numChannels()).isEqualTo(2);
    assertThat(joined.samplesPerChannel()).isEqualTo(5);
  }

  @Test
  void tenTenMillisecondFramesMakeOneHundredMilliseconds() {
    List<AudioFrame> frames = java.util.Collections.nCopies(10, AudioFrame.silence(16_000, 1, 160));
    assertThat(AudioFrame.combine(frames).duration()).isEqualTo(Duration.ofMillis(100));
    assertThat(AudioFrame.combine(List.of(frames.getFirst()))).isEqualTo(frames.getFirst());
  }

  @Test
  void anEmptyListOrFramesOfDifferentFormatsAreRefused() {
    assertThatThrownBy(() -> AudioFrame.combine(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AudioFrame.combine(List.of(AudioFrame.silence(48_000, 1, 480),
        AudioFrame.silence(16_000, 1, 160)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different formats");
    assertThatThrownBy(() -> AudioFrame.combine(List.of(AudioFrame.silence(48_000, 1, 480),
        AudioFrame.silence(48_000, 2, 480)))).isInstanceOf(IllegalArgumentException.class);
  }
}
