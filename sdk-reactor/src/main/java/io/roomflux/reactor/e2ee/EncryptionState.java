package io.roomflux.reactor.e2ee;

/**
 * The state of end-to-end encryption of one participant's media, as its frame cryptor reports it.
 */
public enum EncryptionState {
  /** The cryptor was just created. */
  NEW,
  /** Frames are encrypted or decrypted successfully. */
  OK,
  /** Encrypting a frame failed. */
  ENCRYPTION_FAILED,
  /** Decrypting a frame failed (for example with a wrong key). */
  DECRYPTION_FAILED,
  /** No key is set in the slot the frames refer to. */
  MISSING_KEY,
  /** Decryption succeeded after the key was ratcheted forward. */
  KEY_RATCHETED,
  /** The cryptor failed internally. */
  INTERNAL_ERROR;

}
