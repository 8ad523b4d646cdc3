package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.roomflux.proto.ConnectRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.NewAudioResamplerRequest;
import io.roomflux.proto.RoomOptions;
import io.roomflux.proto.SetLocalMetadataRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests against the real livekit-ffi core of this JVM; none of them needs a server.
 */
class FfiClientTest {
  private static final long UNKNOWN_HANDLE = 987_654_321L;
  private static final FfiRequest NEW_RESAMPLER = FfiRequest.newBuilder()
      .setNewAudioResampler(NewAudioResamplerRequest.getDefaultInstance())
      .build();

  private static FfiClient client;

  @BeforeAll
  static void openClient() {
    client = FfiClient.get();
  }

  @Test
  void newAudioResamplerRoundTripYieldsAHandleThatIsOwnedAndDroppedOnClose() {
    HandleRegistry handles = client.handles();
    int liveBefore = handles.liveCount();
    long droppedBefore = handles.dropped();
    long failuresBefore = handles.dropFailures();

    FfiResponse response = client.request(NEW_RESAMPLER);

    assertThat(response.getMessageCase()).isEqualTo(FfiResponse.MessageCase.NEW_AUDIO_RESAMPLER);
    long id = response.getNewAudioResampler().getResampler().getHandle().getId();
    assertThat(id).isPositive();
    OwnedHandle resampler = handles.own(id, HandleKind.AUDIO_RESAMPLER);
    assertThat(handles.liveCount()).isEqualTo(liveBefore + 1);
    assertThat(handles.isLive(id)).isTrue();
    assertThat(handles.liveIds(HandleKind.AUDIO_RESAMPLER)).contains(id);

    resampler.close();

    assertThat(resampler.isDropped()).isTrue();
    assertThat(handles.isLive(id)).isFalse();
    assertThat(handles.liveCount()).isEqualTo(liveBefore);
    assertThat(handles.dropped()).isEqualTo(droppedBefore + 1);
    assertThat(handles.dropFailures()).as("the core knew the handle it was given back")
        .isEqualTo(failuresBefore).isZero();
  }

  @Test
  void requestNamingAnUnknownHandleIsRefusedAndExplainedWithTheCoresReason() throws Exception {
    FfiRequest request = FfiRequest.newBuilder()
        .setSetLocalMetadata(SetLocalMetadataRequest.newBuilder()
            .setLocalParticipantHandle(UNKNOWN_HANDLE)
            .setMetadata("x"))
        .build();

    FfiRequestException refusal =
        catchThrowableOfType(FfiRequestException.class, () -> client.request(request));

    assertThat(refusal).isNotNull();
    assertThat(refusal.requestKind()).isEqualTo("SetLocalMetadataRequest");
    assertThat(refusal.getMessage()).contains("SetLocalMetadataRequest");
    assertThat(refusal.coreReason()).isEmpty();

    FfiRequestException explained = client.explain(refusal).get(10, TimeUnit.SECONDS);

    assertThat(explained).isInstanceOf(UnknownHandleException.class);
    assertThat(explained.requestKind()).isEqualTo("SetLocalMetadataRequest");
    assertThat(explained.coreReason()).hasValueSatisfying(reason ->
        assertThat(reason).contains("handle"));
    assertThat(explained.getMessage()).contains("SetLocalMetadataRequest", explained.coreReason().get());

    // The refusal did not hurt the client: it still serves requests.
    long id = client.request(NEW_RESAMPLER).getNewAudioResampler().getResampler().getHandle().getId();
    client.handles().own(id, HandleKind.AUDIO_RESAMPLER).close();
    assertThat(client.failure()).isEmpty();
  }

  @Test
  void refusedAsyncCallLeavesNothingPendingAndTheNextCallIsServed() throws Exception {
    int pendingBefore = pendingCallbacks();
    AtomicLong refusedId = new AtomicLong();

    assertThatThrownBy(() -> client.call(asyncId -> {
      refusedId.set(asyncId);
      return FfiRequest.newBuilder()
          .setSetLocalMetadata(SetLocalMetadataRequest.newBuilder()
              .setLocalParticipantHandle(UNKNOWN_HANDLE)
              .setMetadata("x")
              .setRequestAsyncId(asyncId))
          .build();
    })).isInstanceOfSatisfying(FfiRequestException.class,
        e -> assertThat(e.requestKind()).isEqualTo("SetLocalMetadataRequest"));

    assertThat(refusedId.get()).isPositive();
    assertThat(pendingCallbacks()).as("the refused call's callback is unregistered").isEqualTo(pendingBefore);

    // A call the core accepts: a connect to a port nobody listens on, which fails in its callback.
    AsyncCall accepted = client.call(asyncId -> FfiRequest.newBuilder()
        .setConnect(ConnectRequest.newBuilder()
            .setUrl("ws://127.0.0.1:9")
            .setToken("not-a-real-token")
            .setOptions(RoomOptions.newBuilder().setJoinRetries(0).setConnectTimeoutMs(2_000))
            .setRequestAsyncId(asyncId))
        .build());

    assertThat(accepted.asyncId()).isGreaterThan(refusedId.get());
    assertThat(accepted.response().getConnect().getAsyncId()).isEqualTo(accepted.asyncId());
    FfiEvent callback = accepted.callback().get(30, TimeUnit.SECONDS);
    assertThat(callback.getMessageCase()).isEqualTo(FfiEvent.MessageCase.CONNECT);
    assertThat(callback.getConnect().getAsyncId()).isEqualTo(accepted.asyncId());
    assertThat(callback.getConnect().hasError()).as("nothing listens on port 9").isTrue();
    assertThat(pendingCallbacks()).isEqualTo(pendingBefore);
  }

  /**
   * Measurement, not a benchmark gate: the mean cost of one synchronous request through the
   * binding, including the drop of its response handle and the owned resampler's drop.
   */
  @Test
  void printsMeanRoundTripOfNewAudioResamplerWithBothDrops() {
    HandleRegistry handles = client.handles();
    int liveBefore = handles.liveCount();
    long failuresBefore = handles.dropFailures();
    int warmup = 20_000;
    int measured = 200_000;

    for (int i = 0; i < warmup; i++) {
      roundTrip(handles);
    }
    long start = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      roundTrip(handles);
    }
    long elapsed = System.nanoTime() - start;

    System.out.printf("NewAudioResamplerRequest round trip + 2 drops: mean %d ns over %d iterations%n",
        elapsed / measured, measured);
    assertThat(handles.liveCount()).isEqualTo(liveBefore);
    assertThat(handles.dropFailures()).isEqualTo(failuresBefore);
  }

  private static void roundTrip(HandleRegistry handles) {
    FfiResponse response = client.request(NEW_RESAMPLER);
    handles.own(response.getNewAudioResampler().getResampler().getHandle().getId(),
        HandleKind.AUDIO_RESAMPLER).close();
  }

  private static int pendingCallbacks() {
    return client.pendingCalls();
  }
}
