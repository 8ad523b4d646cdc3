package io.roomflux.reactor.internal.room;

import static io.roomflux.proto.FfiRequest.MessageCase.CONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.DISCONNECT;
import static io.roomflux.reactor.internal.core.ScriptedMessages.connected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnectDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.joined;
import static io.roomflux.reactor.internal.core.ScriptedMessages.participant;
import static io.roomflux.reactor.internal.core.ScriptedMessages.participantConnected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.withTracks;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.reactor.internal.core.ScriptedCore;
import io.roomflux.reactor.internal.core.ScriptedCore.Call;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The room's waits ({@code participant(identity)}, {@code subscribedTrack(identity, source)})
 * against a {@link ScriptedCore}: at once when the state already has it, on the event that brings
 * it, a room that closes first, and the events held for the application's first subscriber left
 * alone.
 */
class RoomWaitsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScriptedCore core = new ScriptedCore();
  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final RoomClient client = new RoomClient(core,
      LiveKitOptions.builder().scheduler(Schedulers.immediate()).timer(clock).build(), new RoomProbe(() -> { }));

  private record Joined(Room room, long roomHandle, long localHandle) {
  }

  @BeforeEach
  void theCoreConfirmsDisconnectsAtOnce() {
    core.onCall(DISCONNECT, (request, asyncId) -> disconnectDone(asyncId));
  }

  @AfterEach
  void everyHandleIsReleased() throws Exception {
    try {
      CompletableFuture<Void> closed = client.closeRooms().onErrorComplete().toFuture();
      core.settle();
      closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(core.failures()).as("failures on the dispatcher").isEmpty();
      assertThat(core.handles().liveByKind()).as("live handles").isEmpty();
    } finally {
      core.close();
      clock.dispose();
    }
  }

  @Test
  void aParticipantAlreadyInTheRoomAndTheLocalOneAreThereAtOnce() {
    long bob = core.handle();
    Joined j = join(withTracks(participant(bob, "bob")));
    StepVerifier.create(j.room().participant("bob").map(Participant::identity))
        .expectNext("bob").expectComplete().verify(WAIT);
    StepVerifier.create(j.room().participant("alice").map(Participant::identity))
        .expectNext("alice").expectComplete().verify(WAIT);
  }

  @Test
  void aParticipantThatJoinsLaterCompletesTheWaitAndTheEventsHeldForTheFirstSubscriberStayThere() {
    Joined j = join();
    CompletableFuture<Participant> waiting = j.room().participant("carol").toFuture();
    core.emit(participantConnected(j.roomHandle(), participant(core.handle(), "dave")));
    assertThat(waiting).as("another participant does not complete it").isNotDone();

    core.emit(participantConnected(j.roomHandle(), participant(core.handle(), "carol")));
    assertThat(waiting).succeedsWithin(WAIT).extracting(Participant::identity).isEqualTo("carol");
    StepVerifier.create(j.room().events().take(2).map(e -> e.participantIdentity().orElseThrow()))
        .as("the application's first subscriber still gets the events held since the join")
        .expectNext("dave", "carol").expectComplete().verify(WAIT);
  }

  @Test
  void aWaitForSomeoneWhoNeverCameFailsWithRoomClosedExceptionWhenTheRoomCloses() {
    Joined j = join();
    StepVerifier participantWait = StepVerifier.create(j.room().participant("nobody"))
        .expectError(RoomClosedException.class).verifyLater();
    StepVerifier trackWait = StepVerifier.create(j.room().subscribedTrack("nobody", TrackSource.CAMERA))
        .expectError(RoomClosedException.class).verifyLater();
    core.emit(disconnected(j.roomHandle(), io.roomflux.proto.DisconnectReason.SERVER_SHUTDOWN));
    participantWait.verify(WAIT);
    trackWait.verify(WAIT);
    StepVerifier.create(j.room().participant("nobody")).as("asked after the close")
        .expectError(RoomClosedException.class).verify(WAIT);
  }

  @Test
  void cancellingAWaitStopsWatchingTheRoom() {
    Joined j = join();
    CompletableFuture<Participant> waiting = j.room().participant("erin").toFuture();
    waiting.cancel(true);
    core.emit(participantConnected(j.roomHandle(), participant(core.handle(), "erin")));
    assertThat(waiting).isCancelled();
    assertThat(j.room().remoteParticipants()).containsKey("erin");
  }

  @Test
  void participantIdentityNamesTheParticipantOfAnEventAndIsEmptyForRoomLevelOnes() {
    Joined j = join();
    core.emit(participantConnected(j.roomHandle(), participant(core.handle(), "frank")));
    StepVerifier.create(j.room().events().take(1))
        .assertNext(e -> assertThat(e.participantIdentity()).contains("frank"))
        .expectComplete().verify(WAIT);
    assertThat(new RoomEvent.RoomMetadataChanged("m").participantIdentity()).isEmpty();
    assertThat(new RoomEvent.Reconnecting().participantIdentity()).isEmpty();
    assertThat(new RoomEvent.TrackMuted("gina", "TR_1").participantIdentity()).contains("gina");
    assertThat(new RoomEvent.ChatMessageReceived("hal", new io.roomflux.reactor.data.ChatMessage("id",
        java.time.Instant.EPOCH, "hi", java.util.Optional.empty(), false, false)).participantIdentity()).contains("hal");
    assertThat(new RoomEvent.ActiveSpeakersChanged(java.util.List.of("a", "b")).participantIdentity()).isEmpty();
    assertThat(new RoomEvent.LocalTrackPublished("TR_2").participantIdentity()).isEmpty();
  }

  private Joined join(io.roomflux.proto.ConnectCallback.ParticipantWithTracks... remotes) {
    CompletableFuture<Room> joining = client.connect("ws://127.0.0.1:7880", "token", RoomOptions.defaults()).toFuture();
    Call connect = core.calls(CONNECT).getLast();
    long roomHandle = core.handle();
    long localHandle = core.handle();
    core.complete(connect, connected(connect.asyncId(), joined(roomHandle, "lobby", localHandle, "alice", remotes)));
    return new Joined(joining.join(), roomHandle, localHandle);
  }
}
