package io.roomflux.reactor.internal.wire;

import com.google.protobuf.ByteString;
import io.roomflux.proto.E2eeOptions;
import io.roomflux.proto.KeyProviderOptions;
import io.roomflux.reactor.e2ee.EncryptionOptions;
import io.roomflux.reactor.e2ee.EncryptionState;
import io.roomflux.reactor.e2ee.EncryptionType;
import io.roomflux.reactor.e2ee.FrameCryptor;
import io.roomflux.reactor.e2ee.KeyDerivationFunction;

/** End-to-end encryption options, states and frame cryptors, to and from the core's protocol. */
public final class E2eeWire {
  private E2eeWire() {
  }

  /**
   * A frame cryptor's state.
   *
   * @param state the core's state
   * @return the state
   */
  public static EncryptionState encryptionState(io.roomflux.proto.EncryptionState state) {
    return switch (state) {
      case NEW -> EncryptionState.NEW;
      case OK -> EncryptionState.OK;
      case ENCRYPTION_FAILED -> EncryptionState.ENCRYPTION_FAILED;
      case DECRYPTION_FAILED -> EncryptionState.DECRYPTION_FAILED;
      case MISSING_KEY -> EncryptionState.MISSING_KEY;
      case KEY_RATCHETED -> EncryptionState.KEY_RATCHETED;
      case INTERNAL_ERROR -> EncryptionState.INTERNAL_ERROR;
    };
  }

  /**
   * An encryption type.
   *
   * @param type the core's type
   * @return the type
   */
  public static EncryptionType encryptionType(io.roomflux.proto.EncryptionType type) {
    return switch (type) {
      case NONE -> EncryptionType.NONE;
      case GCM -> EncryptionType.GCM;
      case CUSTOM -> EncryptionType.CUSTOM;
    };
  }

  /**
   * The options a room is joined with.
   *
   * @param options the options (never of type {@code NONE}: their constructor refuses it)
   * @return the core's options
   */
  public static E2eeOptions toProto(EncryptionOptions options) {
    KeyProviderOptions.Builder keys = KeyProviderOptions.newBuilder()
        .setRatchetSalt(ByteString.copyFrom(options.ratchetSalt()))
        .setRatchetWindowSize(options.ratchetWindowSize())
        .setFailureTolerance(options.failureTolerance())
        .setKeyRingSize(options.keyRingSize())
        .setKeyDerivationFunction(toProto(options.keyDerivation()));
    options.sharedKey().ifPresent(k -> keys.setSharedKey(ByteString.copyFrom(k)));
    io.roomflux.proto.EncryptionType protoType = switch (options.type()) {
      case GCM -> io.roomflux.proto.EncryptionType.GCM;
      case CUSTOM -> io.roomflux.proto.EncryptionType.CUSTOM;
      case NONE -> throw new IllegalStateException("checked in the constructor");
    };
    return E2eeOptions.newBuilder().setEncryptionType(protoType).setKeyProviderOptions(keys).build();
  }

  /**
   * A key derivation function.
   *
   * @param kdf the function
   * @return the core's function
   */
  public static io.roomflux.proto.KeyDerivationFunction toProto(KeyDerivationFunction kdf) {
    return switch (kdf) {
      case PBKDF2 -> io.roomflux.proto.KeyDerivationFunction.PBKDF2;
      case HKDF -> io.roomflux.proto.KeyDerivationFunction.HKDF;
    };
  }

  /**
   * A frame cryptor.
   *
   * @param proto the core's cryptor
   * @return the cryptor
   */
  public static FrameCryptor frameCryptor(io.roomflux.proto.FrameCryptor proto) {
    return new FrameCryptor(proto.getParticipantIdentity(), proto.getTrackSid(), proto.getKeyIndex(),
        proto.getEnabled());
  }
}
