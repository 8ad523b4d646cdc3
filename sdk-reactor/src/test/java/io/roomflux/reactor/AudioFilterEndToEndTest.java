package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.roomflux.reactor.media.AudioFilter;
import io.roomflux.reactor.media.AudioFilterPlugins;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
  private static final double TONE = 440;

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("filter");

  @TempDir
  Path dir;

  /** Frames of a stream: its samples, one array per 10 ms frame. */
  record Frames(List<short[]> frames) {
    /** The frames that carry sound (some sample above 1 % of full scale). */
    List<short[]> audible() {
      return frames.stream().filter(f -> {
        for (short s : f) {
          if (Math.abs(s) > 327) {
            return true;
          }
        }
        return false;
      }).toList();
    }
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

    // Every sink of a track gets the same decoded 10 ms chunks, so each filtered frame is exactly
    // the gain times a frame of the plain stream (the plugin truncates toward zero, as Java does).
    Mono<Frames> plain = frames(bob.audioFrames(sid, AudioStreamOptions.defaults()), 0, 300);
    Mono<Frames> half = frames(bob.audioFrames(sid,
        AudioStreamOptions.defaults().withAudioFilter(filter, AudioFilterPlugins.gainOptions(0.5, halfLog))), 50, 100);
    Mono<Frames> quarter = frames(bob.audioFramesFrom("alice", TrackSource.MICROPHONE,
        AudioStreamOptions.defaults().withAudioFilter(filter, AudioFilterPlugins.gainOptions(0.25, quarterLog))), 50, 100);

    StepVerifier.create(Mono.zip(plain, half, quarter))
        .assertNext(streams -> {
          Frames p = streams.getT1();
          List<short[]> halved = streams.getT2().audible();
          List<short[]> quartered = streams.getT3().audible();
          long halfMatches = matches(p, halved, 0.5);
          long quarterMatches = matches(p, quartered, 0.25);
          System.out.printf("filter: gain 0.5 %d of %d audible frames exact, gain 0.25 %d of %d%n",
              halfMatches, halved.size(), quarterMatches, quartered.size());
          assertThat(halved).as("audible frames through the filter").hasSizeGreaterThanOrEqualTo(80);
          assertThat(quartered).as("audible frames through the filter").hasSizeGreaterThanOrEqualTo(80);
          assertThat(halfMatches).as("frames exactly half a plain frame").isGreaterThanOrEqualTo(halved.size() * 9L / 10);
          assertThat(quarterMatches).as("frames exactly a quarter of a plain frame")
              .isGreaterThanOrEqualTo(quartered.size() * 9L / 10);
          assertThat(matches(p, halved, 1.0)).as("filtered frames equal to plain ones").isZero();
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
      assertThat(calls).as("process calls, one per 10 ms delivered").isGreaterThanOrEqualTo(150);
      assertThat(samples).as("480 samples (10 ms at 48 kHz mono) per call").isEqualTo(calls * 480);
    }
  }

  @Test
  void aStreamWhosePluginMakesNoSessionIsDeliveredUnfiltered() {
    Room bob = rooms.join("bob");
    Room alice = rooms.join("alice");
    CompletableFuture<String> subscribed = PublishedTrack.subscribedTrack(bob, "alice", TrackKind.AUDIO);
    rooms.closeAfter(ToneTrack.publish(alice, TONE, IO));
    String sid = PublishedTrack.await(subscribed, IO);
    AudioFilter filter = rooms.lk().media().loadAudioFilterPlugin(AudioFilterPlugins.gain(), "roomflux-test-refuse")
        .block(IO);
    assertThat(filter).isNotNull();

    // The core logs an ERROR ("failed to initialize the audio filter") and goes on without it.
    StepVerifier.create(Mono.zip(frames(bob.audioFrames(sid, AudioStreamOptions.defaults()), 0, 200),
            frames(bob.audioFrames(sid, AudioStreamOptions.defaults().withAudioFilter(filter, "refuse")), 50, 50)))
        .assertNext(streams -> {
          List<short[]> unfiltered = streams.getT2().audible();
          assertThat(unfiltered).hasSizeGreaterThanOrEqualTo(40);
          assertThat(matches(streams.getT1(), unfiltered, 1.0)).as("frames equal to plain ones")
              .isGreaterThanOrEqualTo(unfiltered.size() * 9L / 10);
        })
        .expectComplete()
        .verify(IO);
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

  /** Frames {@code skip} to {@code skip + take} of a stream, as sample arrays. */
  private static Mono<Frames> frames(Flux<AudioFrame> stream, int skip, int take) {
    return stream.skip(skip).take(take).map(AudioFrame::toArray).collectList().map(Frames::new);
  }

  /**
   * How many of {@code frames} are exactly {@code gain} times a frame of {@code plain}, each
   * sample truncated toward zero and saturated to 16 bits as the plugin computes it.
   */
  private static long matches(Frames plain, List<short[]> frames, double gain) {
    Set<ShortBuffer> expected = new HashSet<>();
    for (short[] frame : plain.frames()) {
      short[] scaled = new short[frame.length];
      for (int i = 0; i < frame.length; i++) {
        double v = frame[i] * gain;
        scaled[i] = v > Short.MAX_VALUE ? Short.MAX_VALUE : v < Short.MIN_VALUE ? Short.MIN_VALUE : (short) v;
      }
      expected.add(ShortBuffer.wrap(scaled));
    }
    return frames.stream().filter(f -> expected.contains(ShortBuffer.wrap(f))).count();
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
