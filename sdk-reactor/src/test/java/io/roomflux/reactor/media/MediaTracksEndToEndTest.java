package io.roomflux.reactor.media;

import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import static io.roomflux.reactor.PublishedTrack.await;
import static io.roomflux.reactor.PublishedTrack.subscribedTrack;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.PublishedTrack;

import io.roomflux.reactor.RoomFixture;
import io.roomflux.reactor.ToneTrack;

import io.roomflux.testkit.LiveKitIntegrationTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.subscriber.TestSubscriber;

/**
 * Local tracks published from Java and remote tracks received as frames, end to end against a
 * real livekit-server and the real core: a tone found by Goertzel, a video marker that moves,
 * a slow subscriber with bounded memory, and long runs that give every handle back.
 */
@LiveKitIntegrationTest
class MediaTracksEndToEndTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final String DISPATCHER = "roomflux-ffi-dispatch";
  private static final int RATE = 48_000;
  private static final int WIDTH = 320;
  private static final int HEIGHT = 240;
  private static final int BLOCK = 40;
  private static final int POSITIONS = 7;

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("media");

  @Test
  void aToneFromJavaArrivesAsA440HzSineWithoutGaps() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<String> subscribed = subscribedTrack(bob, "alice", TrackKind.AUDIO);

    try (ToneTrack tone = ToneTrack.publish(alice, 440, IO)) {
      String sid = await(subscribed, IO);
      List<Arrival<AudioFrame>> arrivals = new ArrayList<>();

      // 5 s of 10 ms frames, then the publisher unpublishes and the stream completes.
      StepVerifier.create(bob.audioFrames(sid, AudioStreamOptions.defaults())
              .map(f -> new Arrival<>(System.nanoTime(), Thread.currentThread().getName(), f)))
          .recordWith(() -> arrivals)
          .expectNextCount(500)
          .then(() -> alice.localParticipant().unpublishTrack(tone.sid()).subscribe())
          .thenConsumeWhile(a -> true)
          .expectComplete()
          .verify(IO);

      List<Arrival<AudioFrame>> first5s = arrivals.subList(0, 500);
      assertThat(first5s).allSatisfy(a -> {
        assertThat(a.frame().sampleRate()).isEqualTo(RATE);
        assertThat(a.frame().numChannels()).isEqualTo(1);
        assertThat(a.thread()).doesNotStartWith(DISPATCHER);
      });
      int samples = first5s.stream().mapToInt(a -> a.frame().samplesPerChannel()).sum();
      assertThat(samples).isEqualTo(5 * RATE);

      short[] last3s = Signals.concat(first5s.subList(200, 500).stream().map(Arrival::frame).toList());
      double tonePower = Signals.power(last3s, RATE, 440);
      double ratio = tonePower / Math.max(Signals.power(last3s, RATE, 300), Signals.power(last3s, RATE, 600));
      System.out.printf("MEDIA tone: Goertzel 440 Hz vs max(300, 600 Hz) = %.0f%n", ratio);
      assertThat(ratio).as("power at 440 Hz against 300 and 600 Hz").isGreaterThan(100);

      // Gaps: WebRTC's receiver hands out a 10 ms frame every 10 ms whatever arrived, and fills a
      // hole with concealment that fades to silence; a gap in the audio is therefore a run of
      // frames whose level falls well below the tone's. The first half second is left out: the
      // jitter buffer settles then.
      List<AudioFrame> steady = first5s.subList(50, 500).stream().map(Arrival::frame).toList();
      double[] levels = steady.stream().mapToDouble(f -> Signals.rms(Signals.concat(List.of(f)))).toArray();
      double typical = Arrays.stream(levels).sorted().toArray()[levels.length / 2];
      int longestGapFrames = 0;
      int gapFrames = 0;
      for (double level : levels) {
        gapFrames = level < typical / 2 ? gapFrames + 1 : 0;
        longestGapFrames = Math.max(longestGapFrames, gapFrames);
      }
      // Delivery: how far the arrivals fell behind the audio they carried (scheduling on the
      // receiving JVM, reported; a stall of the stream would show here).
      List<Arrival<AudioFrame>> delivered = first5s.subList(50, 500);
      long t0 = delivered.getFirst().nanos();
      double minLag = Double.MAX_VALUE;
      double maxLag = -Double.MAX_VALUE;
      long received = 0;
      for (Arrival<AudioFrame> a : delivered) {
        double lagMs = (a.nanos() - t0) / 1e6 - received * 1000.0 / RATE;
        minLag = Math.min(minLag, lagMs);
        maxLag = Math.max(maxLag, lagMs);
        received += a.frame().samplesPerChannel();
      }
      System.out.printf("MEDIA tone: 4.5 s steady: median frame RMS %.0f, longest run below half of it %d ms; "
          + "arrival lag spread %.1f ms%n", typical, longestGapFrames * 10, maxLag - minLag);
      assertThat(typical).as("median RMS of a 10 ms frame of the tone").isGreaterThan(1_000);
      assertThat(longestGapFrames * 10).as("longest gap in the received audio, ms").isLessThanOrEqualTo(50);
      assertThat(maxLag - minLag).as("largest delivery stall of the stream, ms").isLessThan(1_000);
    }
  }

  @Test
  void generatedVideoArrivesAtItsSizeWithAnAdvancingMarker() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<String> subscribed = subscribedTrack(bob, "alice", TrackKind.VIDEO);

    try (Camera camera = Camera.publish(alice, Duration.ofMillis(50))) {
      String sid = await(subscribed, IO);
      List<Arrival<VideoFrame>> arrivals = new ArrayList<>();

      StepVerifier.create(bob.videoFrames(sid, VideoStreamOptions.of(VideoBufferType.RGBA))
              .map(f -> new Arrival<>(System.nanoTime(), Thread.currentThread().getName(), f)))
          .recordWith(() -> arrivals)
          .expectNextCount(60)
          .then(() -> alice.localParticipant().unpublishTrack(camera.sid()).subscribe())
          .thenConsumeWhile(a -> true)
          .expectComplete()
          .verify(IO);

      // After the unpublish, WebRTC may still render a few tiny black frames until the track ends.
      List<Arrival<VideoFrame>> published = arrivals.subList(0, 60);
      assertThat(published).allSatisfy(a -> {
        assertThat(a.frame().type()).isEqualTo(VideoBufferType.RGBA);
        assertThat(a.frame().width()).isEqualTo(WIDTH);
        assertThat(a.frame().height()).isEqualTo(HEIGHT);
        assertThat(a.thread()).doesNotStartWith(DISPATCHER);
      });
      List<Integer> positions = published.stream().map(a -> markerPosition(a.frame())).filter(p -> p >= 0).toList();
      int forward = 0;
      int steps = 0;
      for (int i = 1; i < positions.size(); i++) {
        int delta = Math.floorMod(positions.get(i) - positions.get(i - 1), POSITIONS);
        if (delta != 0) {
          steps++;
          if (delta <= POSITIONS / 2) {
            forward++;
          }
        }
      }
      System.out.printf("MEDIA video: %d frames (%d after the unpublish), marker found in %d, %d of %d moves "
          + "forward%n", published.size(), arrivals.size() - published.size(), positions.size(), forward, steps);
      assertThat(positions.size()).as("frames with a marker").isGreaterThanOrEqualTo(published.size() * 9 / 10);
      assertThat(positions.stream().distinct().count()).as("distinct marker positions").isEqualTo(POSITIONS);
      assertThat(forward).as("moves of the marker that go forward").isGreaterThanOrEqualTo(steps * 9 / 10);
      assertThat(steps).isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void aSlowVideoSubscriberHasBoundedMemoryCountedDropsAndTheRoomKeepsFlowing() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<String> subscribed = subscribedTrack(bob, "alice", TrackKind.VIDEO);

    try (Camera camera = Camera.publish(alice, Duration.ofMillis(40))) {
      String sid = await(subscribed, IO);
      assertThat(sid).as("bob subscribed to alice's camera").isEqualTo(camera.sid());
      AtomicLong consumed = new AtomicLong();
      ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
      CompletableFuture<Void> ended = new CompletableFuture<>();
      long start = System.nanoTime();
      Disposable slow = bob.videoFrames(sid, VideoStreamOptions.defaults())
          .concatMap(f -> Mono.delay(Duration.ofMillis(200)).thenReturn(f), 1)
          .subscribe(f -> {
            consumed.incrementAndGet();
            if (threads.size() < 8) {
              threads.add(Thread.currentThread().getName());
            }
          }, ended::completeExceptionally, () -> ended.complete(null));
      try {
        waitUntil(start, Duration.ofSeconds(10));
        long heapAt10s = usedHeapAfterGc();
        long droppedAt10s = bob.mediaStats().framesDropped();

        waitUntil(start, Duration.ofSeconds(15));
        long[] latency = new long[1];
        StepVerifier.create(bob.dataPackets("ping").next())
            .then(() -> {
              latency[0] = System.nanoTime();
              alice.localParticipant().publishData("ping".getBytes(StandardCharsets.UTF_8),
                  DataOptions.reliable().withTopic("ping")).subscribe();
            })
            .assertNext(p -> latency[0] = System.nanoTime() - latency[0])
            .expectComplete()
            .verify(Duration.ofSeconds(5));

        waitUntil(start, Duration.ofSeconds(30));
        long heapAt30s = usedHeapAfterGc();
        MediaStreamStats stats = bob.mediaStats();
        System.out.printf("MEDIA slow: %d frames received, %d consumed, %d dropped (%d at 10 s); heap after GC "
                + "%d MB at 10 s, %d MB at 30 s; data packet meanwhile in %d ms%n", stats.framesReceived(),
            consumed.get(), stats.framesDropped(), droppedAt10s, heapAt10s >> 20, heapAt30s >> 20,
            TimeUnit.NANOSECONDS.toMillis(latency[0]));

        assertThat(ended).as("the stream is still open").isNotDone();
        assertThat(stats.openStreams()).isEqualTo(1);
        assertThat(stats.framesDropped()).as("frames dropped for the slow subscriber").isPositive()
            .isGreaterThan(droppedAt10s);
        assertThat(consumed.get()).as("about 5 frames per second consumed").isBetween(100L, 160L);
        assertThat(stats.framesReceived()).isGreaterThan(consumed.get() + stats.framesDropped() - 10);
        assertThat(heapAt30s).as("used heap after GC at 30 s against 10 s").isLessThan(heapAt10s + (32L << 20));
        assertThat(TimeUnit.NANOSECONDS.toMillis(latency[0])).as("data packet latency, ms").isLessThan(2_000);
        assertThat(threads).noneMatch(t -> t.startsWith(DISPATCHER));
      } finally {
        slow.dispose();
      }
      assertThat(bob.mediaStats().openStreams()).as("cancelled: the native stream is closed").isZero();
    }
  }

  @Test
  void longRunsOfAudioBothWaysAndVideoGiveEveryHandleBackAndKeepTheRssFlat() {
    RunResult first = runBothWays(Duration.ofSeconds(60));
    long rssFirst = rssAfterGc();
    RunResult second = runBothWays(Duration.ofSeconds(60));
    long rssSecond = rssAfterGc();

    System.out.printf("MEDIA leak: run 1 %s; run 2 %s%n", first, second);
    System.out.printf("MEDIA leak: VmRSS after run 1 %d MB, after run 2 %d MB (%+.1f%%)%n", rssFirst >> 10,
        rssSecond >> 10, 100.0 * (rssSecond - rssFirst) / rssFirst);
    assertThat(rssSecond).as("VmRSS in kB after the second run against the first").isLessThanOrEqualTo(rssFirst * 11 / 10);
  }

  @Test
  void refusalsOverflowMutingAndEveryWayAStreamEnds() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    Room carol = rooms.join("carol");
    CompletableFuture<String> videoAtBob = subscribedTrack(bob, "alice", TrackKind.VIDEO);
    CompletableFuture<String> videoAtCarol = subscribedTrack(carol, "alice", TrackKind.VIDEO);
    CompletableFuture<String> audioAtBob = subscribedTrack(bob, "alice", TrackKind.AUDIO);

    try (Camera camera = Camera.publish(alice, Duration.ofMillis(40));
         ToneTrack tone = ToneTrack.publish(alice, 440, IO)) {
      String sid = await(videoAtBob, IO);
      assertThat(await(audioAtBob, IO)).isEqualTo(tone.sid());

      // Refusals: a track that is not subscribed, a sid this room did not publish, a closed track.
      StepVerifier.create(bob.videoFrames("TR_nothing", VideoStreamOptions.defaults()))
          .expectError(io.roomflux.reactor.NoSuchTrackException.class)
          .verify(IO);
      StepVerifier.create(bob.audioFramesFrom("nobody", TrackSource.MICROPHONE, AudioStreamOptions.defaults()))
          .expectError(io.roomflux.reactor.NoSuchTrackException.class)
          .verify(IO);
      StepVerifier.create(alice.localParticipant().setMuted("TR_nothing", true))
          .expectError(io.roomflux.reactor.NoSuchTrackException.class)
          .verify(IO);
      LocalVideoTrack closed = TestMedia.MEDIA.videoTrack("closed", camera.source);
      closed.close();
      StepVerifier.create(alice.localParticipant().publishTrack(closed, TrackPublishOptions.camera()))
          .expectError(io.roomflux.reactor.ResourceClosedException.class)
          .verify(IO);

      // ERROR: a subscriber that takes one frame and then nothing overflows a queue of 2; the
      // native stream closes at once, the queued frames and then the error follow on demand.
      TestSubscriber<VideoFrame> stalled = TestSubscriber.builder().initialRequest(1).build();
      bob.videoFrames(sid, VideoStreamOptions.defaults().withOverflow(FrameOverflow.ERROR).withMaxBufferedFrames(2))
          .subscribe(stalled);
      Flux.interval(Duration.ofMillis(20)).filter(i -> bob.mediaStats().openStreams() == 0).next().block(IO);
      assertThat(stalled.isTerminated()).isFalse();
      stalled.request(Long.MAX_VALUE);
      stalled.block(IO);
      assertThat(stalled.expectTerminalError()).isInstanceOf(FrameOverflowException.class);
      assertThat(stalled.getReceivedOnNext()).hasSizeBetween(3, 4);
      assertThat(bob.mediaStats().framesDropped()).isEqualTo(1);

      // Muting through the participant reaches the receivers.
      StepVerifier.create(bob.events().ofType(RoomEvent.TrackMuted.class).next())
          .then(() -> alice.localParticipant().setMuted(camera.sid(), true).subscribe())
          .assertNext(m -> assertThat(m.trackSid()).isEqualTo(sid))
          .expectComplete()
          .verify(IO);
      StepVerifier.create(bob.events().ofType(RoomEvent.TrackUnmuted.class).next())
          .then(() -> alice.localParticipant().setMuted(camera.sid(), false).subscribe())
          .assertNext(m -> assertThat(m.identity()).isEqualTo("alice"))
          .expectComplete()
          .verify(IO);
      assertThat(camera.track.isMuted()).isFalse();

      // The participant-following stream delivers the microphone.
      StepVerifier.create(bob.audioFramesFrom("alice", TrackSource.MICROPHONE, AudioStreamOptions.of(16_000, 2))
              .take(50))
          .thenConsumeWhile(f -> f.sampleRate() == 16_000 && f.numChannels() == 2 && f.samplesPerChannel() == 160)
          .expectComplete()
          .verify(IO);

      // The receiver leaves: its stream completes and its native stream is closed.
      String carolSid = await(videoAtCarol, IO);
      StepVerifier.create(carol.videoFrames(carolSid, VideoStreamOptions.defaults()))
          .expectNextCount(3)
          .then(() -> carol.disconnect().subscribe())
          .thenConsumeWhile(f -> true)
          .expectComplete()
          .verify(IO);
      assertThat(carol.mediaStats().openStreams()).isZero();

      // The publisher leaves: streams of its track, and following it, complete.
      CompletableFuture<Void> byTrack = consume(bob.videoFrames(sid, VideoStreamOptions.defaults()), new AtomicLong());
      CompletableFuture<Void> following = consume(bob.audioFramesFrom("alice", TrackSource.MICROPHONE,
          AudioStreamOptions.defaults()), new AtomicLong());
      StepVerifier.create(bob.videoFrames(sid, VideoStreamOptions.defaults()).take(2)).expectNextCount(2)
          .expectComplete().verify(IO);
      assertThat(bob.mediaStats().openStreams()).isEqualTo(2);
      alice.disconnect().block(IO);
      CompletableFuture.allOf(byTrack, following).orTimeout(30, TimeUnit.SECONDS).join();
      assertThat(bob.mediaStats().openStreams()).isZero();
    }
  }

  // ---- the long run ----------------------------------------------------------------------------

  private record RunResult(long aliceAudioFrames, long bobAudioFrames, long videoFrames, long dropped) {
  }

  private RunResult runBothWays(Duration length) {
    String name = "media-run-" + UUID.randomUUID();
    Room alice = rooms.connect(rooms.server().token("alice", name));
    Room bob = rooms.connect(rooms.server().token("bob", name));
    CompletableFuture<String> aliceAudioAtBob = subscribedTrack(bob, "alice", TrackKind.AUDIO);
    CompletableFuture<String> aliceVideoAtBob = subscribedTrack(bob, "alice", TrackKind.VIDEO);
    CompletableFuture<String> bobAudioAtAlice = subscribedTrack(alice, "bob", TrackKind.AUDIO);
    AtomicLong bobHeard = new AtomicLong();
    AtomicLong aliceHeard = new AtomicLong();
    AtomicLong bobSaw = new AtomicLong();
    List<CompletableFuture<Void>> ends = new ArrayList<>();
    RunResult result;
    try (ToneTrack aliceTone = ToneTrack.publish(alice, 440, IO); ToneTrack bobTone = ToneTrack.publish(bob, 660, IO);
         Camera camera = Camera.publish(alice, Duration.ofMillis(40))) {
      ends.add(consume(bob.audioFrames(await(aliceAudioAtBob, IO), AudioStreamOptions.defaults()), bobHeard));
      ends.add(consume(bob.videoFrames(await(aliceVideoAtBob, IO), VideoStreamOptions.defaults()), bobSaw));
      ends.add(consume(alice.audioFrames(await(bobAudioAtAlice, IO), AudioStreamOptions.defaults()), aliceHeard));
      Mono.delay(length).block(length.plus(IO));

      // Unpublishing ends the receivers' streams.
      Mono.when(alice.localParticipant().unpublishTrack(aliceTone.sid()),
          alice.localParticipant().unpublishTrack(camera.sid()),
          bob.localParticipant().unpublishTrack(bobTone.sid())).block(IO);
      CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
      assertThat(alice.localParticipant().publishedTrackSids()).isEmpty();
      result = new RunResult(aliceHeard.get(), bobHeard.get(), bobSaw.get(),
          alice.mediaStats().framesDropped() + bob.mediaStats().framesDropped());
      assertThat(alice.mediaStats().openStreams()).isZero();
      assertThat(bob.mediaStats().openStreams()).isZero();
    }
    Mono.when(alice.disconnect(), bob.disconnect()).block(IO);
    assertThat(rooms.lk().diagnostics().liveHandlesByKind()).as("live handles after a run").isEmpty();
    long seconds = length.toSeconds();
    assertThat(result.bobAudioFrames()).as("alice's audio at bob").isGreaterThan(seconds * 100 * 8 / 10);
    assertThat(result.aliceAudioFrames()).as("bob's audio at alice").isGreaterThan(seconds * 100 * 8 / 10);
    assertThat(result.videoFrames()).as("alice's video at bob").isGreaterThan(seconds * 25 / 2);
    return result;
  }

  private static <T> CompletableFuture<Void> consume(Flux<T> frames, AtomicLong count) {
    CompletableFuture<Void> end = new CompletableFuture<>();
    frames.subscribe(f -> count.incrementAndGet(), end::completeExceptionally, () -> end.complete(null));
    return end;
  }

  // ---- publishers ------------------------------------------------------------------------------

  /** I420 frames with a bright block whose position counts the frames, until closed. */
  private static final class Camera extends PublishedTrack {
    private final VideoSource source;
    private final LocalVideoTrack track;

    private Camera(VideoSource source, LocalVideoTrack track, TrackPublication publication, Disposable frames) {
      super(track, source::closeLater, publication, frames);
      this.source = source;
      this.track = track;
    }

    static Camera publish(Room room, Duration interval) {
      VideoSource source = TestMedia.MEDIA.videoSource(WIDTH, HEIGHT);
      LocalVideoTrack track = TestMedia.MEDIA.videoTrack("camera", source);
      // The software encoder, named: every camera test then shows the option is taken end to end.
      TrackPublishOptions options = TrackPublishOptions.camera()
          .withSimulcast(false).withDegradationPreference(DegradationPreference.MAINTAIN_RESOLUTION)
          .withVideoEncoder(VideoEncoder.SOFTWARE);
      TrackPublication publication = publish(room, track, source::close, options, TrackKind.VIDEO, IO);
      ByteBuffer pixels = ByteBuffer.allocateDirect(VideoBufferType.I420.frameSize(WIDTH, HEIGHT));
      AtomicInteger counter = new AtomicInteger();
      long t0 = System.nanoTime();
      // captureFrame copies the pixels before it returns, so one buffer serves every frame; the
      // interval emits on one worker at a time.
      Disposable frames = Flux.interval(interval, Schedulers.parallel()).subscribe(tick -> {
        drawMarker(pixels, counter.getAndIncrement() % POSITIONS);
        source.captureFrame(VideoFrame.i420(WIDTH, HEIGHT, pixels)
            .withTimestamp(Duration.ofNanos(System.nanoTime() - t0)));
      });
      return new Camera(source, track, publication, frames);
    }
  }

  /** Black I420 with a white block at position {@code k} of {@link #POSITIONS} along the row band. */
  private static void drawMarker(ByteBuffer i420, int k) {
    int x0 = 20 + k * BLOCK;
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        boolean inBlock = y >= 100 && y < 100 + BLOCK && x >= x0 && x < x0 + BLOCK;
        i420.put(y * WIDTH + x, (byte) (inBlock ? 235 : 16));
      }
    }
    for (int i = WIDTH * HEIGHT; i < i420.capacity(); i++) {
      i420.put(i, (byte) 128);
    }
  }

  /** The marker's position in an RGBA frame, or -1 if none is seen. */
  private static int markerPosition(VideoFrame frame) {
    VideoFrame.Plane plane = frame.plane(0);
    ByteBuffer rgba = plane.data();
    long sum = 0;
    int columns = 0;
    for (int x = 0; x < frame.width(); x++) {
      int bright = 0;
      for (int y = 100; y < 100 + BLOCK; y++) {
        if ((rgba.get(y * plane.stride() + x * 4) & 0xff) > 128) {
          bright++;
        }
      }
      if (bright > BLOCK / 2) {
        sum += x;
        columns++;
      }
    }
    if (columns < BLOCK / 2) {
      return -1;
    }
    double center = (double) sum / columns;
    return (int) Math.round((center - 20 - BLOCK / 2.0) / BLOCK);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private record Arrival<T>(long nanos, String thread, T frame) {
  }

  /** Waits until {@code offset} after {@code start}: the test observes a stream for a set time. */
  private static void waitUntil(long start, Duration offset) {
    long remaining = start + offset.toNanos() - System.nanoTime();
    if (remaining > 0) {
      Mono.delay(Duration.ofNanos(remaining)).block(offset.plus(IO));
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /**
   * VmRSS in kB after a GC, once it has settled: the core's teardown threads release memory a
   * little after the rooms closed, so it is read every 250 ms until two readings are within 1 MB
   * of each other (at most 20 readings; the last one counts then).
   */
  private static long rssAfterGc() {
    usedHeapAfterGc();
    long previous = vmRss();
    for (int i = 0; i < 20; i++) {
      Mono.delay(Duration.ofMillis(250)).block(IO);
      long now = vmRss();
      if (Math.abs(now - previous) < 1024) {
        return now;
      }
      previous = now;
    }
    return previous;
  }

  private static long vmRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read /proc/self/status", e);
    }
    throw new AssertionError("no VmRSS in /proc/self/status");
  }
}
