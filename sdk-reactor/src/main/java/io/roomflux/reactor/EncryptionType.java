package io.roomflux.reactor;

/**
 * How a published track's media is end-to-end encrypted.
 */
public enum EncryptionType {
  /** Not encrypted end to end. */
  NONE,
  /** AES-GCM frame encryption, LiveKit's standard scheme. */
  GCM,
  /** An application-defined scheme. */
  CUSTOM;

  static EncryptionType of(io.roomflux.proto.EncryptionType type) {
    return switch (type) {
      case NONE -> NONE;
      case GCM -> GCM;
      case CUSTOM -> CUSTOM;
    };
  }
}
