package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import io.roomflux.reactor.media.AudioFilter;
import io.roomflux.reactor.media.AudioFilterPlugins;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.media.Signals;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.testkit.Tones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Audio filter plugins end to end, against the real livekit-server and core: a plugin compiled
 * from C by the test ({@link AudioFilterPlugins#gain()}, which multiplies every sample by the
 * gain its per-stream options name) filters received audio on track and participant streams, and
 * its sessions are created with the stream's options and destroyed when the streams end.
 */
@LiveKitIntegrationTest
class AudioFilterEndToEndTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final double HEARD = 0.9;
  private static final double TONE = 440;

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("filter");

  @TempDir
  Path dir;

  /**
   * Received audio over eight windows of 0.25 s: the medians of the windows' tone power ratios
   * and RMS levels (a median, so that a window hit by a network glitch on a busy machine does not
   * decide).
   */
  record Level(double ratio, double rms) {
  }

  @Test
  void audioReceivedThroughTheFilterIsScaledByTheGainThePluginIsGivenOnTrackAndParticipantStreams()
      throws IOException, InterruptedException {
    Room bob = rooms.join("bob");
    Room alice = rooms.join("alice");
    CompletableFuture<String> subscribed = PublishedTrack.subscribedTrack(bob, "alice", TrackKind.AUDIO);
    rooms.closeAfter(ToneTrack.publish(alice, TONE, IO));
    String sid = PublishedTrack.await(subscribed, IO);
    AudioFilter filter = rooms.lk().media().loadAudioFilterPlugin(AudioFilterPlugins.gain(), "roomflux-test-gain")
        .block(IO);
    assertThat(filter).isNotNull();
    Path halfLog = dir.resolve("half.log");
    Path quarterLog = dir.resolve("quarter.log");

    Mono<Level> plain = level(bob.audioFrames(sid, AudioStreamOptions.defaults()));
    Mono<Level> half = level(bob.audioFrames(sid,
        AudioStreamOptions.defaults().withAudioFilter(filter, AudioFilterPlugins.gainOptions(0.5, halfLog))));
    Mono<Level> quarter = level(bob.audioFramesFrom("alice", TrackSource.MICROPHONE,
        AudioStreamOptions.defaults().withAudioFilter(filter, AudioFilterPlugins.gainOptions(0.25, quarterLog))));

    StepVerifier.create(Mono.zip(plain, half, quarter))
        .assertNext(levels -> {
          System.out.printf("filter: RMS plain %.1f, gain 0.5 %.1f (%.3f), gain 0.25 %.1f (%.3f)%n",
              levels.getT1().rms(), levels.getT2().rms(), levels.getT2().rms() / levels.getT1().rms(),
              levels.getT3().rms(), levels.getT3().rms() / levels.getT1().rms());
          for (Level level : List.of(levels.getT1(), levels.getT2(), levels.getT3())) {
            assertThat(level.ratio()).as("the tone is heard").isGreaterThan(HEARD);
          }
          assertThat(levels.getT1().rms()).as("the plain stream carries the tone").isGreaterThan(1000);
          assertThat(levels.getT2().rms() / levels.getT1().rms()).isCloseTo(0.5, within(0.02));
          assertThat(levels.getT3().rms() / levels.getT1().rms()).isCloseTo(0.25, within(0.01));
        })
        .expectComplete()
        .verify(IO);
    assertThat(bob.mediaStats().openStreams()).as("every stream closed").isZero();

    // One session per filtered stream, made with the stream's rate, options and room, and
    // destroyed by the core once the stream was closed, after one call per 10 ms of audio.
    List<String> halfLines = awaitLines(halfLog, lines -> lines.stream().anyMatch(l -> l.startsWith("destroy ")));
    List<String> quarterLines = awaitLines(quarterLog, lines -> lines.stream().anyMatch(l -> l.startsWith("destroy ")));
    assertThat(halfLines.getFirst()).startsWith("create rate=48000 options=gain=0.5;")
        .contains("\"roomName\":\"" + rooms.name() + "\"");
    assertThat(quarterLines.getFirst()).startsWith("create rate=48000 options=gain=0.25;")
        .contains("\"roomName\":\"" + rooms.name() + "\"", "\"trackId\":\"" + sid + "\"");
    for (List<String> lines : List.of(halfLines, quarterLines)) {
      assertThat(lines).filteredOn(l -> l.startsWith("create ")).hasSize(1);
      String destroy = lines.getLast();
      long calls = Long.parseLong(destroy.replaceAll("^destroy calls=(\\d+) samples=(\\d+)$", "$1"));
      long samples = Long.parseLong(destroy.replaceAll("^destroy calls=(\\d+) samples=(\\d+)$", "$2"));
      assertThat(calls).as("process calls, one per 10 ms delivered").isGreaterThanOrEqualTo(250);
      assertThat(samples).as("480 samples (10 ms at 48 kHz mono) per call").isEqualTo(calls * 480);
    }
  }

  @Test
  void aFilterThatMediaDidNotLoadIsRefusedWhenTheStreamIsAskedFor() {
    Room bob = rooms.join("bob");
    AudioFilter foreign = new AudioFilter() {
      @Override
      public String moduleId() {
        return "not-loaded";
      }

      @Override
      public Path plugin() {
        return Path.of("/nowhere/libfilter.so");
      }

      @Override
      public List<Path> dependencies() {
        return List.of();
      }
    };
    AudioStreamOptions options = AudioStreamOptions.defaults().withAudioFilter(foreign);

    assertThatThrownBy(() -> bob.audioFrames("TR_any", options)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an audio filter loaded by Media.loadAudioFilterPlugin");
    assertThatThrownBy(() -> bob.audioFramesFrom("alice", TrackSource.MICROPHONE, options))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Skips the first half second of a stream, then measures the next two (eight windows of 25 frames). */
  private static Mono<Level> level(Flux<AudioFrame> frames) {
    return frames.buffer(25).skip(2).take(8).collectList().map(windows -> {
      double[] ratios = new double[windows.size()];
      double[] levels = new double[windows.size()];
      for (int i = 0; i < windows.size(); i++) {
        short[] samples = Signals.concat(windows.get(i));
        ratios[i] = Tones.powerRatio(samples, 1, ToneTrack.RATE, TONE);
        double energy = 0;
        for (short s : samples) {
          energy += (double) s * s;
        }
        levels[i] = Math.sqrt(energy / samples.length);
      }
      return new Level(median(ratios), median(levels));
    });
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * The lines of a plugin's log once {@code done} holds for them: woken by the file system's
   * change events on the log's directory, up to 30 s.
   */
  private List<String> awaitLines(Path log, Predicate<List<String>> done) throws IOException, InterruptedException {
    try (WatchService watch = dir.getFileSystem().newWatchService()) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      long deadline = System.nanoTime() + IO.toNanos();
      while (true) {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        if (done.test(lines)) {
          return lines;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return fail("%s did not reach the expected state within %s: %s", log, IO, lines);
        }
        WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
  }
}
