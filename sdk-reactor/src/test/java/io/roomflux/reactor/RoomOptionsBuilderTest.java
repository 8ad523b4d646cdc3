package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.e2ee.EncryptionOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link RoomOptions} is an immutable value built, copied and checked through its builder. */
class RoomOptionsBuilderTest {
  private static final byte[] KEY = "room-options-key".getBytes(StandardCharsets.US_ASCII);

  private static RoomOptions everythingChanged() {
    return RoomOptions.builder()
        .autoSubscribe(false).adaptiveStream(true).dynacast(true).joinRetries(3)
        .connectTimeout(Duration.ofSeconds(7)).singlePeerConnection(true)
        .encryption(EncryptionOptions.sharedKey(KEY))
        .iceServers(List.of(IceServer.withCredentials("user", "turn-secret", "turn:127.0.0.1:3478")))
        .iceTransportPolicy(IceTransportPolicy.RELAY).continualIceGathering(true)
        .dataStreamMaxPayloadBytes(9_000).legacyDataStreams(true)
        .build();
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    RoomOptions defaults = RoomOptions.defaults();

    assertThat(defaults.autoSubscribe()).isTrue();
    assertThat(defaults.adaptiveStream()).isFalse();
    assertThat(defaults.dynacast()).isFalse();
    assertThat(defaults.joinRetries()).isEqualTo(1);
    assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(defaults.singlePeerConnection()).isFalse();
    assertThat(defaults.encryption()).isEmpty();
    assertThat(defaults.iceServers()).isEmpty();
    assertThat(defaults.iceTransportPolicy()).isEmpty();
    assertThat(defaults.continualIceGathering()).isEmpty();
    assertThat(defaults.dataStreamMaxPayloadBytes()).isEmpty();
    assertThat(defaults.legacyDataStreams()).isFalse();
    assertThat(defaults).isEqualTo(RoomOptions.builder().build()).hasSameHashCodeAs(RoomOptions.builder().build());
  }

  @Test
  void everySettingOfTheBuilderIsKeptAndSurvivesToBuilder() {
    RoomOptions options = everythingChanged();

    assertThat(options.autoSubscribe()).isFalse();
    assertThat(options.adaptiveStream()).isTrue();
    assertThat(options.dynacast()).isTrue();
    assertThat(options.joinRetries()).isEqualTo(3);
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.singlePeerConnection()).isTrue();
    assertThat(options.encryption()).contains(EncryptionOptions.sharedKey(KEY));
    assertThat(options.iceServers()).hasSize(1);
    assertThat(options.iceTransportPolicy()).contains(IceTransportPolicy.RELAY);
    assertThat(options.continualIceGathering()).contains(true);
    assertThat(options.dataStreamMaxPayloadBytes()).isEqualTo(OptionalLong.of(9_000));
    assertThat(options.legacyDataStreams()).isTrue();

    RoomOptions copy = options.toBuilder().build();
    assertThat(copy).isEqualTo(options).hasSameHashCodeAs(options).isNotEqualTo(RoomOptions.defaults());
    assertThat(copy.toString()).isEqualTo(options.toString());
  }

  @Test
  void withMethodsChangeOneSettingAndLeaveTheOriginalAlone() {
    RoomOptions original = everythingChanged();

    RoomOptions changed = original.withAutoSubscribe(true).withConnectTimeout(Duration.ofSeconds(30))
        .withJoinRetries(0).withEncryption(EncryptionOptions.perParticipantKeys());

    assertThat(changed.autoSubscribe()).isTrue();
    assertThat(changed.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(changed.joinRetries()).isZero();
    assertThat(changed.encryption()).contains(EncryptionOptions.perParticipantKeys());
    assertThat(changed).isEqualTo(original.toBuilder().autoSubscribe(true).connectTimeout(Duration.ofSeconds(30))
        .joinRetries(0).encryption(EncryptionOptions.perParticipantKeys()).build());
    assertThat(original).isEqualTo(everythingChanged());
    assertThat(original.toBuilder().noEncryption().build().encryption()).isEmpty();
  }

  @Test
  void outOfRangeValuesAreRefusedByTheBuilderNamingTheSetting() {
    assertThatThrownBy(() -> RoomOptions.builder().joinRetries(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("joinRetries");
    assertThatThrownBy(() -> RoomOptions.builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> RoomOptions.defaults().withConnectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> RoomOptions.builder().dataStreamMaxPayloadBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataStreamMaxPayloadBytes");
    assertThatThrownBy(() -> RoomOptions.defaults().withJoinRetries(-2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("joinRetries");
  }

  @Test
  void theIceServerListIsCopiedAndCannotBeChangedAfterwards() {
    List<IceServer> servers = new ArrayList<>(List.of(IceServer.of("stun:127.0.0.1:3478")));
    RoomOptions options = RoomOptions.builder().iceServers(servers).build();
    servers.add(IceServer.of("stun:127.0.0.1:3479"));

    assertThat(options.iceServers()).hasSize(1);
    assertThatThrownBy(() -> options.iceServers().add(IceServer.of("stun:127.0.0.1:3480")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringNeitherShowsTheKeyNorTheTurnPassword() {
    String text = everythingChanged().toString();

    assertThat(text).startsWith("RoomOptions[autoSubscribe=false").contains("joinRetries=3")
        .doesNotContain("turn-secret").doesNotContain(new String(KEY, StandardCharsets.US_ASCII))
        .contains("<redacted>");
  }
}
