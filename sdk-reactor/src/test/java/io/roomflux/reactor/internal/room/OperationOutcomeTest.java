package io.roomflux.reactor.internal.room;

import static io.roomflux.proto.FfiRequest.MessageCase.CONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.DISCONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.PUBLISH_DATA;
import static io.roomflux.reactor.internal.core.ScriptedMessages.connected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnectDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.joined;
import static io.roomflux.reactor.internal.core.ScriptedMessages.publishDataDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.publishDataFailed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.OperationTimeoutException;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.internal.core.ScriptedCore;
import io.roomflux.reactor.internal.core.ScriptedCore.Call;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * How an operation ends when the core is slow or the room is going away, against a
 * {@link ScriptedCore} on a virtual clock: the room's operation timeout, and the same exception
 * type for the same cause whatever the order of the core's callback and its Disconnected event.
 */
class OperationOutcomeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.UTF_8);

  private final ScriptedCore core = new ScriptedCore();
  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final RoomProbe probe = new RoomProbe(() -> { });
  private final RoomClient client = new RoomClient(core,
      LiveKitOptions.builder().scheduler(Schedulers.immediate()).timer(clock).build(), probe);

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
  void theOperationTimeoutDefaultsToThirtySeconds() {
    assertThat(RoomOptions.defaults().operationTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(RoomOptions.builder().operationTimeout(Duration.ofSeconds(2)).build().operationTimeout())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anOperationTheCoreNeverAnswersFailsWithOperationTimeoutExceptionWhenTheRoomsTimeoutIsUp() {
    Joined j = join(RoomOptions.builder().operationTimeout(Duration.ofSeconds(2)).build());
    CompletableFuture<Void> sending = j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable())
        .toFuture();
    Call data = core.call(PUBLISH_DATA);

    clock.advanceTimeBy(Duration.ofMillis(1_999));
    assertThat(sending).as("still waiting just before the timeout").isNotDone();
    clock.advanceTimeBy(Duration.ofMillis(1));
    assertThat(sending).failsWithin(WAIT).withThrowableThat().havingCause()
        .isInstanceOf(OperationTimeoutException.class)
        .isInstanceOf(OperationFailedException.class)
        .withMessageContaining("publishData").withMessageContaining("PT2S");
    assertThat(((DefaultRoom) j.room()).isOpen()).as("the room is not affected").isTrue();
    assertThat(core.handles().isLive(j.localHandle())).as("leased until the core's callback").isTrue();

    // The late callback releases the operation's lease; nothing is signalled twice.
    core.complete(data, publishDataDone(data.asyncId()));
  }

  @Test
  void anOperationAnsweredInTimeIsNotFailedByItsTimerLater() {
    Joined j = join(RoomOptions.builder().operationTimeout(Duration.ofSeconds(2)).build());
    StepVerifier sending = StepVerifier.create(j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable()))
        .expectComplete()
        .verifyLater();
    Call data = core.call(PUBLISH_DATA);
    core.complete(data, publishDataDone(data.asyncId()));
    clock.advanceTimeBy(Duration.ofSeconds(5));
    sending.verify(WAIT);
  }

  @Test
  void aSendTheCoreFailsForAClosedEngineJustBeforeItsDisconnectedEventFailsWithRoomClosedException() {
    Joined j = join(RoomOptions.defaults());
    StepVerifier sending = StepVerifier.create(j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RoomClosedException.class)
            .hasMessageContaining("engine is closed"))
        .verifyLater();
    Call data = core.call(PUBLISH_DATA);

    // The core fails the packet while the room still looks connected, then reports the end.
    core.complete(data, publishDataFailed(data.asyncId(), "engine is closed"));
    sending.verify(WAIT);
    core.emit(disconnected(j.roomHandle(), io.roomflux.proto.DisconnectReason.SERVER_SHUTDOWN));
  }

  @Test
  void aSendTheCoreFailsForAnotherReasonWhileConnectedFailsWithOperationFailedException() {
    Joined j = join(RoomOptions.defaults());
    StepVerifier sending = StepVerifier.create(j.room().localParticipant().publishData(PAYLOAD, DataOptions.reliable()))
        .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(OperationFailedException.class)
            .hasMessageContaining("no route to participant"))
        .verifyLater();
    Call data = core.call(PUBLISH_DATA);
    core.complete(data, publishDataFailed(data.asyncId(), "no route to participant"));
    sending.verify(WAIT);
  }

  @Test
  void theCoresWordingsForAClosedRoomAreRecognisedAndOthersAreNot() {
    assertThat(OperationRunner.saysClosed("engine is closed")).isTrue();
    assertThat(OperationRunner.saysClosed("failed to send data, room closed: engine is closed")).isTrue();
    assertThat(OperationRunner.saysClosed("connection error: closed")).isTrue();
    assertThat(OperationRunner.saysClosed("data packet size (64046 bytes) exceeds the negotiated maximum"
        + " message size (64000 bytes)")).isFalse();
    assertThat(OperationRunner.saysClosed("request timeout")).isFalse();
  }

  @Test
  void anEmptyAttributeKeyAndANullTopicAreRefusedAtOnceAndNothingIsSent() {
    Joined j = join(RoomOptions.defaults());
    long before = ((DefaultRoom) j.room()).operationsSent();
    assertThatThrownBy(() -> j.room().localParticipant().setAttributes(Map.of("", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> j.room().dataPackets(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("topic");
    assertThat(((DefaultRoom) j.room()).operationsSent()).isEqualTo(before);
  }

  private Joined join(RoomOptions options) {
    CompletableFuture<Room> joining = client.connect("ws://127.0.0.1:7880", "token", options).toFuture();
    Call connect = core.calls(CONNECT).getLast();
    long roomHandle = core.handle();
    long localHandle = core.handle();
    core.complete(connect, connected(connect.asyncId(), joined(roomHandle, "lobby", localHandle, "alice")));
    return new Joined(joining.join(), roomHandle, localHandle);
  }
}
