package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.roomflux.RoomFluxException;
import io.roomflux.proto.ConnectResponse;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.NewAudioResamplerRequest;
import io.roomflux.proto.SetLocalMetadataRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The synchronous request path against a scripted native function: no native core. */
class TransportTest {
  private static final FfiRequest NEW_RESAMPLER = FfiRequest.newBuilder()
      .setNewAudioResampler(NewAudioResamplerRequest.getDefaultInstance()).build();
  private static final FfiResponse ACCEPTED = FfiResponse.newBuilder()
      .setConnect(ConnectResponse.newBuilder().setAsyncId(3)).build();

  private final List<byte[]> sent = new ArrayList<>();
  private final AtomicReference<@Nullable RoomFluxException> termination = new AtomicReference<>();

  @Test
  void aRequestIsSentEncodedAndItsResponseDecoded() {
    Transport transport = transport(ACCEPTED.toByteArray());

    assertThat(transport.request(NEW_RESAMPLER)).isEqualTo(ACCEPTED);
    assertThat(sent).singleElement().isEqualTo(NEW_RESAMPLER.toByteArray());
  }

  @Test
  void aRefusalNamesTheRequestKindAndRemembersTheLogPositionTakenBeforeSending() {
    Transport transport = transport(null);
    FfiRequest request = FfiRequest.newBuilder().setSetLocalMetadata(SetLocalMetadataRequest.newBuilder()
        .setLocalParticipantHandle(5).setMetadata("x")).build();

    FfiRequestException refusal = catchThrowableOfType(FfiRequestException.class,
        () -> transport.request(request));

    assertThat(refusal.requestKind()).isEqualTo("SetLocalMetadataRequest");
    assertThat(refusal.coreReason()).isEmpty();
    assertThat(refusal.position()).isEqualTo(41);
  }

  @Test
  void afterAPanicEveryRequestFailsWithAFreshPanicAndNothingIsSent() {
    FfiPanicException panic = new FfiPanicException("boom");
    termination.set(panic);
    Transport transport = transport(ACCEPTED.toByteArray());

    FfiPanicException first = catchThrowableOfType(FfiPanicException.class,
        () -> transport.request(NEW_RESAMPLER));
    FfiPanicException second = catchThrowableOfType(FfiPanicException.class,
        () -> transport.request(NEW_RESAMPLER));

    assertThat(first).isNotSameAs(second).hasCause(panic).hasMessage(panic.getMessage());
    assertThat(sent).isEmpty();
  }

  @Test
  void afterACloseEveryRequestFailsAsClosedAndNothingIsSent() {
    termination.set(new FfiClosedException("the livekit-ffi core was disposed"));
    Transport transport = transport(ACCEPTED.toByteArray());

    assertThatThrownBy(() -> transport.request(NEW_RESAMPLER))
        .isInstanceOf(FfiClosedException.class).hasMessage("the livekit-ffi core was disposed");
    assertThat(sent).isEmpty();
  }

  @Test
  void anUndecodableResponseIsReportedAsSuch() {
    Transport transport = transport(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});

    assertThatThrownBy(() -> transport.request(NEW_RESAMPLER))
        .isExactlyInstanceOf(RoomFluxException.class).hasMessageContaining("undecodable response");
  }

  private Transport transport(byte @Nullable [] response) {
    return new Transport(request -> {
      sent.add(request.toByteArray());
      return response == null ? null : FfiResponse.parseFrom(response);
    }, () -> 41, termination::get);
  }
}
