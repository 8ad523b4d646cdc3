package io.roomflux.samples.tone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TonesTest {
  @Test
  void aPureToneHasARatioOfOneAtItsFrequencyAndNoneElsewhere() {
    short[] second = new Tones.Sine(440, 48_000, 1, 0.5).next(48_000);

    assertThat(Tones.powerRatio(second, 1, 48_000, 440)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(Tones.powerRatio(second, 1, 48_000, 1000)).isLessThan(1e-6);
  }

  @Test
  void theSineContinuesItsPhaseAcrossBlocksAndFillsEveryChannel() {
    Tones.Sine whole = new Tones.Sine(440, 48_000, 2, 0.3);
    Tones.Sine pieces = new Tones.Sine(440, 48_000, 2, 0.3);
    short[] expected = whole.next(960);
    short[] first = pieces.next(480);
    short[] second = pieces.next(480);

    short[] joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    assertThat(joined).isEqualTo(expected);
    for (int i = 0; i < 960; i++) {
      assertThat(expected[2 * i]).isEqualTo(expected[2 * i + 1]);
    }
  }

  @Test
  void silenceAndNothingHaveARatioOfZero() {
    assertThat(Tones.powerRatio(new short[4800], 1, 48_000, 440)).isZero();
    assertThat(Tones.powerRatio(new short[0], 1, 48_000, 440)).isZero();
    assertThatThrownBy(() -> new Tones.Sine(440, 48_000, 1, 1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
