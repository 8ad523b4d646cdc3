package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.roomflux.RoomFluxException;
import io.roomflux.proto.AudioStreamEOS;
import io.roomflux.proto.AudioStreamEvent;
import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.ConnectRequest;
import io.roomflux.proto.ConnectResponse;
import io.roomflux.proto.DisconnectCallback;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.LogBatch;
import io.roomflux.proto.Panic;
import io.roomflux.proto.RoomEOS;
import io.roomflux.proto.RoomEvent;
import io.roomflux.proto.RoomOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Routing and termination, driven by hand-made events: no native core. */
class RouterTest {
  private final List<LogBatch> logs = new ArrayList<>();
  private final List<Message> released = new ArrayList<>();
  private final Router router = new Router(logs::add, message -> {
    released.add(message);
    return 1;
  });

  @Test
  void anEventIsDeliveredToTheListenerOfTheHandleItNames() {
    Recorder room7 = new Recorder();
    Recorder room8 = new Recorder();
    router.route(7, room7);
    router.route(8, room8);

    router.dispatch(roomEos(7));
    router.dispatch(audioEos(8));

    assertThat(room7.events).containsExactly(roomEos(7));
    assertThat(room8.events).containsExactly(audioEos(8));
    assertThat(router.unroutedEvents()).isZero();
    assertThat(released).isEmpty();
  }

  @Test
  void aCallbackCompletesTheCallWhoseAsyncIdItCarriesAndNoOther() throws Exception {
    AsyncCall first = router.call(RouterTest::connect, accepting());
    AsyncCall second = router.call(RouterTest::connect, accepting());

    assertThat(second.asyncId()).isGreaterThan(first.asyncId());
    assertThat(first.response().getConnect().getAsyncId()).isEqualTo(first.asyncId());
    assertThat(router.pendingCalls()).isEqualTo(2);

    router.dispatch(connected(second.asyncId()));

    assertThat(second.callback().get(1, TimeUnit.SECONDS)).isEqualTo(connected(second.asyncId()));
    assertThat(first.callback()).isNotDone();
    assertThat(router.pendingCalls()).isEqualTo(1);
    assertThat(router.unroutedEvents()).isZero();
  }

  @Test
  void eventsNobodyWaitsForAreCountedAndTheirHandlesReleased() {
    EventRoute route = router.route(7, new Recorder());
    route.close();
    route.close();

    router.dispatch(roomEos(7));
    router.dispatch(audioEos(99));
    router.dispatch(FfiEvent.newBuilder()
        .setDisconnect(DisconnectCallback.newBuilder().setAsyncId(123)).build());
    router.dispatch(FfiEvent.getDefaultInstance());

    assertThat(router.unroutedEvents()).isEqualTo(4);
    assertThat(released).containsExactly(roomEos(7), audioEos(99),
        FfiEvent.newBuilder().setDisconnect(DisconnectCallback.newBuilder().setAsyncId(123)).build(),
        FfiEvent.getDefaultInstance());
  }

  @Test
  void aCallbackThatAlreadyCameIsUnroutedWhenItComesAgain() {
    AsyncCall call = router.call(RouterTest::connect, accepting());

    router.dispatch(connected(call.asyncId()));
    router.dispatch(connected(call.asyncId()));

    assertThat(call.callback()).isCompleted();
    assertThat(router.unroutedEvents()).isEqualTo(1);
  }

  @Test
  void logBatchesGoToTheLogsAndAreNotRouted() {
    LogBatch batch = LogBatch.getDefaultInstance();

    router.dispatch(FfiEvent.newBuilder().setLogs(batch).build());

    assertThat(logs).containsExactly(batch);
    assertThat(router.unroutedEvents()).isZero();
  }

  @Test
  void aSecondRouteForOneHandleIsRefusedAndTheFirstKeepsItsEvents() {
    Recorder first = new Recorder();
    router.route(7, first);

    assertThatThrownBy(() -> router.route(7, new Recorder())).isInstanceOf(IllegalStateException.class);
    router.dispatch(roomEos(7));

    assertThat(first.events).hasSize(1);
  }

  @Test
  void aRefusedCallLeavesNothingPending() {
    FfiRequestException refusal = new FfiRequestException("ConnectRequest", null);

    assertThatThrownBy(() -> router.call(RouterTest::connect, request -> {
      throw refusal;
    })).isSameAs(refusal);

    assertThat(router.pendingCalls()).isZero();
  }

  @Test
  void aPanicFailsEveryPendingCallAndEveryRouteExactlyOnce() {
    AsyncCall first = router.call(RouterTest::connect, accepting());
    AsyncCall second = router.call(RouterTest::connect, accepting());
    Recorder room7 = new Recorder();
    Recorder room8 = new Recorder();
    router.route(7, room7);
    router.route(8, room8);

    router.dispatch(FfiEvent.newBuilder().setPanic(Panic.newBuilder().setMessage("boom")).build());
    router.terminate(new FfiClosedException("closed after the panic"));
    router.dispatch(FfiEvent.newBuilder().setPanic(Panic.newBuilder().setMessage("again")).build());

    assertThat(failureOf(first)).isInstanceOf(FfiPanicException.class).hasMessageContaining("boom");
    assertThat(failureOf(second)).isInstanceOf(FfiPanicException.class);
    assertThat(room7.terminations).singleElement().isInstanceOf(FfiPanicException.class);
    assertThat(room8.terminations).singleElement().isInstanceOf(FfiPanicException.class);
    assertThat(router.terminated()).isInstanceOf(FfiPanicException.class).hasMessageContaining("boom");
    assertThat(router.pendingCalls()).isZero();

    router.dispatch(roomEos(7));
    assertThat(room7.events).as("a terminated route gets no more events").isEmpty();
    assertThat(router.unroutedEvents()).isEqualTo(1);
  }

  @Test
  void aListenerThatFailsOnTerminationDoesNotKeepTheOthersFromHearingIt() {
    Recorder quiet = new Recorder();
    router.route(7, new FfiEventListener() {
      @Override
      public void onEvent(FfiEvent event) {
      }

      @Override
      public void onTerminated(RoomFluxException error) {
        throw new IllegalStateException("listener bug");
      }
    });
    router.route(8, quiet);

    router.terminate(new FfiClosedException("closed"));

    assertThat(quiet.terminations).hasSize(1);
  }

  @Test
  void aRouteOpenedAfterTerminationIsToldAtOnceAndNotKept() {
    FfiClosedException closed = new FfiClosedException("closed");
    router.terminate(closed);
    Recorder late = new Recorder();

    router.route(7, late);
    router.route(7, new Recorder());

    assertThat(late.terminations).containsExactly(closed);
  }

  @Test
  void aTerminationThatRacesTheSendFailsTheCallInsteadOfLeavingItPending() {
    FfiClosedException closed = new FfiClosedException("closed while sending");
    Function<FfiRequest, FfiResponse> closingWhileSending = request -> {
      router.terminate(closed);
      return accepting().apply(request);
    };

    AsyncCall call = router.call(RouterTest::connect, closingWhileSending);

    assertThat(failureOf(call)).isSameAs(closed);
    assertThat(router.pendingCalls()).isZero();
  }

  private static FfiRequest connect(long asyncId) {
    return FfiRequest.newBuilder().setConnect(ConnectRequest.newBuilder()
        .setUrl("ws://127.0.0.1:9").setToken("t").setOptions(RoomOptions.getDefaultInstance())
        .setRequestAsyncId(asyncId)).build();
  }

  // A core that accepts every connect and echoes its async id, as livekit-ffi does.
  private static Function<FfiRequest, FfiResponse> accepting() {
    return request -> FfiResponse.newBuilder().setConnect(ConnectResponse.newBuilder()
        .setAsyncId(request.getConnect().getRequestAsyncId())).build();
  }

  private static FfiEvent connected(long asyncId) {
    return FfiEvent.newBuilder().setConnect(ConnectCallback.newBuilder()
        .setAsyncId(asyncId).setError("nothing listens")).build();
  }

  private static FfiEvent roomEos(long room) {
    return FfiEvent.newBuilder().setRoomEvent(RoomEvent.newBuilder()
        .setRoomHandle(room).setEos(RoomEOS.getDefaultInstance())).build();
  }

  private static FfiEvent audioEos(long stream) {
    return FfiEvent.newBuilder().setAudioStreamEvent(AudioStreamEvent.newBuilder()
        .setStreamHandle(stream).setEos(AudioStreamEOS.getDefaultInstance())).build();
  }

  private static Throwable failureOf(AsyncCall call) {
    CompletableFuture<FfiEvent> callback = call.callback();
    assertThat(callback).isCompletedExceptionally();
    try {
      callback.get(1, TimeUnit.SECONDS);
      throw new AssertionError("the callback succeeded");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final class Recorder implements FfiEventListener {
    private final List<FfiEvent> events = new ArrayList<>();
    private final List<RoomFluxException> terminations = new ArrayList<>();

    @Override
    public void onEvent(FfiEvent event) {
      events.add(event);
    }

    @Override
    public void onTerminated(RoomFluxException error) {
      terminations.add(error);
    }
  }
}
