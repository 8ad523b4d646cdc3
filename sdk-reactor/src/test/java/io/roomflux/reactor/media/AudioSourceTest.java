package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.core.OwnedHandle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/**
 * Audio sources against the real core, without a room: the core drains a source's queue in real
 * time whether or not it is published, so pacing, backpressure and closing can be observed here.
 */
@ExtendWith(NativeHandlesBalanced.class)
class AudioSourceTest {
  private static final Duration IO = Duration.ofSeconds(15);
  private static final AudioFrame TEN_MS = Signals.sineFrames(440, 48_000, 1).getFirst();
  private static final AudioFrame THREE_HUNDRED_MS = AudioFrame.silence(48_000, 1, 14_400);

  private static AudioSource source(Duration queue) {
    return TestMedia.MEDIA.audioSource(AudioSourceOptions.of(48_000, 1).withQueueSize(queue));
  }

  @Test
  void a100FrameCaptureIsPacedByTheCoresQueue() {
    try (AudioSource source = source(Duration.ofMillis(100))) {
      long start = System.nanoTime();

      StepVerifier.create(Flux.range(0, 100).concatMap(i -> source.captureFrame(TEN_MS), 0).then())
          .expectComplete()
          .verify(IO);

      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      // 1 s of audio through a 100 ms queue: the last frame fits once ~900 ms have played.
      assertThat(elapsedMs).as("paced: about the audio's duration minus the queue").isBetween(700L, 5_000L);
      assertThat(TestMedia.handle(source).leases()).isZero();
    }
  }

  @Test
  void captureRequestsTheNextFrameOnlyWhenTheCoreAcceptedThePreviousOne() throws Exception {
    // Cold: a frame pushed right after the request hook ran waits for the request to arrive.
    TestPublisher<AudioFrame> frames = TestPublisher.createCold();
    List<Long> requests = new CopyOnWriteArrayList<>();
    CompletableFuture<Long> secondRequestAt = new CompletableFuture<>();
    try (AudioSource source = source(Duration.ofMillis(10))) {
      Flux<AudioFrame> observed = frames.flux().doOnRequest(n -> {
        requests.add(n);
        if (requests.size() == 2) {
          secondRequestAt.complete(System.nanoTime());
        }
      });
      long[] sentAt = new long[1];

      StepVerifier.create(source.capture(observed))
          .then(() -> assertThat(requests).containsExactly(1L))
          .then(() -> {
            sentAt[0] = System.nanoTime();
            frames.next(THREE_HUNDRED_MS); // 30 steps through a 10 ms queue: ~290 ms to accept
            assertThat(requests).as("nothing requested while the core holds the frame").containsExactly(1L);
            assertThat(TestMedia.handle(source).leases()).isEqualTo(1);
          })
          .then(() -> {
            long at = secondRequestAt.join();
            assertThat(TimeUnit.NANOSECONDS.toMillis(at - sentAt[0])).isGreaterThanOrEqualTo(200L);
            assertThat(TestMedia.handle(source).leases()).as("the capture was over when the next frame was asked for").isZero();
          })
          .then(() -> frames.next(TEN_MS).complete())
          .expectComplete()
          .verify(IO);

      assertThat(requests).containsOnly(1L);
    }
  }

  @Test
  void eachRequestOfAStreamComesWithNoCaptureOutstanding() {
    List<Integer> leasesAtRequest = new CopyOnWriteArrayList<>();
    List<Long> requests = new CopyOnWriteArrayList<>();
    try (AudioSource source = source(Duration.ofMillis(50))) {
      Flux<AudioFrame> frames = Flux.fromIterable(Signals.sineFrames(440, 48_000, 50)).doOnRequest(n -> {
        requests.add(n);
        leasesAtRequest.add(TestMedia.handle(source).leases());
      });

      StepVerifier.create(source.capture(frames)).expectComplete().verify(IO);

      assertThat(requests).hasSize(50).containsOnly(1L);
      assertThat(leasesAtRequest).containsOnly(0);
    }
  }

  @Test
  void concurrentCapturesAreSentOneAfterAnotherAndAllAccepted() {
    try (AudioSource source = source(Duration.ofMillis(20))) {
      // The core refuses a frame while another is pending: without the source's own queue most
      // of these would fail.
      StepVerifier.create(Flux.range(0, 40).flatMap(i -> source.captureFrame(TEN_MS), 40).then())
          .expectComplete()
          .verify(IO);
      assertThat(TestMedia.handle(source).leases()).isZero();
    }
  }

  @Test
  void closingWithACaptureInFlightDropsTheHandleOnlyAfterItsCallback() {
    AudioSource source = source(Duration.ofMillis(10));
    OwnedHandle handle = TestMedia.handle(source);
    CompletableFuture<Throwable> queuedBehind = new CompletableFuture<>();

    StepVerifier.create(source.captureFrame(THREE_HUNDRED_MS))
        .then(() -> source.captureFrame(TEN_MS).subscribe(null, queuedBehind::complete,
            () -> queuedBehind.complete(new AssertionError("a frame queued behind the close was sent"))))
        .then(() -> {
          source.close();
          source.close();
          assertThat(source.isClosed()).isTrue();
          assertThat(handle.isClosed()).isTrue();
          assertThat(handle.isDropped()).isFalse();
        })
        .expectComplete()
        .verify(IO);

    assertThat(handle.isDropped()).as("dropped by the callback, before the capture completed").isTrue();
    assertThat(queuedBehind.join()).isInstanceOf(ResourceClosedException.class)
        .hasMessageContaining("closed before the frame was sent");
  }

  @Test
  void closeLaterCompletesOnlyOnceTheSourceWithAFrameInFlightWasReleased() {
    AudioSource source = source(Duration.ofMillis(10));
    OwnedHandle handle = TestMedia.handle(source);
    LocalAudioTrack track = TestMedia.MEDIA.audioTrack("closing", source);
    // Subscribed first: the frame is in flight when the source is closed. Its lease ends before
    // it completes, so the capture sees the handle dropped.
    Mono<Boolean> capture = source.captureFrame(THREE_HUNDRED_MS).then(Mono.fromCallable(handle::isDropped));
    Mono<List<Boolean>> released = Mono.when(track.closeLater(), source.closeLater())
        .then(Mono.fromCallable(() -> List.of(track.isClosed(), handle.isClosed(), handle.isDropped())));

    StepVerifier.create(capture.zipWith(released))
        .assertNext(both -> {
          assertThat(both.getT1()).as("dropped when the capture in flight completed").isTrue();
          assertThat(both.getT2()).as("track closed, source closed and dropped when closeLater completed")
              .containsExactly(true, true, true);
        })
        .expectComplete()
        .verify(IO);

    StepVerifier.create(source.closeLater()).as("again: already released").expectComplete().verify(IO);
    StepVerifier.create(track.closeLater()).expectComplete().verify(IO);
  }

  @Test
  void aClosedSourceRefusesCapturesAndClearing() {
    AudioSource source = source(Duration.ofMillis(100));
    source.close();

    StepVerifier.create(source.captureFrame(TEN_MS))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ResourceClosedException.class)
            .hasMessageContaining("audio source is closed"))
        .verify(IO);
    assertThatThrownBy(source::clearQueue).isInstanceOf(ResourceClosedException.class);
    assertThat(TestMedia.handle(source).isDropped()).isTrue();
  }

  @Test
  void aWithdrawnCaptureIsNeverSent() {
    try (AudioSource source = source(Duration.ofMillis(10))) {
      Disposable inFlight = source.captureFrame(THREE_HUNDRED_MS).subscribe();
      Disposable withdrawn = source.captureFrame(TEN_MS).subscribe();
      assertThat(TestMedia.handle(source).leases()).isEqualTo(2);

      withdrawn.dispose();

      assertThat(TestMedia.handle(source).leases()).as("the withdrawn frame gave its lease back").isEqualTo(1);
      // Waits for the frame in flight, although the newest capture is already over.
      StepVerifier.create(source.waitForPlayout()).expectComplete().verify(IO);
      assertThat(TestMedia.handle(source).leases()).isZero();
      assertThat(inFlight.isDisposed()).isTrue();
    }
  }

  @Test
  void framesOfTheWrongFormatAreRejectedBeforeReachingTheCore() {
    try (AudioSource source = source(Duration.ofMillis(100)); AudioSource direct = source(Duration.ZERO)) {
      StepVerifier.create(source.captureFrame(AudioFrame.silence(16_000, 1, 160)))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("48000 Hz").hasMessageContaining("16000 Hz"))
          .verify(IO);
      StepVerifier.create(source.captureFrame(AudioFrame.silence(48_000, 2, 480)))
          .expectError(IllegalArgumentException.class)
          .verify(IO);
      StepVerifier.create(direct.captureFrame(AudioFrame.silence(48_000, 1, 960)))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("10 ms"))
          .verify(IO);
      StepVerifier.create(direct.captureFrame(TEN_MS)).expectComplete().verify(IO);
      StepVerifier.create(source.captureFrame(AudioFrame.silence(48_000, 1, 0))).expectComplete().verify(IO);
    }
    assertThatThrownBy(() -> AudioSourceOptions.of(48_000, 1).withQueueSize(Duration.ofMillis(15)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 ms");
    assertThatThrownBy(() -> AudioSourceOptions.of(22_050, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void waitForPlayoutWaitsForTheQueuedAudioAndClearQueueCutsItShort() {
    try (AudioSource source = source(Duration.ofSeconds(1))) {
      long start = System.nanoTime();
      // 300 ms fit into the 1 s queue at once: accepted long before they have played.
      StepVerifier.create(source.captureFrame(THREE_HUNDRED_MS)).expectComplete().verify(IO);
      assertThat(source.queuedDuration()).isGreaterThan(Duration.ZERO);

      StepVerifier.create(source.waitForPlayout()).expectComplete().verify(IO);

      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(290L);
      assertThat(source.queuedDuration()).isZero();

      StepVerifier.create(source.capture(Flux.fromIterable(Signals.sineFrames(440, 48_000, 50))))
          .expectComplete().verify(IO);
      source.clearQueue();
      assertThat(source.queuedDuration()).isZero();
      long cleared = System.nanoTime();
      StepVerifier.create(source.waitForPlayout()).expectComplete().verify(IO);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cleared)).isLessThan(300L);
    }
  }

  @Test
  void aTrackIsMadeOnlyFromASourceRoomFluxMade() {
    AudioSource foreign = (AudioSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {AudioSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("toString")) {
            return "a foreign source";
          }
          throw new UnsupportedOperationException(method.getName());
        });
    assertThatThrownBy(() -> TestMedia.MEDIA.audioTrack("foreign", foreign))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an audio source made by RoomFlux");
  }

  @Test
  void signalsArriveOnTheConfiguredScheduler() {
    var scheduler = reactor.core.scheduler.Schedulers.newSingle("media-test");
    try (AudioSource source = TestMedia.MEDIA.audioSource(AudioSourceOptions.of(48_000, 1)
        .withQueueSize(Duration.ofMillis(10)).withScheduler(scheduler))) {
      StepVerifier.create(source.captureFrame(TEN_MS).then(Mono.fromCallable(() -> Thread.currentThread().getName())))
          .assertNext(thread -> assertThat(thread).startsWith("media-test"))
          .expectComplete()
          .verify(IO);
    } finally {
      scheduler.dispose();
    }
  }
}
