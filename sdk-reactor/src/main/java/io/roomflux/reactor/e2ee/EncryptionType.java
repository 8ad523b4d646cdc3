package io.roomflux.reactor.e2ee;

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

}
