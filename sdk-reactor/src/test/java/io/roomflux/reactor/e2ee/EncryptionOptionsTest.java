package io.roomflux.reactor.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link EncryptionOptions} is an immutable value built, copied and checked through its builder,
 * that never shares or shows its key.
 */
class EncryptionOptionsTest {
  private static final byte[] KEY = "a-shared-secret".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SALT = "another-salt".getBytes(StandardCharsets.US_ASCII);

  @Test
  void defaultsAreThoseOfLiveKitsOtherSdks() {
    EncryptionOptions options = EncryptionOptions.sharedKey(KEY);

    assertThat(options.type()).isEqualTo(EncryptionType.GCM);
    assertThat(options.sharedKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
    assertThat(options.ratchetSalt()).isEqualTo("LKFrameEncryptionKey".getBytes(StandardCharsets.US_ASCII));
    assertThat(options.ratchetWindowSize()).isEqualTo(16);
    assertThat(options.failureTolerance()).isEqualTo(-1);
    assertThat(options.keyRingSize()).isEqualTo(16);
    assertThat(options.keyDerivation()).isEqualTo(KeyDerivationFunction.PBKDF2);
    assertThat(EncryptionOptions.builder().sharedKey(KEY).build()).isEqualTo(options).hasSameHashCodeAs(options);
  }

  @Test
  void theBuilderStartsInPerParticipantMode() {
    EncryptionOptions perParticipant = EncryptionOptions.builder().build();

    assertThat(perParticipant.sharedKey()).isEmpty();
    assertThat(perParticipant).isEqualTo(EncryptionOptions.perParticipantKeys())
        .isNotEqualTo(EncryptionOptions.sharedKey(KEY));
    assertThat(EncryptionOptions.sharedKey(KEY).toBuilder().perParticipantKeys().build()).isEqualTo(perParticipant);
  }

  @Test
  void everySettingSurvivesToBuilderAndWithMethodsChangeOnlyTheirOwn() {
    EncryptionOptions options = EncryptionOptions.builder().type(EncryptionType.CUSTOM).sharedKey(KEY)
        .ratchetSalt(SALT).ratchetWindowSize(0).failureTolerance(3).keyRingSize(256)
        .keyDerivation(KeyDerivationFunction.HKDF).build();

    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(EncryptionOptions.sharedKey(KEY).withType(EncryptionType.CUSTOM).withRatchetSalt(SALT)
        .withRatchetWindowSize(0).withFailureTolerance(3).withKeyRingSize(256)
        .withKeyDerivation(KeyDerivationFunction.HKDF)).isEqualTo(options);

    EncryptionOptions other = options.withKeyRingSize(1);
    assertThat(other.keyRingSize()).isEqualTo(1);
    assertThat(options.keyRingSize()).isEqualTo(256);
    assertThat(other.toBuilder().keyRingSize(256).build()).isEqualTo(options);
  }

  @Test
  void keysAndSaltsAreCopiedInAndOut() {
    byte[] key = KEY.clone();
    byte[] salt = SALT.clone();
    EncryptionOptions.Builder builder = EncryptionOptions.builder().sharedKey(key).ratchetSalt(salt);
    EncryptionOptions options = builder.build();

    key[0] = 'X';
    salt[0] = 'X';
    options.sharedKey().orElseThrow()[1] = 'X';
    options.ratchetSalt()[1] = 'X';
    builder.sharedKey("changed".getBytes(StandardCharsets.US_ASCII));

    assertThat(options.sharedKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
    assertThat(options.ratchetSalt()).isEqualTo(SALT);
    assertThat(options).isEqualTo(EncryptionOptions.sharedKey(KEY).withRatchetSalt(SALT));
  }

  @Test
  void invalidSettingsAreRefusedByTheBuilder() {
    assertThatThrownBy(() -> EncryptionOptions.builder().type(EncryptionType.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NONE");
    assertThatThrownBy(() -> EncryptionOptions.builder().sharedKey(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared key");
    assertThatThrownBy(() -> EncryptionOptions.sharedKey(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncryptionOptions.builder().ratchetSalt(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salt");
    assertThatThrownBy(() -> EncryptionOptions.builder().ratchetWindowSize(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ratchetWindowSize");
    assertThatThrownBy(() -> EncryptionOptions.builder().failureTolerance(-2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureTolerance");
    assertThatThrownBy(() -> EncryptionOptions.builder().keyRingSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyRingSize");
    assertThatThrownBy(() -> EncryptionOptions.sharedKey(KEY).withKeyRingSize(257))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyRingSize");
    assertThatThrownBy(() -> EncryptionOptions.sharedKey(KEY).withType(EncryptionType.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neitherTheOptionsNorTheirBuilderShowTheKeyOrSalt() {
    EncryptionOptions options = EncryptionOptions.sharedKey(KEY).withRatchetSalt(SALT);
    String key = new String(KEY, StandardCharsets.US_ASCII);
    String salt = new String(SALT, StandardCharsets.US_ASCII);

    assertThat(options.toString()).contains("sharedKey=<redacted>", "ratchetSalt=<redacted>")
        .doesNotContain(key).doesNotContain(salt);
    assertThat(options.toBuilder().toString()).doesNotContain(key).doesNotContain(salt);
    assertThat(EncryptionOptions.perParticipantKeys().toString()).contains("none (per participant)");
  }
}
