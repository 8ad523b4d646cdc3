package io.roomflux.reactor.internal.room;

import static io.roomflux.proto.FfiRequest.MessageCase.CONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.DISCONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.PUBLISH_DATA;
import static io.roomflux.proto.FfiRequest.MessageCase.READY_FOR_ROOM_EVENT;
import static io.roomflux.reactor.internal.core.ScriptedMessages.connected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnectDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.joined;
import static io.roomflux.reactor.internal.core.ScriptedMessages.metadataChanged;
import static io.roomflux.reactor.internal.core.ScriptedMessages.participant;
import static io.roomflux.reactor.internal.core.ScriptedMessages.participantConnected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.publication;
import static io.roomflux.reactor.internal.core.ScriptedMessages.publishDataDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.publishDataFailed;
import static io.roomflux.reactor.internal.core.ScriptedMessages.readyForRoomEvent;
import static io.roomflux.reactor.internal.core.ScriptedMessages.withTracks;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.FfiEvent;
import io.roomflux.reactor.ConnectTimeoutException;
import io.roomflux.reactor.CorePanicException;
import io.roomflux.reactor.DisconnectReason;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.internal.core.ScriptedCore;
import io.roomflux.reactor.internal.core.ScriptedCore.Call;
import io.roomflux.reactor.internal.core.ScriptedCore.CallbackDelivered;
import io.roomflux.reactor.internal.core.ScriptedCore.Dropped;
import io.roomflux.reactor.internal.core.ScriptedCore.Note;
import io.roomflux.reactor.internal.core.ScriptedCore.RouteOpened;
import io.roomflux.reactor.internal.core.ScriptedCore.Sent;
import io.roomflux.reactor.internal.core.ScriptedCore.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The room lifecycle, driven through {@link RoomClient} and the public {@link Room} API against a
 * {@link ScriptedCore}: exact event orders, the races of disposal, a callback that never comes, a
 * panic mid-call, connects cancelled or timed out. No server and no native core; the end-to-end
 * versions (RoomEndToEndTest, LifecycleStressTest) check the same against the real ones.
 *
 * <p>Results are published on {@link Schedulers#immediate()}, so what a subscriber sees happens
 * on the thread that caused it, in the core's order; timers run on a virtual clock.
 */
class RoomLifecycleTest {
  private static final String URL = "ws://127.0.0.1:7880";
  private static final String TOKEN = "token";
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** How long after a room closed an operation may still wait for its callback (DefaultRoom's grace). */
  private static final Duration CALLBACK_GRACE = RoomDisposal.CALLBACK_GRACE;
  private static final byte[] PAYLOAD = "racing the disconnect".getBytes(StandardCharsets.UTF_8);

  private final ScriptedCore core = new ScriptedCore();
  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final AtomicReference<Runnable> seam = new AtomicReference<>(() -> { });
  private final RoomProbe probe = new RoomProbe(() -> seam.get().run());
  private final RoomClient client = new RoomClient(core,
      LiveKitOptions.builder().scheduler(Schedulers.immediate()).timer(clock).build(), probe);

  /** A joined room and the handles the core handed over for it. */
  private record Joined(Room room, long roomHandle, long localHandle) {
  }

  @BeforeEach
  void theCoreConfirmsDisconnectsAtOnce() {
    core.onCall(DISCONNECT, (request, asyncId) -> disconnectDone(asyncId));
  }

  @AfterEach
  void everyRoomIsReleasedAndEveryHandleDroppedOnce() throws Exception {
    try {
      CompletableFuture<Void> closed = client.closeRooms().onErrorComplete().toFuture();
      core.settle();
      closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(core.failures()).as("failures on the dispatcher").isEmpty();
      assertThat(core.handles().liveByKind()).as("live handles").isEmpty();
      assertThat(core.handles().dropFailures()).as("drops of handles the core did not know").isZero();
      assertThat(core.dropped()).as("handles dropped").doesNotHaveDuplicates();
      assertThat(client.diagnostics().roomsOpen()).as("rooms open").isZero();
      assertThat(client.diagnostics().liveHandles()).as("live handles, as diagnostics report them").isZero();
    } finally {
      core.close();
      clock.dispose();
    }
  }

  @Test
  void connectSendsConnectRequestWithARegisteredAsyncIdAndReadyForRoomEventOnlyAfterTheRoomsRouteIsInstalled()
      throws Exception {
    CompletableFuture<Room> joining = client.connect(URL, TOKEN, RoomOptions.defaults()).toFuture();

    Call connect = core.call(CONNECT);
    assertThat(connect.request().getConnect().getRequestAsyncId()).isEqualTo(connect.asyncId());
    assertThat(connect.request().getConnect().getUrl()).isEqualTo(URL);
    assertThat(connect.request().getConnect().getToken()).isEqualTo(TOKEN);
    assertThat(core.isPending(connect)).as("the callback is awaited under the id sent").isTrue();
    assertThat(joining).isNotDone();

    long roomHandle = core.handle();
    long localHandle = core.handle();
    core.complete(connect, connected(connect.asyncId(), joined(roomHandle, "lobby", localHandle, "alice")));
    Room room = joining.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(core.journal()).containsExactly(
        new Sent(connect.request(), connect.asyncId()),
        new CallbackDelivered(connect.asyncId(), FfiEvent.MessageCase.CONNECT),
        new RouteOpened(roomHandle),
        new Sent(readyForRoomEvent(roomHandle), 0));
    assertThat(room.name()).isEqualTo("lobby");
    assertThat(room.localParticipant().identity()).isEqualTo("alice");
    assertThat(probe.roomsAttached()).isEqualTo(1);
    assertThat(probe.readyHandshakesSent()).isEqualTo(1);
    assertThat(client.diagnostics().roomsOpen()).isEqualTo(1);
    assertThat(client.diagnostics().liveHandlesByKind()).isEqualTo(Map.of("ROOM", 1L, "PARTICIPANT", 1L));
  }

  @Test
  void eventsThatArriveBeforeTheFirstSubscriberAreDeliveredToItInOrder() {
    Joined j = join();
    long bob = core.handle();
    core.emit(metadataChanged(j.roomHandle(), "one"),
        participantConnected(j.roomHandle(), participant(bob, "bob")),
        metadataChanged(j.roomHandle(), "two"));
    // The state was updated as each event came, before anyone subscribed.
    assertThat(j.room().metadata()).isEqualTo("two");
    assertThat(j.room().remoteParticipants()).containsOnlyKeys("bob");

    StepVerifier.create(j.room().events().take(4))
        .expectNext(new RoomEvent.RoomMetadataChanged("one"))
        .assertNext(e -> assertThat(e).isInstanceOfSatisfying(RoomEvent.ParticipantConnected.class,
            c -> assertThat(c.participant().identity()).isEqualTo("bob")))
        .expectNext(new RoomEvent.RoomMetadataChanged("two"))
        .then(() -> core.emit(metadataChanged(j.roomHandle(), "three")))
        .expectNext(new RoomEvent.RoomMetadataChanged("three"))
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void disconnectEmitsDisconnectedOnceCompletesEventsAndOnlyThenDropsEveryHandleExactlyOnce() throws Exception {
    core.leavePending(DISCONNECT);
    long bob = core.handle();
    long bobsTrack = core.handle();
    Joined j = join(withTracks(participant(bob, "bob"), publication(bobsTrack, "TR_bob")));
    long carol = core.handle();
    core.emit(participantConnected(j.roomHandle(), participant(carol, "carol")));
    List<Long> owned = List.of(j.roomHandle(), j.localHandle(), bob, bobsTrack, carol);
    assertThat(core.handles().liveCount()).isEqualTo(owned.size());

    List<RoomEvent> seen = new CopyOnWriteArrayList<>();
    j.room().events().subscribe(e -> {
      seen.add(e);
      core.note("event " + e.getClass().getSimpleName());
    }, e -> core.note("events failed"), () -> core.note("events completed"));
    CompletableFuture<Void> closed = j.room().disconnect().toFuture();
    Call disconnect = core.call(DISCONNECT);
    assertThat(disconnect.request().getDisconnect().getRoomHandle()).isEqualTo(j.roomHandle());

    // livekit-ffi reports the room's end, then confirms the request.
    core.emit(disconnected(j.roomHandle(), io.roomflux.proto.DisconnectReason.CLIENT_INITIATED));
    assertThat(closed).as("the room handle is leased by the disconnect request").isNotDone();
    assertThat(core.handles().isLive(j.roomHandle())).isTrue();
    core.complete(disconnect, disconnectDone(disconnect.asyncId()));
    closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(seen).filteredOn(RoomEvent.Disconnected.class::isInstance).hasSize(1);
    assertThat(seen.getLast()).isEqualTo(new RoomEvent.Disconnected(DisconnectReason.CLIENT_INITIATED));
    List<Step> journal = core.journal();
    int disconnectedAt = journal.indexOf(new Note("event Disconnected"));
    int completedAt = journal.indexOf(new Note("events completed"));
    int firstDrop = indexOfFirst(journal, Dropped.class);
    assertThat(disconnectedAt).isNotNegative().isLessThan(completedAt);
    assertThat(completedAt).isLessThan(firstDrop);
    assertThat(journal.indexOf(new Dropped(j.roomHandle(), true)))
        .as("the room handle is dropped only once the core confirmed the disconnect")
        .isGreaterThan(journal.indexOf(new CallbackDelivered(disconnect.asyncId(), FfiEvent.MessageCase.DISCONNECT)));
    assertThat(core.dropped()).containsExactlyInAnyOrderElementsOf(owned);
    assertThat(journal).filteredOn(Dropped.class::isInstance).allMatch(d -> ((Dropped) d).known());
    assertThat(core.handles().liveCount()).isZero();
    assertThat(core.routedHandles()).isEmpty();
  }

  @Test
  void twoDisconnectsSendOneDisconnectRequestAndBothCompleteWhenTheCoreConfirmsIt() throws Exception {
    core.leavePending(DISCONNECT);
    Joined j = join();
    List<RoomEvent> seen = new CopyOnWriteArrayList<>();
    j.room().events().subscribe(seen::add);

    CompletableFuture<Void> first = j.room().disconnect().toFuture();
    CompletableFuture<Void> second = j.room().disconnect().toFuture();
    Call disconnect = core.call(DISCONNECT);
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();

    core.complete(disconnect, disconnectDone(disconnect.asyncId()));
    first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    second.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(seen).containsExactly(new RoomEvent.Disconnected(DisconnectReason.CLIENT_INITIATED));
    assertThat(core.sentKinds()).containsExactly(CONNECT, READY_FOR_ROOM_EVENT, DISCONNECT);
  }

  @Test
  void aDisconnectTheCoreNeverConfirmsEndsTheRoomAfterTheWaitKeepingOnlyTheRoomHandleUntilTheCoreAnswers()
      throws Exception {
    core.leavePending(DISCONNECT);
    Joined j = join();
    List<RoomEvent> seen = new CopyOnWriteArrayList<>();
    j.room().events().subscribe(seen::add);

    CompletableFuture<Void> closed = j.room().disconnect().toFuture();
    Call disconnect = core.call(DISCONNECT);
    clock.advanceTimeBy(RoomDisposal.DISCONNECT_WAIT.minusMillis(1));
    core.settle();
    assertThat(closed).as("the core may still confirm").isNotDone();
    assertThat(seen).isEmpty();

    clock.advanceTimeBy(Duration.ofMillis(1));
    closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(seen).containsExactly(new RoomEvent.Disconnected(DisconnectReason.CLIENT_INITIATED));
    assertThat(probe.disconnectsUnconfirmed()).isEqualTo(1);
    assertThat(core.handles().isLive(j.localHandle())).as("released with the rest of the room").isFalse();
    assertThat(core.handles().isLive(j.roomHandle())).as("still leased by the disconnect in the core").isTrue();

    // The answer that comes late releases the room handle, and nothing is emitted twice.
    core.complete(disconnect, disconnectDone(disconnect.asyncId()));
    assertThat(core.handles().isLive(j.roomHandle())).isFalse();
    assertThat(seen).hasSize(1);
  }

  @Test
  void anOperationTheCoreFailsBecauseTheRoomIsDisconnectingFailsWithRoomClosedException() throws Exception {
    core.leavePending(DISCONNECT);
    Joined j = join();
    StepVerifier publishing = StepVerifier.create(j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RoomClosedException.class)
            .hasMessageContaining("publishData interrupted").hasMessageContaining("engine is closed"))
        .verifyLater();
    Call data = core.call(PUBLISH_DATA);
    CompletableFuture<Void> closed = j.room().disconnect().toFuture();

    // The core answers the packet with its own error while the room is going away.
    core.complete(data, publishDataFailed(data.asyncId(), "engine is closed"));
    publishing.verify(WAIT);
    Call disconnect = core.call(DISCONNECT);
    core.complete(disconnect, disconnectDone(disconnect.asyncId()));
    closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void anOperationInFlightWhenTheRoomClosesFailsWithRoomClosedExceptionAndReleasesItsLeaseWhenItsCallbackComes()
      throws Exception {
    Joined j = join();
    StepVerifier publishing = StepVerifier.create(j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RoomClosedException.class))
        .verifyLater();
    Call data = core.call(PUBLISH_DATA);
    assertThat(data.request().getPublishData().getLocalParticipantHandle()).isEqualTo(j.localHandle());

    // The server ends the room while the packet is on its way.
    core.emit(disconnected(j.roomHandle(), io.roomflux.proto.DisconnectReason.SERVER_SHUTDOWN));
    publishing.verify(WAIT);
    CompletableFuture<Void> closed = j.room().onClose().toFuture();
    assertThat(core.handles().isLive(j.roomHandle())).isFalse();
    assertThat(core.handles().isLive(j.localHandle())).as("leased by the operation in flight").isTrue();
    assertThat(closed).isNotDone();

    core.complete(data, publishDataDone(data.asyncId()));
    closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(core.handles().liveCount()).isZero();
    assertThat(probe.callbacksAbandoned()).isZero();
  }

  @Test
  void anOperationWhoseCallbackNeverComesIsReleasedAfterTheGracePeriod() throws Exception {
    Joined j = join();
    StepVerifier publishing = StepVerifier.create(j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable()))
        .expectError(RoomClosedException.class)
        .verifyLater();
    Call data = core.call(PUBLISH_DATA);
    core.emit(disconnected(j.roomHandle(), io.roomflux.proto.DisconnectReason.SERVER_SHUTDOWN));
    publishing.verify(WAIT);
    CompletableFuture<Void> closed = j.room().onClose().toFuture();

    clock.advanceTimeBy(CALLBACK_GRACE.minusMillis(1));
    assertThat(core.handles().isLive(j.localHandle())).as("within the grace period").isTrue();
    assertThat(closed).isNotDone();
    clock.advanceTimeBy(Duration.ofMillis(1));
    closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(core.handles().liveCount()).isZero();
    assertThat(probe.callbacksAbandoned()).isEqualTo(1);

    // The callback that comes after all changes nothing: the lease is released once.
    core.complete(data, publishDataDone(data.asyncId()));
    assertThat(core.dropped()).doesNotHaveDuplicates();
  }

  @Test
  void anOperationThatRegistersAfterDisposalBeganWithdrawsUnsentAndTheDisconnectCompletes() throws Exception {
    Joined j = join();
    AtomicReference<CompletableFuture<Void>> disconnect = new AtomicReference<>();
    AtomicBoolean disposedInTheWindow = new AtomicBoolean();
    seam.set(() -> {
      seam.set(() -> { });
      // Between the operation's phase check and its registration: the room disconnects and is
      // disposed (the core confirms the disconnect at once), so disposal cannot see the operation.
      disconnect.set(j.room().disconnect().toFuture());
      core.settle();
      disposedInTheWindow.set(!core.handles().isLive(j.roomHandle()) && core.routedHandles().isEmpty());
    });

    StepVerifier.create(j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RoomClosedException.class)
            .hasMessageContaining("publishData refused"))
        .verify(WAIT);

    disconnect.get().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(disposedInTheWindow).as("the room was disposed before the operation registered").isTrue();
    assertThat(core.sentKinds()).as("requests sent").containsExactly(CONNECT, READY_FOR_ROOM_EVENT, DISCONNECT);
    assertThat(probe.operationsWithdrawn()).isEqualTo(1);
    assertThat(core.handles().liveCount()).isZero();
  }

  @Test
  void aCorePanicMidCallFailsThePendingOperationAndEndsTheRoomsEventsWithCorePanicException() {
    Joined j = join();
    StepVerifier events = StepVerifier.create(j.room().events())
        .expectError(CorePanicException.class)
        .verifyLater();
    StepVerifier publishing = StepVerifier.create(j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable()))
        .expectError(CorePanicException.class)
        .verifyLater();
    assertThat(core.isPending(core.call(PUBLISH_DATA))).isTrue();

    core.panic("index out of bounds");

    publishing.verify(WAIT);
    events.verify(WAIT);
    StepVerifier.create(j.room().onClose()).expectError(CorePanicException.class).verify(WAIT);
    assertThat(core.handles().liveCount()).isZero();
    assertThat(core.counters().panics()).isEqualTo(1);
    // Nothing reaches the core any more: the room refuses, and a new connect fails.
    StepVerifier.create(j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable()))
        .expectError(RoomClosedException.class)
        .verify(WAIT);
    StepVerifier.create(client.connect(URL, TOKEN, RoomOptions.defaults()))
        .expectError(CorePanicException.class)
        .verify(WAIT);
    assertThat(core.sentKinds()).containsExactly(CONNECT, READY_FOR_ROOM_EVENT, PUBLISH_DATA);
  }

  @Test
  void aConnectCancelledBeforeItsCallbackReleasesTheRoomThatArrivesLater() {
    AtomicReference<Room> delivered = new AtomicReference<>();
    Disposable attempt = client.connect(URL, TOKEN, RoomOptions.defaults()).subscribe(delivered::set);
    Call connect = core.call(CONNECT);
    attempt.dispose();

    long roomHandle = core.handle();
    core.complete(connect, connected(connect.asyncId(), joined(roomHandle, "lobby", core.handle(), "alice")));

    assertThat(delivered).hasNullValue();
    // Attached like any room (route, then ready handshake), then left through the normal path.
    assertThat(core.sent()).containsExactly(connect.request(), readyForRoomEvent(roomHandle),
        core.call(DISCONNECT).request());
    assertThat(core.call(DISCONNECT).request().getDisconnect().getRoomHandle()).isEqualTo(roomHandle);
    assertThat(probe.roomsAttached()).isEqualTo(1);
    assertThat(probe.readyHandshakesSent()).isEqualTo(1);
    assertThat(core.handles().liveCount()).isZero();
  }

  @Test
  void aConnectThatTimesOutFailsWithConnectTimeoutExceptionAndReleasesTheRoomThatArrivesLater() {
    Duration timeout = Duration.ofSeconds(3);
    CompletableFuture<Room> joining =
        client.connect(URL, TOKEN, RoomOptions.builder().connectTimeout(timeout).build()).toFuture();
    Call connect = core.call(CONNECT);

    clock.advanceTimeBy(timeout.minusMillis(1));
    assertThat(joining).isNotDone();
    clock.advanceTimeBy(Duration.ofMillis(1));
    assertThat(joining).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ConnectTimeoutException.class);

    long roomHandle = core.handle();
    core.complete(connect, connected(connect.asyncId(), joined(roomHandle, "lobby", core.handle(), "alice")));
    assertThat(core.sentKinds()).containsExactly(CONNECT, READY_FOR_ROOM_EVENT, DISCONNECT);
    assertThat(core.handles().liveCount()).isZero();
  }

  private Joined join(ConnectCallback.ParticipantWithTracks... remotes) {
    CompletableFuture<Room> joining = client.connect(URL, TOKEN, RoomOptions.defaults()).toFuture();
    Call connect = core.calls(CONNECT).getLast();
    long roomHandle = core.handle();
    long localHandle = core.handle();
    core.complete(connect, connected(connect.asyncId(), joined(roomHandle, "lobby", localHandle, "alice", remotes)));
    try {
      return new Joined(joining.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), roomHandle, localHandle);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("the room was not joined", e);
    }
  }

  private static int indexOfFirst(List<Step> journal, Class<? extends Step> kind) {
    for (int i = 0; i < journal.size(); i++) {
      if (kind.isInstance(journal.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
