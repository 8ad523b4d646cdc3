package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.data.DataTrackException;
import io.roomflux.reactor.data.DataTrackFrame;
import io.roomflux.reactor.data.DataTrackFrameEncoding;
import io.roomflux.reactor.data.DataTrackOptions;
import io.roomflux.reactor.data.DataTrackSchemaEncoding;
import io.roomflux.reactor.data.DataTrackSchemaId;
import io.roomflux.reactor.data.DataTrackSubscribeOptions;
import io.roomflux.reactor.data.LocalDataTrack;
import io.roomflux.reactor.data.RemoteDataTrack;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Data tracks between two RoomFlux participants on the real livekit-server: publish, push
 * frames, subscribe with backpressure, unpublish, the errors of each, and the native handles
 * given back.
 */
@LiveKitIntegrationTest
class DataTrackTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final Duration PACE = Duration.ofMillis(20);

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("dtrack");

  private long liveDataTrackHandles() {
    return rooms.lk().diagnostics().liveHandlesByKind().getOrDefault("DATA_TRACK", 0L);
  }

  /** The remote view of the next data track {@code room} sees published under {@code name}. */
  static CompletableFuture<RemoteDataTrack> remoteTrack(Room room, String name) {
    return room.events().ofType(RoomEvent.DataTrackPublished.class)
        .filter(e -> e.track().name().equals(name))
        .next()
        .map(e -> room.remoteDataTrack(e.track().sid()).orElseThrow())
        .toFuture();
  }

  static String text(DataTrackFrame frame) {
    return new String(frame.bytes(), StandardCharsets.UTF_8);
  }

  /**
   * Pushes numbered warm-up frames every {@link #PACE} until {@code received} has one: frames
   * pushed before the subscription reached the server are not delivered to it.
   */
  static void warmUp(LocalDataTrack track, Sinks.Many<DataTrackFrame> received) {
    Flux.interval(PACE)
        .doOnNext(i -> track.tryPush(DataTrackFrame.of(("warm-" + i).getBytes(StandardCharsets.UTF_8), i)))
        .takeUntilOther(received.asFlux().next())
        .blockLast(IO);
  }

  @Test
  void framesArriveInOrderWithTheirTimestampsAndUnpublishEndsTheSubscribersFlux() throws Exception {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<RemoteDataTrack> seen = remoteTrack(bob, "telemetry");
    CompletableFuture<RoomEvent.DataTrackUnpublished> gone = bob.events()
        .ofType(RoomEvent.DataTrackUnpublished.class).next().toFuture();

    LocalDataTrack track = alice.localParticipant().publishDataTrack("telemetry").block(IO);
    assertThat(track).isNotNull();
    assertThat(track.info().name()).isEqualTo("telemetry");
    assertThat(track.info().sid()).isNotEmpty();
    assertThat(track.isPublished()).isTrue();

    RemoteDataTrack remote = seen.get(IO.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(remote.info().sid()).isEqualTo(track.info().sid());
    assertThat(remote.publisherIdentity()).isEqualTo("alice");
    assertThat(remote.isPublished()).isTrue();
    assertThat(bob.remoteDataTracks()).extracting(t -> t.info().sid()).containsExactly(track.info().sid());

    Sinks.Many<DataTrackFrame> received = Sinks.many().replay().all();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    Disposable subscription = remote.subscribe()
        .subscribe(received::tryEmitNext, ended::completeExceptionally, () -> ended.complete(null));
    try {
      warmUp(track, received);
      int n = 50;
      List<Boolean> accepted = Flux.range(0, n)
          .delayElements(Duration.ofMillis(5))
          .map(i -> track.tryPush(DataTrackFrame.of(("frame-" + i).getBytes(StandardCharsets.UTF_8), 1_000L + i)))
          .collectList().block(IO);
      assertThat(accepted).as("pushes the core queued").containsOnly(true);

      List<DataTrackFrame> frames = received.asFlux()
          .filter(f -> text(f).startsWith("frame-"))
          .take(n)
          .collectList()
          .block(IO);
      assertThat(frames).extracting(DataTrackTest::text)
          .containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> "frame-" + i).toList());
      assertThat(frames).extracting(DataTrackFrame::userTimestamp)
          .containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> Optional.of(1_000L + i)).toList());

      track.unpublish().block(IO);
      assertThat(track.isPublished()).isFalse();
      ended.get(IO.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      gone.get(IO.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      assertThat(remote.isPublished()).isFalse();
      assertThat(bob.remoteDataTrack(track.info().sid())).isEmpty();
      assertThat(liveDataTrackHandles()).as("data track handles once unpublished").isZero();
    } finally {
      subscription.dispose();
    }
  }

  @Test
  void aSecondTrackOfTheSameNameIsRefusedAsDuplicate() {
    Room alice = rooms.join("alice");
    LocalDataTrack first = alice.localParticipant().publishDataTrack("dup").block(IO);
    assertThat(first).isNotNull();
    StepVerifier.create(alice.localParticipant().publishDataTrack("dup"))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DataTrackException.class)
            .satisfies(x -> assertThat(((DataTrackException) x).reason())
                .isEqualTo(DataTrackException.Reason.DUPLICATE_NAME)))
        .verify(IO);
    first.unpublish().block(IO);
    assertThat(liveDataTrackHandles()).isZero();
  }

  @Test
  void pushAfterUnpublishIsRefusedAsUnpublishedAndUnpublishIsIdempotent() {
    Room alice = rooms.join("alice");
    LocalDataTrack track = alice.localParticipant().publishDataTrack("once").block(IO);
    assertThat(track).isNotNull();
    assertThat(track.tryPush(DataTrackFrame.of(new byte[] {1}))).isTrue();
    track.unpublish().block(IO);
    track.unpublish().block(IO);
    assertThat(track.isPublished()).isFalse();
    assertThatThrownBy(() -> track.tryPush(DataTrackFrame.of(new byte[] {2})))
        .isInstanceOfSatisfying(DataTrackException.class,
            e -> assertThat(e.reason()).isEqualTo(DataTrackException.Reason.UNPUBLISHED));
    assertThat(liveDataTrackHandles()).isZero();
  }

  @Test
  void aSlowSubscriberGetsFramesOnlyOnDemandAndCancelReleasesTheStream() throws Exception {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<RemoteDataTrack> seen = remoteTrack(bob, "slow");
    LocalDataTrack track = alice.localParticipant().publishDataTrack("slow").block(IO);
    RemoteDataTrack remote = seen.get(IO.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    long before = liveDataTrackHandles();

    // One frame requested, then 40 pushed: the core keeps at most its buffer (4 here) and drops
    // the oldest; RoomFlux asks for nothing more than the one frame its delivery stage prefetches
    // until the subscriber asks.
    ConcurrentLinkedQueue<String> got = new ConcurrentLinkedQueue<>();
    Sinks.Many<DataTrackFrame> first = Sinks.many().replay().all();
    StepVerifier.create(remote.subscribe(DataTrackSubscribeOptions.defaults().withBufferSize(4).withMaxPartialFrames(2))
            .doOnNext(f -> got.add(text(f))).doOnNext(first::tryEmitNext), 1)
        .then(() -> warmUp(track, first))
        .expectNextCount(1)
        .then(() -> assertThat(liveDataTrackHandles()).as("the stream's handle while subscribed").isEqualTo(before + 1))
        .then(() -> Flux.range(0, 40).delayElements(Duration.ofMillis(5))
            .doOnNext(i -> track.tryPush(DataTrackFrame.of(("burst-" + i).getBytes(StandardCharsets.UTF_8))))
            .blockLast(IO))
        .then(() -> assertThat(got).as("delivered without demand").hasSize(1))
        .thenRequest(Long.MAX_VALUE)
        // A warm-up frame pushed while the first was in transit may be the one that waited on
        // the Java side (the delivery stage's prefetch of one).
        .thenConsumeWhile(f -> !text(f).startsWith("burst-"))
        .thenConsumeWhile(f -> !text(f).equals("burst-39"))
        .thenCancel()
        .verify(IO);
    List<String> bursts = new ArrayList<>(got.stream().filter(s -> s.startsWith("burst-")).toList());
    assertThat(bursts.size()).as("frames kept by a buffer of 4 (plus the one read in flight)").isBetween(1, 6);
    assertThat(bursts).last().isEqualTo("burst-39");
    assertThat(liveDataTrackHandles()).as("the stream's handle after cancel").isEqualTo(before);
    track.unpublish().block(IO);
  }

  @Test
  void subscribingToATrackNoLongerPublishedFailsAsUnpublished() throws Exception {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<RemoteDataTrack> seen = remoteTrack(bob, "brief");
    CompletableFuture<RoomEvent.DataTrackUnpublished> gone = bob.events()
        .ofType(RoomEvent.DataTrackUnpublished.class).next().toFuture();
    LocalDataTrack track = alice.localParticipant().publishDataTrack("brief").block(IO);
    RemoteDataTrack remote = seen.get(IO.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    track.unpublish().block(IO);
    gone.get(IO.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

    StepVerifier.create(remote.subscribe())
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(DataTrackException.class,
            x -> assertThat(x.reason()).isEqualTo(DataTrackException.Reason.UNPUBLISHED)))
        .verify(IO);
    StepVerifier.create(remote.setMaxPartialFrames(2))
        .expectError(DataTrackException.class)
        .verify(IO);
    assertThat(remote.isPublished()).isFalse();
  }

  @Test
  void theDeclaredSchemaAndFrameEncodingReachTheSubscriber() throws Exception {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<RemoteDataTrack> seen = remoteTrack(bob, "pose");
    DataTrackSchemaId schema = DataTrackSchemaId.of("Pose", DataTrackSchemaEncoding.of(DataTrackSchemaEncoding.WellKnown.JSON_SCHEMA));
    LocalDataTrack track = alice.localParticipant().publishDataTrack("pose", DataTrackOptions.defaults()
        .withSchema(schema).withFrameEncoding(DataTrackFrameEncoding.of(DataTrackFrameEncoding.WellKnown.JSON))).block(IO);
    assertThat(track).isNotNull();
    assertThat(track.info().schema()).contains(schema);
    RemoteDataTrack remote = seen.get(IO.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(remote.info().schema()).contains(schema);
    assertThat(remote.info().frameEncoding()).contains(DataTrackFrameEncoding.of(DataTrackFrameEncoding.WellKnown.JSON));
    track.unpublish().block(IO);
  }

  @Test
  void aRoomsCloseReleasesItsDataTracksAndEndsSubscriptions() throws Exception {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<RemoteDataTrack> seen = remoteTrack(bob, "left");
    LocalDataTrack track = alice.localParticipant().publishDataTrack("left").block(IO);
    RemoteDataTrack remote = seen.get(IO.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    StepVerifier.create(remote.subscribe())
        .then(() -> bob.disconnect().block(IO))
        .expectComplete()
        .verify(IO);
    alice.disconnect().block(IO);
    assertThat(track.isPublished()).isFalse();
    StepVerifier.create(track.unpublish()).expectComplete().verify(IO);
    assertThat(liveDataTrackHandles()).isZero();
    StepVerifier.create(Mono.fromCallable(() -> track.tryPush(DataTrackFrame.of(new byte[1]))))
        .expectError(DataTrackException.class)
        .verify(IO);
  }

  @Test
  void aSchemaDefinedByThePublisherIsFetchedByAnotherParticipantOnceTheServerAllowsIt() {
    // livekit-server stores schemas as participant data blobs, which v1.13.5 refuses unless
    // enable_participant_data_blob is set: a server of this test's own with it.
    try (LiveKitDevServer server = LiveKitDevServer.builder().configYaml("enable_participant_data_blob: true").start()) {
      Room alice = rooms.lk().connect(server.url().toString(), server.token("alice", rooms.name()),
          RoomOptions.defaults()).block(IO);
      Room bob = rooms.lk().connect(server.url().toString(), server.token("bob", rooms.name()),
          RoomOptions.defaults()).block(IO);
      assertThat(alice).isNotNull();
      assertThat(bob).isNotNull();
      DataTrackSchemaId id = DataTrackSchemaId.of("Pose",
          DataTrackSchemaEncoding.of(DataTrackSchemaEncoding.WellKnown.JSON_SCHEMA));
      String definition = "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\"}}}";
      alice.localParticipant().defineSchema(id, definition).block(IO);
      assertThat(bob.localParticipant().schema("alice", id).block(IO)).isEqualTo(definition);

      StepVerifier.create(bob.localParticipant().schema("alice", DataTrackSchemaId.of("Unknown")))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(DataTrackException.class,
              x -> assertThat(x.reason()).isEqualTo(DataTrackException.Reason.SCHEMA)))
          .verify(IO);
      alice.disconnect().block(IO);
      bob.disconnect().block(IO);
    }
  }

  @Test
  void aServerThatDoesNotStoreDataBlobsRefusesASchemaWithATypedError() {
    Room alice = rooms.join("alice");
    StepVerifier.create(alice.localParticipant().defineSchema(DataTrackSchemaId.of("Pose"), "{}"))
        .expectErrorSatisfies(e -> {
          System.out.println("DATATRACK defineSchema on a default server: " + e);
          assertThat(e).isInstanceOfSatisfying(DataTrackException.class,
              x -> assertThat(x.reason()).isEqualTo(DataTrackException.Reason.SCHEMA));
        })
        .verify(IO);
  }

  @Test
  void aSubscriptionCompletesWhenThePublisherLeavesAndTheRoomReleasesTheTrack() throws Exception {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<RemoteDataTrack> seen = remoteTrack(bob, "leaving");
    LocalDataTrack track = alice.localParticipant().publishDataTrack("leaving").block(IO);
    assertThat(track).isNotNull();
    RemoteDataTrack remote = seen.get(IO.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    StepVerifier.create(remote.subscribe(), 0)
        .then(() -> alice.disconnect().block(IO))
        .expectComplete()
        .verify(IO);
    assertThat(remote.isPublished()).isFalse();
    assertThat(bob.remoteDataTracks()).isEmpty();
    assertThat(liveDataTrackHandles()).as("data track handles once the publisher left").isZero();
  }
}
