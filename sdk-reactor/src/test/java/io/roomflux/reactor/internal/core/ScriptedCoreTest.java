package io.roomflux.reactor.internal.core;

import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnectDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.metadataChanged;
import static io.roomflux.reactor.internal.core.ScriptedMessages.participant;
import static io.roomflux.reactor.internal.core.ScriptedMessages.participantConnected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.RoomFluxException;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.EventRoute;
import io.roomflux.core.FfiEventListener;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.DisconnectRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.reactor.CorePanicException;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.internal.core.ScriptedCore.Dropped;
import io.roomflux.reactor.internal.core.ScriptedCore.Panicked;
import io.roomflux.reactor.internal.core.ScriptedCore.RouteTerminated;
import io.roomflux.reactor.internal.core.ScriptedCore.Unrouted;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

/** The scripted core behaves as the seam promises, so tests built on it mean what they say. */
class ScriptedCoreTest {
  private final ScriptedCore core = new ScriptedCore();

  @AfterEach
  void closeTheCore() {
    assertThat(core.failures()).isEmpty();
    core.close();
  }

  @Test
  void routedEventsReachTheirListenerOnTheDispatcherThreadInTheOrderEmitted() {
    long room = core.handle();
    List<String> seen = new CopyOnWriteArrayList<>();
    EventRoute route = core.route(room, event -> seen.add(event.getRoomEvent().getRoomMetadataChanged().getMetadata()
        + (core.inDispatcher() ? " on the dispatcher" : " elsewhere")));

    core.emit(metadataChanged(room, "one"), metadataChanged(room, "two"), metadataChanged(room, "three"));

    assertThat(seen).containsExactly("one on the dispatcher", "two on the dispatcher", "three on the dispatcher");
    assertThat(core.inDispatcher()).isFalse();
    route.close();
    assertThat(core.routedHandles()).isEmpty();
  }

  @Test
  void blockingOnTheScriptedDispatcherIsCaughtByBlockHoundAsOnTheRealOne() {
    try (ScriptedCore strict = new ScriptedCore()) {
      long room = strict.handle();
      strict.route(room, event -> {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });

      strict.emit(metadataChanged(room, "blocked"));

      assertThat(strict.failures()).singleElement().isInstanceOf(BlockingOperationError.class);
    }
  }

  @Test
  void anEventNobodyRoutesIsCountedAndWhatItHandsOverIsDroppedAtOnce() {
    long room = core.handle();
    long stranger = core.handle();
    FfiEvent event = participantConnected(room, participant(stranger, "stranger"));

    core.emit(event);

    assertThat(core.counters().unroutedEvents()).isEqualTo(1);
    assertThat(core.journal()).containsExactly(new Unrouted(event), new Dropped(stranger, true));
    assertThat(core.handles().liveCount()).isZero();
  }

  @Test
  void aCallGetsARegisteredAsyncIdAndItsCallbackOnlyWhenTheTestDeliversIt() {
    AsyncCall call = core.call(id -> disconnectRequest(7, id));
    ScriptedCore.Call sent = core.call(FfiRequest.MessageCase.DISCONNECT);

    assertThat(sent.asyncId()).isEqualTo(call.asyncId());
    assertThat(sent.request().getDisconnect().getRequestAsyncId()).isEqualTo(call.asyncId());
    assertThat(core.isPending(sent)).isTrue();
    core.settle();
    assertThat(call.callback()).isNotDone();

    core.complete(sent, disconnectDone(call.asyncId()));
    assertThat(call.callback()).isCompletedWithValue(disconnectDone(call.asyncId()));
    assertThat(core.isPending(sent)).isFalse();
  }

  @Test
  void aRefusedRequestThrowsOperationFailedExceptionAndLeavesNothingPending() {
    core.refuse(FfiRequest.MessageCase.DISCONNECT, "unknown handle");

    assertThatThrownBy(() -> core.call(id -> disconnectRequest(7, id)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("disconnect").hasMessageContaining("unknown handle");
    assertThat(core.sent()).isEmpty();
    assertThat(core.calls(FfiRequest.MessageCase.DISCONNECT)).isEmpty();
  }

  @Test
  void aPanicFailsPendingCallsAndRoutesAndEveryLaterRequestWithCorePanicException() {
    long room = core.handle();
    AtomicReference<RoomFluxException> routeEnd = new AtomicReference<>();
    core.route(room, new FfiEventListener() {
      @Override
      public void onEvent(FfiEvent event) {
      }

      @Override
      public void onTerminated(RoomFluxException error) {
        routeEnd.set(error);
      }
    });
    AsyncCall call = core.call(id -> disconnectRequest(room, id));

    core.panic("boom");

    assertThat(call.callback()).failsWithin(Duration.ZERO).withThrowableThat()
        .withCauseInstanceOf(CorePanicException.class);
    assertThat(routeEnd.get()).isInstanceOf(CorePanicException.class);
    assertThat(core.journal()).contains(new Panicked("boom"), new RouteTerminated(room));
    assertThat(core.counters().panics()).isEqualTo(1);
    assertThatThrownBy(() -> core.request(disconnectRequest(room, 0))).isInstanceOf(CorePanicException.class);
    AtomicReference<RoomFluxException> lateRouteEnd = new AtomicReference<>();
    core.route(core.handle(), new FfiEventListener() {
      @Override
      public void onEvent(FfiEvent event) {
      }

      @Override
      public void onTerminated(RoomFluxException error) {
        lateRouteEnd.set(error);
      }
    });
    assertThat(lateRouteEnd.get()).as("a route installed after the panic ends at once")
        .isInstanceOf(CorePanicException.class);
  }

  @Test
  void aHandleIsDroppedOnceWhenClosedAndItsLastLeaseIsReleased() {
    long id = core.handle();
    OwnedHandle handle = core.handles().own(id, HandleKind.ROOM);
    Lease lease = handle.lease();
    handle.close();
    assertThat(core.dropped()).isEmpty();

    lease.close();
    handle.close();

    assertThat(core.dropped()).containsExactly(id);
    assertThat(core.handles().liveCount()).isZero();
    assertThat(core.handles().dropFailures()).isZero();
  }

  private static FfiRequest disconnectRequest(long room, long asyncId) {
    return FfiRequest.newBuilder().setDisconnect(DisconnectRequest.newBuilder().setRoomHandle(room)
        .setRequestAsyncId(asyncId).setReason(io.roomflux.proto.DisconnectReason.CLIENT_INITIATED)).build();
  }
}
