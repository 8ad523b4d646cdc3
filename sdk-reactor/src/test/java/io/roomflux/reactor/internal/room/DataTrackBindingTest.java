package io.roomflux.reactor.internal.room;

import static io.roomflux.proto.FfiRequest.MessageCase.CONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.DATA_TRACK_STREAM_READ;
import static io.roomflux.proto.FfiRequest.MessageCase.DISCONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.LOCAL_DATA_TRACK_UNPUBLISH;
import static io.roomflux.proto.FfiRequest.MessageCase.PUBLISH_DATA_TRACK;
import static io.roomflux.proto.FfiRequest.MessageCase.SUBSCRIBE_DATA_TRACK;
import static io.roomflux.reactor.internal.core.ScriptedMessages.connected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnectDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.joined;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.roomflux.proto.DataTrackPublished;
import io.roomflux.proto.DataTrackStreamEOS;
import io.roomflux.proto.DataTrackStreamEvent;
import io.roomflux.proto.DataTrackStreamFrameReceived;
import io.roomflux.proto.DataTrackStreamReadResponse;
import io.roomflux.proto.DataTrackUnpublished;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.OwnedDataTrackStream;
import io.roomflux.proto.OwnedLocalDataTrack;
import io.roomflux.proto.OwnedRemoteDataTrack;
import io.roomflux.proto.PublishDataTrackCallback;
import io.roomflux.proto.PublishDataTrackError;
import io.roomflux.proto.PublishDataTrackErrorCode;
import io.roomflux.proto.SubscribeDataTrackError;
import io.roomflux.proto.SubscribeDataTrackErrorCode;
import io.roomflux.proto.SubscribeDataTrackResponse;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.data.DataTrackException;
import io.roomflux.reactor.data.DataTrackFrame;
import io.roomflux.reactor.data.LocalDataTrack;
import io.roomflux.reactor.data.RemoteDataTrack;
import io.roomflux.reactor.internal.core.ScriptedCore;
import io.roomflux.reactor.internal.core.ScriptedCore.Call;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The data track binding against a {@link ScriptedCore}, where the exact requests and event
 * orders matter: one {@code data_track_stream_read} outstanding at a time and only on demand,
 * the core's end of stream (as an event or in a read's response), cancel, and the handle of a
 * publication nobody waits for any more.
 */
class DataTrackBindingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScriptedCore core = new ScriptedCore();
  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final RoomClient client = new RoomClient(core,
      LiveKitOptions.builder().scheduler(Schedulers.immediate()).timer(clock).build(), new RoomProbe(() -> { }));
  private long roomHandle;
  private Room room;

  @BeforeEach
  void join() {
    core.onCall(DISCONNECT, (request, asyncId) -> disconnectDone(asyncId));
    CompletableFuture<Room> joining = client.connect("ws://127.0.0.1:7880", "token", RoomOptions.defaults()).toFuture();
    Call connect = core.calls(CONNECT).getLast();
    roomHandle = core.handle();
    core.complete(connect, connected(connect.asyncId(), joined(roomHandle, "lobby", core.handle(), "alice")));
    room = joining.join();
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

  private RemoteDataTrack published(long trackHandle, String sid) {
    core.emit(FfiEvent.newBuilder().setRoomEvent(io.roomflux.proto.RoomEvent.newBuilder().setRoomHandle(roomHandle)
        .setDataTrackPublished(DataTrackPublished.newBuilder().setTrack(OwnedRemoteDataTrack.newBuilder()
            .setHandle(FfiOwnedHandle.newBuilder().setId(trackHandle)).setPublisherIdentity("bob")
            .setInfo(io.roomflux.proto.DataTrackInfo.newBuilder().setName("telemetry").setSid(sid).setUsesE2Ee(false)))))
        .build());
    return room.remoteDataTrack(sid).orElseThrow();
  }

  private long subscribable() {
    long stream = core.handle();
    core.answer(SUBSCRIBE_DATA_TRACK, request -> FfiResponse.newBuilder().setSubscribeDataTrack(
        SubscribeDataTrackResponse.newBuilder().setStream(OwnedDataTrackStream.newBuilder()
            .setHandle(FfiOwnedHandle.newBuilder().setId(stream)))).build());
    return stream;
  }

  private static FfiEvent frame(long stream, String payload, long timestamp) {
    return FfiEvent.newBuilder().setDataTrackStreamEvent(DataTrackStreamEvent.newBuilder().setStreamHandle(stream)
        .setFrameReceived(DataTrackStreamFrameReceived.newBuilder().setFrame(io.roomflux.proto.DataTrackFrame.newBuilder()
            .setPayload(ByteString.copyFromUtf8(payload)).setUserTimestamp(timestamp)))).build();
  }

  private static FfiEvent eos(long stream) {
    return FfiEvent.newBuilder().setDataTrackStreamEvent(DataTrackStreamEvent.newBuilder().setStreamHandle(stream)
        .setEos(DataTrackStreamEOS.getDefaultInstance())).build();
  }

  private long reads() {
    return core.sentKinds().stream().filter(k -> k == DATA_TRACK_STREAM_READ).count();
  }

  @Test
  void framesAreReadOneAtATimeAndOnlyAsFarAsTheSubscriberAsks() {
    RemoteDataTrack track = published(core.handle(), "DT_1");
    long stream = subscribable();
    StepVerifier.create(track.subscribe(), 0)
        // The one frame the delivery stage prefetches: a single read, whatever comes.
        .then(() -> assertThat(reads()).isEqualTo(1))
        .then(() -> core.emit(frame(stream, "a", 1)))
        .then(() -> assertThat(reads()).as("no read without demand").isEqualTo(1))
        .thenRequest(1)
        .expectNext(new DataTrackFrame(java.nio.ByteBuffer.wrap("a".getBytes()), Optional.of(1L)))
        .then(() -> assertThat(reads()).isEqualTo(2))
        .thenRequest(5)
        .then(() -> assertThat(reads()).as("still one read outstanding").isEqualTo(2))
        .then(() -> core.emit(frame(stream, "b", 2)))
        .expectNextMatches(f -> f.userTimestamp().equals(Optional.of(2L)))
        .then(() -> assertThat(reads()).isEqualTo(3))
        .then(() -> core.emit(eos(stream)))
        .expectComplete()
        .verify(WAIT);
    assertThat(core.dropped()).contains(stream);
    assertThat(core.routedHandles()).doesNotContain(stream);
  }

  @Test
  void anEndOfStreamInTheReadResponseWithAnErrorFailsTheSubscription() {
    RemoteDataTrack track = published(core.handle(), "DT_1");
    long stream = subscribable();
    core.answer(DATA_TRACK_STREAM_READ, request -> FfiResponse.newBuilder().setDataTrackStreamRead(
        DataTrackStreamReadResponse.newBuilder().setEosEvent(DataTrackStreamEOS.newBuilder().setError(
            SubscribeDataTrackError.newBuilder().setCode(SubscribeDataTrackErrorCode.SUBSCRIBE_DATA_TRACK_ERROR_CODE_TIMEOUT)
                .setMessage("no answer from the SFU"))))
        .build());
    StepVerifier.create(track.subscribe())
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(DataTrackException.class, x -> {
          assertThat(x.reason()).isEqualTo(DataTrackException.Reason.TIMEOUT);
          assertThat(x).hasMessageContaining("no answer from the SFU");
        }))
        .verify(WAIT);
    assertThat(core.dropped()).contains(stream);
  }

  @Test
  void cancellingClosesTheStreamAndReadsNoMore() {
    RemoteDataTrack track = published(core.handle(), "DT_1");
    long stream = subscribable();
    StepVerifier.create(track.subscribe(), 1)
        .then(() -> core.emit(frame(stream, "a", 1)))
        .expectNextCount(1)
        .thenCancel()
        .verify(WAIT);
    long before = reads();
    core.emit(frame(stream, "late", 2));
    assertThat(reads()).isEqualTo(before);
    assertThat(core.dropped()).contains(stream);
  }

  @Test
  void anUnpublishedTrackReleasesItsHandleAndRefusesSubscriptions() {
    long handle = core.handle();
    RemoteDataTrack track = published(handle, "DT_1");
    core.emit(FfiEvent.newBuilder().setRoomEvent(io.roomflux.proto.RoomEvent.newBuilder().setRoomHandle(roomHandle)
        .setDataTrackUnpublished(DataTrackUnpublished.newBuilder().setSid("DT_1"))).build());
    assertThat(core.dropped()).contains(handle);
    assertThat(track.isPublished()).isFalse();
    assertThat(room.remoteDataTracks()).isEmpty();
    StepVerifier.create(track.subscribe())
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(DataTrackException.class,
            x -> assertThat(x.reason()).isEqualTo(DataTrackException.Reason.UNPUBLISHED)))
        .verify(WAIT);
    assertThat(core.sentKinds()).doesNotContain(SUBSCRIBE_DATA_TRACK);
  }

  @Test
  void aPublicationThatCompletesAfterTheCallerCancelledIsUnpublishedAndItsHandleDropped() {
    core.leavePending(PUBLISH_DATA_TRACK);
    CompletableFuture<LocalDataTrack> publishing = room.localParticipant().publishDataTrack("late").toFuture();
    Call publish = core.call(PUBLISH_DATA_TRACK);
    publishing.cancel(true);
    long handle = core.handle();
    core.complete(publish, FfiEvent.newBuilder().setPublishDataTrack(PublishDataTrackCallback.newBuilder()
        .setAsyncId(publish.asyncId()).setTrack(OwnedLocalDataTrack.newBuilder()
            .setHandle(FfiOwnedHandle.newBuilder().setId(handle))
            .setInfo(io.roomflux.proto.DataTrackInfo.newBuilder().setName("late").setSid("DT_9").setUsesE2Ee(false))))
        .build());
    assertThat(core.sentKinds()).contains(LOCAL_DATA_TRACK_UNPUBLISH);
    assertThat(core.dropped()).contains(handle);
  }

  @Test
  void aRefusedPublicationFailsWithTheReasonOfItsCode() {
    core.onCall(PUBLISH_DATA_TRACK, (request, asyncId) -> FfiEvent.newBuilder().setPublishDataTrack(
        PublishDataTrackCallback.newBuilder().setAsyncId(asyncId).setError(PublishDataTrackError.newBuilder()
            .setCode(PublishDataTrackErrorCode.PUBLISH_DATA_TRACK_ERROR_CODE_NOT_ALLOWED).setMessage("no permission")))
        .build());
    StepVerifier.create(room.localParticipant().publishDataTrack("t"))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(DataTrackException.class,
            x -> assertThat(x.reason()).isEqualTo(DataTrackException.Reason.NOT_ALLOWED)))
        .verify(WAIT);
    assertThat(core.handles().liveByKind()).doesNotContainKey(io.roomflux.core.HandleKind.DATA_TRACK);
  }

  @Test
  void aSubscriptionWithoutDemandCompletesWhenTheTrackIsUnpublished() {
    long handle = core.handle();
    RemoteDataTrack track = published(handle, "DT_1");
    long stream = subscribable();
    StepVerifier.create(track.subscribe(), 0)
        .then(() -> core.emit(frame(stream, "held", 1)))
        .then(() -> core.emit(FfiEvent.newBuilder().setRoomEvent(io.roomflux.proto.RoomEvent.newBuilder()
            .setRoomHandle(roomHandle).setDataTrackUnpublished(DataTrackUnpublished.newBuilder().setSid("DT_1"))).build()))
        .thenRequest(1)
        .expectNextCount(1)
        .expectComplete()
        .verify(WAIT);
    assertThat(core.dropped()).contains(handle, stream);
    assertThat(core.routedHandles()).doesNotContain(stream);
  }

  @Test
  void pushingAPublisherCountsTheFramesTheCoreQueuedAndSkipsOnesAFullQueueRefused() {
    long handle = core.handle();
    core.onCall(PUBLISH_DATA_TRACK, (request, asyncId) -> FfiEvent.newBuilder().setPublishDataTrack(
        PublishDataTrackCallback.newBuilder().setAsyncId(asyncId).setTrack(OwnedLocalDataTrack.newBuilder()
            .setHandle(FfiOwnedHandle.newBuilder().setId(handle))
            .setInfo(io.roomflux.proto.DataTrackInfo.newBuilder().setName("t").setSid("DT_5").setUsesE2Ee(false))))
        .build());
    java.util.concurrent.atomic.AtomicInteger pushes = new java.util.concurrent.atomic.AtomicInteger();
    core.answer(io.roomflux.proto.FfiRequest.MessageCase.LOCAL_DATA_TRACK_TRY_PUSH, request -> {
      io.roomflux.proto.LocalDataTrackTryPushResponse.Builder response = io.roomflux.proto.LocalDataTrackTryPushResponse.newBuilder();
      if (pushes.incrementAndGet() == 2) {
        response.setError(io.roomflux.proto.LocalDataTrackTryPushError.newBuilder()
            .setCode(io.roomflux.proto.LocalDataTrackTryPushErrorCode.LOCAL_DATA_TRACK_TRY_PUSH_ERROR_CODE_QUEUE_FULL)
            .setMessage("queue full"));
      }
      return FfiResponse.newBuilder().setLocalDataTrackTryPush(response).build();
    });
    LocalDataTrack track = room.localParticipant().publishDataTrack("t").block(WAIT);
    assertThat(track).isNotNull();
    StepVerifier.create(track.push(reactor.core.publisher.Flux.range(0, 3).map(i -> DataTrackFrame.of(new byte[] {i.byteValue()}))))
        .expectNext(2L)
        .expectComplete()
        .verify(WAIT);
    assertThat(pushes).hasValue(3);
    track.unpublish().block(WAIT);
    StepVerifier.create(track.push(reactor.core.publisher.Flux.just(DataTrackFrame.of(new byte[1]))))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(DataTrackException.class,
            x -> assertThat(x.reason()).isEqualTo(DataTrackException.Reason.UNPUBLISHED)))
        .verify(WAIT);
    assertThat(core.dropped()).contains(handle);
  }
}
