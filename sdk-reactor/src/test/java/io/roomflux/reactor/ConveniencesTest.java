package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.participant.RemoteTrack;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The scoped and waiting conveniences against the real core and server: waiting for another
 * participant's track to be subscribed, a room joined for a {@code Mono} body, and a track
 * published for the duration of a body (unpublished and closed on complete, error and cancel).
 */
@LiveKitIntegrationTest
class ConveniencesTest {
  private static final Duration IO = Duration.ofSeconds(30);

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("conv");

  @Test
  void subscribedTrackWaitsForATrackPublishedLaterAndThenItsAudioCanBeRead() {
    Room bob = rooms.join("bob");
    CompletableFuture<RemoteTrack> waiting = bob.subscribedTrack("alice", TrackSource.MICROPHONE).toFuture();
    Room alice = rooms.join("alice");
    ToneTrack tone = rooms.closeAfter(ToneTrack.publish(alice, 440, IO));

    assertThat(waiting).succeedsWithin(IO).satisfies(track -> {
      assertThat(track.sid()).isEqualTo(tone.sid());
      assertThat(track.kind()).isEqualTo(TrackKind.AUDIO);
    });
    StepVerifier.create(bob.audioFrames(waiting.join().sid(), io.roomflux.reactor.media.AudioStreamOptions.defaults())
            .take(1))
        .expectNextCount(1).expectComplete().verify(IO);
    StepVerifier.create(bob.subscribedTrack("alice", TrackSource.MICROPHONE).map(RemoteTrack::sid))
        .as("already subscribed: at once").expectNext(tone.sid()).expectComplete().verify(IO);
  }

  @Test
  void withRoomMonoGivesTheBodysValueAndLeavesTheRoomFirst() {
    AtomicReference<Room> inside = new AtomicReference<>();
    String url = rooms.server().url().toString();
    String token = rooms.server().token("carol", rooms.name());
    StepVerifier.create(rooms.lk().withRoomMono(url, token, RoomOptions.defaults(), room -> {
          inside.set(room);
          return Mono.just(room.localParticipant().identity());
        }))
        .expectNext("carol").expectComplete().verify(IO);
    assertThat(inside.get().connectionState()).isEqualTo(ConnectionState.DISCONNECTED);

    StepVerifier.create(rooms.lk().withRoomMono(url, token, RoomOptions.defaults(),
            room -> Mono.<String>error(new IllegalStateException("body failed")).doOnSubscribe(s -> inside.set(room))))
        .expectErrorMessage("body failed").verify(IO);
    assertThat(inside.get().connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
  }

  @Test
  void withPublishedTrackUnpublishesAndClosesTheTrackOnCompleteErrorAndCancel() {
    Room alice = rooms.join("alice");
    AudioSource source = rooms.closeAfter(rooms.lk().media().audioSource(AudioSourceOptions.of(48_000, 1)));

    LocalAudioTrack completed = rooms.lk().media().audioTrack("complete", source);
    AtomicReference<String> sid = new AtomicReference<>("");
    StepVerifier unpublished = unpublishedEvent(alice, sid);
    StepVerifier.create(alice.localParticipant().withPublishedTrack(completed, TrackPublishOptions.microphone(),
            publication -> Mono.fromSupplier(() -> {
              sid.set(publication.sid());
              return publication.source();
            })))
        .expectNext(TrackSource.MICROPHONE).expectComplete().verify(IO);
    assertThat(completed.isClosed()).as("closed before the body's completion is passed on").isTrue();
    unpublished.verify(IO);

    LocalAudioTrack failed = rooms.lk().media().audioTrack("error", source);
    sid.set("");
    unpublished = unpublishedEvent(alice, sid);
    StepVerifier.create(alice.localParticipant().withPublishedTrack(failed, TrackPublishOptions.microphone(),
            publication -> Mono.fromRunnable(() -> sid.set(publication.sid()))
                .then(Mono.error(new IllegalStateException("body failed")))))
        .expectErrorMessage("body failed").verify(IO);
    assertThat(failed.isClosed()).as("closed before the body's error is passed on").isTrue();
    unpublished.verify(IO);

    LocalAudioTrack cancelled = rooms.lk().media().audioTrack("cancel", source);
    sid.set("");
    unpublished = unpublishedEvent(alice, sid);
    StepVerifier.create(alice.localParticipant().withPublishedTrack(cancelled, TrackPublishOptions.microphone(),
            publication -> Flux.concat(Mono.fromRunnable(() -> sid.set(publication.sid())).thenReturn(1), Flux.never())))
        .expectNext(1)
        .thenCancel()
        .verify(IO);
    unpublished.verify(IO);
    // The track's closing has no event of its own: wait (bounded) for the flag the release sets.
    StepVerifier.create(Flux.interval(Duration.ofMillis(20)).filter(i -> cancelled.isClosed()).next())
        .expectNextCount(1).expectComplete().verify(IO);
    assertThat(alice.localParticipant().publishedTrackSids()).isEmpty();
  }

  /** Verifies later that the local track whose sid {@code sid} will hold is unpublished. */
  private static StepVerifier unpublishedEvent(Room room, AtomicReference<String> sid) {
    return StepVerifier.create(room.events().ofType(RoomEvent.LocalTrackUnpublished.class)
            .filter(e -> e.trackSid().equals(sid.get())).next())
        .expectNextCount(1).expectComplete().verifyLater();
  }
}
