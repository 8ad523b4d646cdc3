package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ReadOnlyBufferException;
import java.nio.ShortBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The audio frame value: copies, views, format checks. No native calls. */
class AudioFrameTest {
  @Test
  void aFrameCopiesItsSamplesAndReportsItsFormat() {
    short[] samples = {1, -1, 2, -2, 3, -3};
    AudioFrame frame = AudioFrame.of(samples, 48_000, 2);
    samples[0] = 99;

    assertThat(frame.samplesPerChannel()).isEqualTo(3);
    assertThat(frame.numChannels()).isEqualTo(2);
    assertThat(frame.sampleRate()).isEqualTo(48_000);
    assertThat(frame.sample(0, 0)).isEqualTo((short) 1);
    assertThat(frame.sample(2, 1)).isEqualTo((short) -3);
    assertThat(frame.toArray()).containsExactly(1, -1, 2, -2, 3, -3);
    assertThat(frame.duration()).isEqualTo(Duration.ofNanos(62_500));
  }

  @Test
  void tenMillisecondsIsRecognisedAtEveryRate() {
    assertThat(AudioFrame.silence(48_000, 1, 480).isTenMilliseconds()).isTrue();
    assertThat(AudioFrame.silence(48_000, 1, 480).duration()).isEqualTo(Duration.ofMillis(10));
    assertThat(AudioFrame.silence(44_100, 2, 441).isTenMilliseconds()).isTrue();
    assertThat(AudioFrame.silence(16_000, 1, 320).isTenMilliseconds()).isFalse();
    assertThat(AudioFrame.silence(16_000, 1, 320).duration()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void samplesAreAReadOnlyViewWithItsOwnPosition() {
    AudioFrame frame = AudioFrame.of(new short[] {5, 6, 7, 8}, 8_000, 1);
    ShortBuffer view = frame.samples();
    view.get();

    assertThat(view.isReadOnly()).isTrue();
    assertThatThrownBy(() -> view.put(0, (short) 1)).isInstanceOf(ReadOnlyBufferException.class);
    assertThat(frame.samples().position()).isZero();
    assertThat(frame.samples().remaining()).isEqualTo(4);
  }

  @Test
  void aShortBufferIsCopiedFromItsPositionWithoutMovingIt() {
    ShortBuffer buffer = ShortBuffer.wrap(new short[] {0, 0, 1, 2, 3, 4});
    buffer.position(2);

    AudioFrame frame = AudioFrame.of(buffer, 16_000, 2);
    buffer.put(2, (short) 42);

    assertThat(buffer.position()).isEqualTo(2);
    assertThat(frame.toArray()).containsExactly(1, 2, 3, 4);
    assertThat(frame.samplesPerChannel()).isEqualTo(2);
  }

  @Test
  void samplesThatDoNotDivideIntoTheChannelsAreRejected() {
    assertThatThrownBy(() -> AudioFrame.of(new short[3], 48_000, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 channels");
    assertThatThrownBy(() -> AudioFrame.of(new short[2], 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AudioFrame.of(new short[2], 48_000, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sliceAndEquality() {
    AudioFrame frame = AudioFrame.of(new short[] {1, 2, 3, 4, 5, 6}, 8_000, 2);

    assertThat(frame.slice(1, 3)).isEqualTo(AudioFrame.of(new short[] {3, 4, 5, 6}, 8_000, 2));
    assertThat(frame.slice(1, 3)).hasSameHashCodeAs(AudioFrame.of(new short[] {3, 4, 5, 6}, 8_000, 2));
    assertThat(frame).isNotEqualTo(AudioFrame.of(new short[] {1, 2, 3, 4, 5, 6}, 16_000, 2));
    assertThatThrownBy(() -> frame.slice(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
