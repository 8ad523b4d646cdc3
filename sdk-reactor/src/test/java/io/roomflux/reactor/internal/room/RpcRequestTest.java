package io.roomflux.reactor.internal.room;

import static io.roomflux.proto.FfiRequest.MessageCase.CONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.DISCONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.PERFORM_RPC;
import static io.roomflux.reactor.internal.core.ScriptedMessages.connected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnectDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.PerformRpcCallback;
import io.roomflux.proto.PerformRpcRequest;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.internal.core.ScriptedCore;
import io.roomflux.reactor.internal.core.ScriptedCore.Call;
import io.roomflux.reactor.participant.LocalParticipant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * What a {@code performRpc} sends the core, against a {@link ScriptedCore}: the response timeout
 * always, the round-trip allowance only when one is given, and bad durations refused before
 * anything is sent.
 */
class RpcRequestTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScriptedCore core = new ScriptedCore();
  private final RoomClient client = new RoomClient(core,
      LiveKitOptions.builder().scheduler(Schedulers.immediate()).build(), new RoomProbe());

  @AfterEach
  void everyRoomIsReleased() throws Exception {
    try {
      core.onCall(DISCONNECT, (request, asyncId) -> disconnectDone(asyncId));
      CompletableFuture<Void> closed = client.closeRooms().onErrorComplete().toFuture();
      core.settle();
      closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(core.handles().liveByKind()).isEmpty();
    } finally {
      core.close();
    }
  }

  @Test
  void theRoundTripAllowanceIsSentOnlyWhenGivenAndBadDurationsAreRefusedUnsent() {
    List<PerformRpcRequest> sent = new CopyOnWriteArrayList<>();
    core.onCall(PERFORM_RPC, (request, asyncId) -> {
      sent.add(request.getPerformRpc());
      return FfiEvent.newBuilder()
          .setPerformRpc(PerformRpcCallback.newBuilder().setAsyncId(asyncId).setPayload("ok")).build();
    });
    LocalParticipant me = join().localParticipant();

    StepVerifier.create(me.performRpc("bob", "greet", "{}", Duration.ofSeconds(10), Duration.ofMillis(1500)))
        .expectNext("ok").expectComplete().verify(WAIT);
    StepVerifier.create(me.performRpc("bob", "greet", "{}", Duration.ofSeconds(10)))
        .expectNext("ok").expectComplete().verify(WAIT);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).getResponseTimeoutMs()).isEqualTo(10_000);
    assertThat(sent.get(0).getMaxRoundTripLatencyMs()).isEqualTo(1_500);
    assertThat(sent.get(1).hasMaxRoundTripLatencyMs()).as("the core's default").isFalse();

    assertThatThrownBy(() -> me.performRpc("bob", "greet", "{}", Duration.ofSeconds(2), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below responseTimeout");
    assertThatThrownBy(() -> me.performRpc("bob", "greet", "{}", Duration.ofSeconds(2), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRoundTripLatency");
    assertThat(sent).as("nothing sent for a refused call").hasSize(2);
  }

  private Room join() {
    CompletableFuture<Room> joining = client.connect("ws://127.0.0.1:7880", "token", RoomOptions.defaults())
        .toFuture();
    Call connect = core.calls(CONNECT).getLast();
    core.complete(connect, connected(connect.asyncId(), joined(core.handle(), "lobby", core.handle(), "alice")));
    return joining.join();
  }
}
