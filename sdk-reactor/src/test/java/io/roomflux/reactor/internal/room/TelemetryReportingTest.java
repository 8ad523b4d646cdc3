package io.roomflux.reactor.internal.room;

import static io.roomflux.proto.FfiRequest.MessageCase.AUDIO_STREAM_FROM_PARTICIPANT;
import static io.roomflux.proto.FfiRequest.MessageCase.CONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.DISCONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.PERFORM_RPC;
import static io.roomflux.reactor.internal.core.ScriptedMessages.connectFailed;
import static io.roomflux.reactor.internal.core.ScriptedMessages.connected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnectDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.joined;
import static io.roomflux.reactor.internal.core.ScriptedMessages.metadataChanged;
import static io.roomflux.reactor.internal.core.ScriptedMessages.participant;
import static io.roomflux.reactor.internal.core.ScriptedMessages.participantConnected;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.Telemetry;
import io.roomflux.proto.AudioFrameBufferInfo;
import io.roomflux.proto.AudioFrameReceived;
import io.roomflux.proto.AudioStreamEvent;
import io.roomflux.proto.AudioStreamFromParticipantResponse;
import io.roomflux.proto.AudioStreamInfo;
import io.roomflux.proto.AudioStreamType;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.OwnedAudioStream;
import io.roomflux.proto.PerformRpcCallback;
import io.roomflux.proto.RpcError;
import io.roomflux.reactor.ConnectTimeoutException;
import io.roomflux.reactor.InvalidTokenException;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.internal.core.ScriptedCore;
import io.roomflux.reactor.internal.core.ScriptedCore.Call;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.media.FrameOverflow;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.reactor.rpc.RpcException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.subscriber.TestSubscriber;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * What the client reports to its {@link Telemetry}, driven against a {@link ScriptedCore}: each
 * connect and RPC is one operation whose scope ends exactly once (success, failure or cancel),
 * events are counted by type and dropped ones counted, and a telemetry that throws everywhere
 * changes nothing the application sees.
 */
class TelemetryReportingTest {
  private static final String URL = "ws://127.0.0.1:7880/rtc?x=1";
  private static final String TOKEN = "secret-token";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScriptedCore core = new ScriptedCore();
  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final Recording telemetry = new Recording();
  private RoomClient client = client(telemetry, 1024);

  @BeforeEach
  void theCoreConfirmsDisconnectsAtOnce() {
    core.onCall(DISCONNECT, (request, asyncId) -> disconnectDone(asyncId));
  }

  @AfterEach
  void everyRoomIsReleased() throws Exception {
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
  void aConnectThatSucceedsIsOneOperationEndedOnceWithSuccessTaggedWithTheHostButNotTheToken() {
    Joined j = join();
    Room room = j.room();

    assertThat(room.name()).isEqualTo("lobby");
    Recording.Started connect = telemetry.only("roomflux.connect");
    assertThat(connect.ends()).containsExactly("success");
    assertThat(connect.operation().highCardinalityTags()).containsEntry("url.host", "127.0.0.1");
    assertThat(connect.operation().toString()).doesNotContain(TOKEN).doesNotContain("x=1");
  }

  @Test
  void aConnectTheCoreRefusesEndsOnceWithTheFailure() {
    StepVerifier.create(client.connect(URL, TOKEN, RoomOptions.defaults()))
        .then(() -> {
          Call call = core.call(CONNECT);
          core.complete(call, connectFailed(call.asyncId(), "invalid token: signature"));
        })
        .expectError(InvalidTokenException.class)
        .verify(WAIT);

    Recording.Started connect = telemetry.only("roomflux.connect");
    assertThat(connect.ends()).containsExactly("failure InvalidTokenException");
  }

  @Test
  void aConnectThatTimesOutEndsOnceWithTheTimeoutAndNotAgainWhenTheRoomArrivesLate() {
    StepVerifier.create(client.connect(URL, TOKEN, RoomOptions.defaults().withConnectTimeout(Duration.ofSeconds(5))))
        .then(() -> clock.advanceTimeBy(Duration.ofSeconds(5)))
        .expectError(ConnectTimeoutException.class)
        .verify(WAIT);
    Call call = core.call(CONNECT);
    core.complete(call, connected(call.asyncId(), joined(core.handle(), "lobby", core.handle(), "alice")));

    assertThat(telemetry.only("roomflux.connect").ends()).containsExactly("failure ConnectTimeoutException");
  }

  @Test
  void aConnectCancelledBeforeTheRoomArrivesEndsOnceWithCancel() {
    Disposable subscription = client.connect(URL, TOKEN, RoomOptions.defaults()).subscribe();
    Call call = core.call(CONNECT);
    subscription.dispose();
    core.complete(call, connected(call.asyncId(), joined(core.handle(), "lobby", core.handle(), "alice")));

    assertThat(telemetry.only("roomflux.connect").ends()).containsExactly("cancel");
  }

  @Test
  void anRpcIsOneOperationTaggedWithItsMethodDestinationAndRoomEndedOnceWithItsOutcome() {
    Joined j = join();
    Room room = j.room();
    core.onCall(PERFORM_RPC, (request, asyncId) -> {
      PerformRpcCallback.Builder callback = PerformRpcCallback.newBuilder().setAsyncId(asyncId);
      if (request.getPerformRpc().getMethod().equals("greet")) {
        callback.setPayload("hello " + request.getPerformRpc().getPayload());
      } else {
        callback.setError(RpcError.newBuilder().setCode(RpcException.UNSUPPORTED_METHOD).setMessage("no such method"));
      }
      return FfiEvent.newBuilder().setPerformRpc(callback).build();
    });

    StepVerifier.create(room.localParticipant().performRpc("bob", "greet", "alice"))
        .expectNext("hello alice").expectComplete().verify(WAIT);
    StepVerifier.create(room.localParticipant().performRpc("bob", "shout", "alice"))
        .expectError(RpcException.class).verify(WAIT);

    List<Recording.Started> rpcs = telemetry.all("roomflux.rpc");
    assertThat(rpcs).hasSize(2);
    assertThat(rpcs.get(0).operation().lowCardinalityTags()).isEqualTo(Map.of("method", "greet"));
    assertThat(rpcs.get(0).operation().highCardinalityTags()).isEqualTo(Map.of("destination", "bob", "room", "lobby"));
    assertThat(rpcs.get(0).ends()).containsExactly("success");
    assertThat(rpcs.get(1).operation().lowCardinalityTags()).isEqualTo(Map.of("method", "shout"));
    assertThat(rpcs.get(1).ends()).containsExactly("failure RpcException");
  }

  @Test
  void eventsAreCountedByTheirRecordNameAsTheRoomEmitsThem() {
    Joined j = join();
    Room room = j.room();
    core.emit(metadataChanged(j.roomHandle(), "one"),
        participantConnected(j.roomHandle(), participant(core.handle(), "bob")),
        metadataChanged(j.roomHandle(), "two"));

    assertThat(telemetry.emitted).containsExactly("RoomMetadataChanged", "ParticipantConnected", "RoomMetadataChanged");
    assertThat(telemetry.dropped.get()).isZero();
  }

  @Test
  void eventsDroppedForASubscriberThatDoesNotKeepUpAreCounted() {
    client = client(telemetry, 2);
    Joined j = join();
    Room room = j.room();
    // Nobody subscribed yet: the room holds at most 2 events and drops the oldest.
    core.emit(metadataChanged(j.roomHandle(), "one"), metadataChanged(j.roomHandle(), "two"),
        metadataChanged(j.roomHandle(), "three"), metadataChanged(j.roomHandle(), "four"));

    assertThat(telemetry.dropped.get()).isEqualTo(2);
    assertThat(room.missedEvents()).isEqualTo(2);
    StepVerifier.create(room.events().take(2))
        .expectNext(new RoomEvent.RoomMetadataChanged("three"), new RoomEvent.RoomMetadataChanged("four"))
        .expectComplete().verify(WAIT);
  }

  @Test
  void mediaFramesDroppedByAStreamsOverflowPolicyAreCountedByKind() {
    Joined j = join();
    core.emit(participantConnected(j.roomHandle(), participant(core.handle(), "bob")));
    long stream = core.handle();
    core.answer(AUDIO_STREAM_FROM_PARTICIPANT, request -> FfiResponse.newBuilder()
        .setAudioStreamFromParticipant(AudioStreamFromParticipantResponse.newBuilder().setStream(OwnedAudioStream
            .newBuilder().setHandle(FfiOwnedHandle.newBuilder().setId(stream))
            .setInfo(AudioStreamInfo.newBuilder().setType(AudioStreamType.AUDIO_STREAM_NATIVE))))
        .build());
    TestSubscriber<AudioFrame> stalled = TestSubscriber.builder().initialRequest(0).build();
    j.room().audioFramesFrom("bob", TrackSource.MICROPHONE,
        AudioStreamOptions.defaults().withOverflow(FrameOverflow.LATEST_ONLY)).subscribe(stalled);

    // Nobody requests: beyond the frame in flight and the latest one, each frame drops one.
    for (int i = 0; i < 5; i++) {
      core.emit(audioFrame(stream));
    }

    long dropped = j.room().mediaStats().framesDropped();
    assertThat(dropped).isGreaterThanOrEqualTo(3);
    assertThat(telemetry.framesDropped).hasSize((int) dropped).containsOnly("audio 1");
    stalled.cancel();
  }

  private FfiEvent audioFrame(long stream) {
    return FfiEvent.newBuilder().setAudioStreamEvent(AudioStreamEvent.newBuilder().setStreamHandle(stream)
        .setFrameReceived(AudioFrameReceived.newBuilder().setFrame(OwnedAudioFrameBuffer.newBuilder()
            .setHandle(FfiOwnedHandle.newBuilder().setId(core.handle()))
            .setInfo(AudioFrameBufferInfo.newBuilder().setDataPtr(0).setNumChannels(1).setSampleRate(48_000)
                .setSamplesPerChannel(480))))).build();
  }

  @Test
  void aTelemetryThatThrowsEverywhereChangesNothingTheApplicationSees() {
    Throwing throwing = new Throwing();
    client = client(throwing, 1024);
    core.onCall(PERFORM_RPC, (request, asyncId) -> FfiEvent.newBuilder()
        .setPerformRpc(PerformRpcCallback.newBuilder().setAsyncId(asyncId).setPayload("pong")).build());

    Joined j = join();
    Room room = j.room();
    core.emit(metadataChanged(j.roomHandle(), "one"));
    StepVerifier.create(room.events().take(1))
        .expectNext(new RoomEvent.RoomMetadataChanged("one")).expectComplete().verify(WAIT);
    StepVerifier.create(room.localParticipant().performRpc("bob", "ping", ""))
        .expectNext("pong").expectComplete().verify(WAIT);

    assertThat(throwing.calls.get()).as("the telemetry was called, and threw, each time")
        .isGreaterThanOrEqualTo(5);
  }

  private RoomClient client(Telemetry t, int eventBufferSize) {
    return new RoomClient(core, LiveKitOptions.builder().scheduler(Schedulers.immediate()).timer(clock)
        .eventBufferSize(eventBufferSize).telemetry(t).build(), new RoomProbe());
  }

  /** A joined room and its handle. */
  private record Joined(Room room, long roomHandle) {
  }

  private Joined join() {
    CompletableFuture<Room> joining = client.connect(URL, TOKEN, RoomOptions.defaults()).toFuture();
    Call connect = core.calls(CONNECT).getLast();
    long roomHandle = core.handle();
    core.complete(connect, connected(connect.asyncId(), joined(roomHandle, "lobby", core.handle(), "alice")));
    return new Joined(joining.join(), roomHandle);
  }

  /** Records every call; each scope records how it ended, as often as it is ended. */
  static final class Recording implements Telemetry {
    record Started(Operation operation, List<String> ends) {
    }

    final List<Started> started = new CopyOnWriteArrayList<>();
    final List<String> emitted = new CopyOnWriteArrayList<>();
    final AtomicInteger dropped = new AtomicInteger();
    final List<String> framesDropped = new CopyOnWriteArrayList<>();

    @Override
    public Scope start(Operation operation) {
      Started s = new Started(operation, new CopyOnWriteArrayList<>());
      started.add(s);
      return new Scope() {
        @Override
        public void success() {
          s.ends().add("success");
        }

        @Override
        public void failure(Throwable error) {
          s.ends().add("failure " + error.getClass().getSimpleName());
        }

        @Override
        public void cancel() {
          s.ends().add("cancel");
        }
      };
    }

    @Override
    public void eventEmitted(String type) {
      emitted.add(type);
    }

    @Override
    public void eventsDropped(long count) {
      dropped.addAndGet((int) count);
    }

    @Override
    public void mediaFramesDropped(String kind, long count) {
      framesDropped.add(kind + " " + count);
    }

    List<Started> all(String name) {
      return started.stream().filter(s -> s.operation().name().equals(name)).toList();
    }

    Started only(String name) {
      List<Started> all = all(name);
      assertThat(all).as("operations " + name).hasSize(1);
      return all.getFirst();
    }
  }

  /** Throws from every method, and from every scope it returns. */
  static final class Throwing implements Telemetry {
    final AtomicInteger calls = new AtomicInteger();

    private IllegalStateException boom() {
      calls.incrementAndGet();
      return new IllegalStateException("telemetry is broken");
    }

    @Override
    public Scope start(Operation operation) {
      calls.incrementAndGet();
      return new Scope() {
        @Override
        public void success() {
          throw boom();
        }

        @Override
        public void failure(Throwable error) {
          throw boom();
        }

        @Override
        public void cancel() {
          throw boom();
        }
      };
    }

    @Override
    public void eventEmitted(String type) {
      throw boom();
    }

    @Override
    public void eventsDropped(long count) {
      throw boom();
    }

    @Override
    public void ffiRequest(String kind, long nanos) {
      throw boom();
    }

    @Override
    public String toString() {
      return "Throwing";
    }
  }

}
