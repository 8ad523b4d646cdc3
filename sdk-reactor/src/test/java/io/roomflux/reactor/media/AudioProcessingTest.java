package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.ResourceClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The core's audio processing on real signals: a 440 Hz tone through both resamplers to 16 kHz
 * and back, and the audio processing module on 10 ms frames. No server needed.
 */
@ExtendWith(NativeHandlesBalanced.class)
class AudioProcessingTest {
  private static final Duration IO = Duration.ofSeconds(10);
  private static final List<AudioFrame> TONE = Signals.sineFrames(440, 48_000, 100); // 1 s

  @Test
  void soxResamplingTo16kHzAndBackKeepsTheToneAndTheLength() {
    short[] down;
    try (SoxResampler to16k = TestMedia.MEDIA.soxResampler(48_000, 16_000, 1, SoxQuality.HIGH)) {
      List<AudioFrame> out = new ArrayList<>();
      for (AudioFrame frame : TONE) {
        out.addAll(to16k.push(frame));
      }
      out.addAll(to16k.flush());
      assertThat(out).allSatisfy(f -> {
        assertThat(f.sampleRate()).isEqualTo(16_000);
        assertThat(f.numChannels()).isEqualTo(1);
      });
      down = Signals.concat(out);
    }
    assertThat(down.length).as("1 s at 16 kHz").isBetween(15_990, 16_010);
    assertToneDominates(down, 16_000);

    short[] up;
    try (SoxResampler to48k = TestMedia.MEDIA.soxResampler(16_000, 48_000, 1, SoxQuality.HIGH)) {
      List<AudioFrame> out = new ArrayList<>(to48k.push(AudioFrame.of(down, 16_000, 1)));
      out.addAll(to48k.flush());
      up = Signals.concat(out);
    }
    assertThat(up.length).as("1 s at 48 kHz").isBetween(47_970, 48_030);
    assertToneDominates(up, 48_000);
  }

  @Test
  void soxResampleStreamsWithBackpressureAndFlushesAtTheEnd() {
    AtomicLong requested = new AtomicLong();
    AtomicLong samples = new AtomicLong();
    try (SoxResampler resampler = TestMedia.MEDIA.soxResampler(48_000, 24_000, 1, SoxQuality.MEDIUM)) {
      Flux<AudioFrame> input = Flux.fromIterable(TONE).doOnRequest(requested::addAndGet);

      StepVerifier.create(resampler.resample(input).doOnNext(f -> samples.addAndGet(f.samplesPerChannel())), 0)
          .expectSubscription()
          .thenRequest(3)
          .expectNextCount(3)
          .then(() -> assertThat(requested.get()).as("input pulled as output is requested").isLessThan(10))
          .thenRequest(Long.MAX_VALUE)
          .thenConsumeWhile(f -> f.sampleRate() == 24_000)
          .expectComplete()
          .verify(IO);
      assertThat(samples.get()).as("1 s at 24 kHz, flushed").isBetween(23_990L, 24_010L);
    }
  }

  @Test
  void webrtcResamplingTo16kHzAndBackKeepsTheToneAndExactLengths() {
    try (AudioResampler resampler = TestMedia.MEDIA.audioResampler(); AudioResampler back = TestMedia.MEDIA.audioResampler()) {
      List<AudioFrame> down = new ArrayList<>();
      for (AudioFrame frame : TONE) {
        AudioFrame converted = resampler.remixAndResample(frame, 1, 16_000);
        assertThat(converted.samplesPerChannel()).isEqualTo(160);
        assertThat(converted.sampleRate()).isEqualTo(16_000);
        down.add(converted);
      }
      short[] at16k = Signals.concat(down);
      assertThat(at16k).hasSize(16_000);
      assertToneDominates(at16k, 16_000);

      // The whole second at once: the resampler steps through it 10 ms at a time.
      AudioFrame up = back.remixAndResample(AudioFrame.of(at16k, 16_000, 1), 1, 48_000);
      assertThat(up.samplesPerChannel()).isEqualTo(48_000);
      assertThat(up.duration()).isEqualTo(Duration.ofSeconds(1));
      assertToneDominates(up.toArray(), 48_000);
    }
  }

  @Test
  void webrtcRemixesMonoToStereoAndBack() {
    try (AudioResampler resampler = TestMedia.MEDIA.audioResampler()) {
      AudioFrame stereo = resampler.remixAndResample(TONE.get(10), 2, 48_000);
      assertThat(stereo.numChannels()).isEqualTo(2);
      assertThat(stereo.samplesPerChannel()).isEqualTo(480);
      for (int i = 0; i < 480; i++) {
        assertThat(stereo.sample(i, 0)).isEqualTo(stereo.sample(i, 1));
      }

      AudioFrame mono = resampler.remixAndResample(stereo, 1, 48_000);
      assertThat(mono.numChannels()).isEqualTo(1);
      assertThat(mono.samplesPerChannel()).isEqualTo(480);
    }
  }

  @Test
  void webrtcResamplingRejectsWhatWebrtcWouldAbortOn() {
    try (AudioResampler resampler = TestMedia.MEDIA.audioResampler()) {
      assertThatThrownBy(() -> resampler.remixAndResample(AudioFrame.silence(48_000, 1, 500), 1, 16_000))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 ms")
          .hasMessageContaining("480");
      assertThatThrownBy(() -> resampler.remixAndResample(AudioFrame.silence(48_000, 4, 480), 2, 48_000))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remix 4");
      assertThatThrownBy(() -> resampler.remixAndResample(AudioFrame.silence(22_050, 1, 441), 1, 16_000))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("22050");
      // WebRTC's sinc resampler aborts the process on 10-sample steps.
      assertThatThrownBy(() -> resampler.remixAndResample(AudioFrame.silence(1_000, 1, 10), 1, 48_000))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 8000 to 384000 Hz");
    }
  }

  @Test
  void theAudioProcessorProcesses10msFramesAndRejects20msFramesClearly() {
    try (AudioProcessor apm = TestMedia.MEDIA.audioProcessor(AudioProcessorOptions.all())) {
      apm.setStreamDelay(Duration.ofMillis(20));
      List<AudioFrame> processed = new ArrayList<>();
      for (AudioFrame frame : TONE) {
        apm.processReverseStream(AudioFrame.silence(48_000, 1, 480));
        processed.add(apm.processStream(frame));
      }
      assertThat(processed).allSatisfy(f -> {
        assertThat(f.samplesPerChannel()).isEqualTo(480);
        assertThat(f.sampleRate()).isEqualTo(48_000);
      });
      assertThat(Signals.concat(processed)).as("processing returned audio, not silence")
          .matches(samples -> Signals.power(samples, 48_000, 440) > 0);

      AudioFrame twentyMs = AudioFrame.silence(48_000, 1, 960);
      assertThatThrownBy(() -> apm.processStream(twentyMs))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("exactly 10 ms").hasMessageContaining("480 samples per channel")
          .hasMessageContaining("960").hasMessageContaining("20.0 ms");
      assertThatThrownBy(() -> apm.processReverseStream(twentyMs))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("processReverseStream");
    }
  }

  @Test
  void thePassThroughProcessorKeepsTheSignalAndStereoWorks() {
    try (AudioProcessor apm = TestMedia.MEDIA.audioProcessor(AudioProcessorOptions.none())) {
      AudioFrame stereo = AudioFrame.silence(16_000, 2, 160);
      assertThat(apm.processStream(stereo).numChannels()).isEqualTo(2);
      AudioFrame tone = Signals.sineFrames(440, 16_000, 1).getFirst();
      assertThat(apm.processStream(tone)).isEqualTo(tone);
    }
  }

  @Test
  void closedProcessorsRefuseWorkAndCloseIsIdempotent() {
    AudioProcessor apm = TestMedia.MEDIA.audioProcessor(AudioProcessorOptions.none());
    SoxResampler sox = TestMedia.MEDIA.soxResampler(48_000, 16_000, 1, SoxQuality.QUICK);
    AudioResampler webrtc = TestMedia.MEDIA.audioResampler();
    apm.close();
    apm.close();
    sox.close();
    sox.close();
    webrtc.close();
    webrtc.close();

    assertThat(apm.isClosed() && sox.isClosed() && webrtc.isClosed()).isTrue();
    assertThat(TestMedia.handle(apm).isDropped() && TestMedia.handle(sox).isDropped()
        && TestMedia.handle(webrtc).isDropped()).isTrue();
    assertThatThrownBy(() -> apm.processStream(TONE.getFirst())).isInstanceOf(ResourceClosedException.class)
        .hasMessageContaining("audio processor is closed");
    assertThatThrownBy(() -> sox.push(TONE.getFirst())).isInstanceOf(ResourceClosedException.class);
    assertThatThrownBy(sox::flush).isInstanceOf(ResourceClosedException.class);
    assertThatThrownBy(() -> webrtc.remixAndResample(TONE.getFirst(), 1, 16_000))
        .isInstanceOf(ResourceClosedException.class);
  }

  private static void assertToneDominates(short[] samples, int rate) {
    double tone = Signals.power(samples, rate, 440);
    assertThat(tone).as("440 Hz vs 300 Hz").isGreaterThan(10 * Signals.power(samples, rate, 300));
    assertThat(tone).as("440 Hz vs 600 Hz").isGreaterThan(10 * Signals.power(samples, rate, 600));
  }
}
