package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.internal.wire.RoomWire;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.proto.ContinualGatheringPolicy;
import io.roomflux.proto.IceTransportType;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Every room option reaches the core's protocol (unit tests), and a room joins with all of them
 * set (an integration test, against the real livekit-server).
 */
class RoomOptionsTest {
  private static final RoomOptions EVERYTHING = RoomOptions.builder()
      .autoSubscribe(false).adaptiveStream(true).dynacast(true).joinRetries(2)
      .connectTimeout(Duration.ofSeconds(20)).singlePeerConnection(false)
      // A STUN server on loopback where nothing listens: harmless, and it stays on this host.
      .iceServers(List.of(IceServer.of("stun:127.0.0.1:3478"),
          IceServer.withCredentials("user", "turn-secret", "turn:127.0.0.1:3478")))
      .iceTransportPolicy(IceTransportPolicy.ALL).continualIceGathering(true)
      .dataStreamMaxPayloadBytes(10_000).legacyDataStreams(false)
      .build();

  @Test
  void defaultsLeaveTheCoresOwnDefaultsInPlace() {
    io.roomflux.proto.RoomOptions proto = RoomWire.toProto(RoomOptions.defaults());

    assertThat(proto.getAutoSubscribe()).isTrue();
    assertThat(proto.getJoinRetries()).isEqualTo(1);
    assertThat(proto.getConnectTimeoutMs()).isEqualTo(15_000);
    assertThat(proto.hasRtcConfig()).isFalse();
    assertThat(proto.hasDataStream()).isFalse();
    assertThat(proto.hasEncryption()).isFalse();
  }

  @Test
  void everyOptionIsMappedToTheProtocol() {
    io.roomflux.proto.RoomOptions proto = RoomWire.toProto(EVERYTHING);

    assertThat(proto.getAutoSubscribe()).isFalse();
    assertThat(proto.getAdaptiveStream()).isTrue();
    assertThat(proto.getDynacast()).isTrue();
    assertThat(proto.getJoinRetries()).isEqualTo(2);
    assertThat(proto.getConnectTimeoutMs()).isEqualTo(20_000);
    assertThat(proto.getSinglePeerConnection()).isFalse();
    assertThat(proto.getRtcConfig().getIceServersList()).hasSize(2);
    assertThat(proto.getRtcConfig().getIceServers(1).getPassword()).isEqualTo("turn-secret");
    assertThat(proto.getRtcConfig().getIceTransportType()).isEqualTo(IceTransportType.TRANSPORT_ALL);
    assertThat(proto.getRtcConfig().getContinualGatheringPolicy())
        .isEqualTo(ContinualGatheringPolicy.GATHER_CONTINUALLY);
    assertThat(proto.getDataStream().getMaxPayloadByteLength()).isEqualTo(10_000);
    assertThat(EVERYTHING.toBuilder().build()).isEqualTo(EVERYTHING);
  }

  @Test
  void aTurnPasswordNeverAppearsInToString() {
    assertThat(EVERYTHING.toString()).doesNotContain("turn-secret").contains("<redacted>");
  }

  @Test
  void outOfRangeValuesAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> RoomOptions.builder().joinRetries(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("joinRetries");
    assertThatThrownBy(() -> RoomOptions.builder().connectTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> RoomOptions.builder().dataStreamMaxPayloadBytes(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataStreamMaxPayloadBytes");
    assertThatThrownBy(() -> new IceServer(List.of(), java.util.Optional.empty(), java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("URL");
  }

  @Test
  @LiveKitIntegrationTest
  void aRoomJoinsWithEveryOptionSet(LiveKitDevServer server) {
    LiveKit lk = LiveKit.create(LiveKitOptions.defaults());
    String room = "options-" + UUID.randomUUID();

    StepVerifier.create(lk.withRoom(server.url().toString(), server.token("opt", room), EVERYTHING,
            joined -> reactor.core.publisher.Mono.just(joined.name())))
        .expectNext(room)
        .expectComplete()
        .verify(Duration.ofSeconds(30));
    assertThat(lk.diagnostics().liveHandles()).isZero();
  }
}
