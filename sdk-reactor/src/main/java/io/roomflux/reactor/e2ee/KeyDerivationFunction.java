package io.roomflux.reactor.e2ee;

/**
 * How the frame encryption key is derived from the key material set with {@link E2eeManager}.
 * Every participant of an encrypted room must use the same function.
 */
public enum KeyDerivationFunction {
  /** PBKDF2, LiveKit's default and what its other SDKs use unless told otherwise. */
  PBKDF2,
  /** HKDF. */
  HKDF;

}
