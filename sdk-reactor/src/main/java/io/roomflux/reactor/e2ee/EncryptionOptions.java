package io.roomflux.reactor.e2ee;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import com.google.protobuf.ByteString;
import io.roomflux.core.Redactor;
import io.roomflux.proto.E2eeOptions;
import io.roomflux.proto.KeyProviderOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end encryption (E2EE) of a room's media, given to {@link RoomOptions#withEncryption}:
 * every audio and video frame is encrypted by its sender and decrypted by each receiver, so the
 * server forwards media it cannot read. Immutable; start from {@link #sharedKey(byte[])} or
 * {@link #perParticipantKeys()} and change what you need with the {@code with*} methods. The
 * defaults are those of LiveKit's other SDKs, so a RoomFlux participant interoperates with them
 * when both use the same key material.
 *
 * <p>Keys are secrets: this record holds private copies, its accessors return copies, and
 * {@link #toString()} never shows them. Change keys while connected through {@link Room#e2ee()}.
 *
 * @param type the frame encryption scheme; default {@link EncryptionType#GCM}
 * @param sharedKey the key every participant uses (shared-key mode); absent: each participant's
 *     key is set with {@link E2eeManager#setKey} (per-participant mode)
 * @param ratchetSalt the salt for deriving and ratcheting keys; default the bytes of
 *     {@code "LKFrameEncryptionKey"}
 * @param ratchetWindowSize how many times a receiver ratchets a key forward while trying to
 *     decrypt a frame; default 16. Each attempt derives a key (PBKDF2 or HKDF), so every frame
 *     that arrives under a wrong key costs this many derivations: with {@code failureTolerance}
 *     {@code -1} such a receiver falls behind, and (observed with this core) stays silent long
 *     after the keys match again. {@code 0} if keys are never ratcheted.
 * @param failureTolerance how many decryption failures are tolerated before the key is treated
 *     as invalid and {@link RoomEvent.E2eeStateChanged} reports
 *     {@link EncryptionState#DECRYPTION_FAILED}; from then on that participant's frames are
 *     dropped unread until a key is set on this side again ({@link E2eeManager#setSharedKey},
 *     {@link E2eeManager#setKey}): the sender switching to our key does not revive them.
 *     {@code -1} (the default, as in LiveKit's other SDKs) means failures are not counted, and
 *     then <b>a wrong key shows only as silence</b>: no event reports it. Set {@code 0} or more to
 *     be told.
 * @param keyRingSize how many key slots each key ring has (key indexes are {@code 0} to
 *     {@code keyRingSize - 1}); 1 to 256, default 16
 * @param keyDerivation how the encryption key is derived from the key material; default
 *     {@link KeyDerivationFunction#PBKDF2}
 */
public record EncryptionOptions(EncryptionType type, Optional<byte[]> sharedKey, byte[] ratchetSalt,
                                int ratchetWindowSize, int failureTolerance, int keyRingSize,
                                KeyDerivationFunction keyDerivation) {
  /** The ratchet salt LiveKit's SDKs use by default. */
  private static final byte[] DEFAULT_SALT = "LKFrameEncryptionKey".getBytes(StandardCharsets.US_ASCII);
  private static final int DEFAULT_WINDOW = 16;
  private static final int DEFAULT_TOLERANCE = -1;
  private static final int DEFAULT_RING = 16;
  /** A frame's trailer names its key slot in one byte. */
  private static final int MAX_RING = 256;

  /**
   * Validates the options and copies the arrays.
   *
   * @throws IllegalArgumentException if the type is {@link EncryptionType#NONE}, a key or the
   *     salt is empty, or a number is out of range
   */
  public EncryptionOptions {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sharedKey, "sharedKey");
    Objects.requireNonNull(ratchetSalt, "ratchetSalt");
    Objects.requireNonNull(keyDerivation, "keyDerivation");
    if (type == EncryptionType.NONE) {
      throw new IllegalArgumentException("the encryption type of an encrypted room is GCM or CUSTOM, not NONE");
    }
    sharedKey = sharedKey.map(byte[]::clone);
    if (sharedKey.isPresent() && sharedKey.get().length == 0) {
      throw new IllegalArgumentException("the shared key is empty");
    }
    ratchetSalt = ratchetSalt.clone();
    if (ratchetSalt.length == 0) {
      throw new IllegalArgumentException("the ratchet salt is empty");
    }
    if (ratchetWindowSize < 0) {
      throw new IllegalArgumentException("ratchetWindowSize must not be negative, was " + ratchetWindowSize);
    }
    if (failureTolerance < -1) {
      throw new IllegalArgumentException("failureTolerance is -1 (not counted) or more, was " + failureTolerance);
    }
    if (keyRingSize < 1 || keyRingSize > MAX_RING) {
      throw new IllegalArgumentException("keyRingSize must be 1 to " + MAX_RING + ", was " + keyRingSize);
    }
  }

  /**
   * Shared-key mode with the defaults: every participant encrypts and decrypts with this key
   * (set in key slot 0 when joining).
   *
   * @param key the key material, not empty; copied
   * @return the options
   * @throws IllegalArgumentException if the key is empty
   */
  public static EncryptionOptions sharedKey(byte[] key) {
    return new EncryptionOptions(EncryptionType.GCM, Optional.of(key), DEFAULT_SALT, DEFAULT_WINDOW,
        DEFAULT_TOLERANCE, DEFAULT_RING, KeyDerivationFunction.PBKDF2);
  }

  /**
   * Per-participant mode with the defaults: no key is set when joining; set each participant's
   * key (the local one's included) with {@link E2eeManager#setKey}.
   *
   * @return the options
   */
  public static EncryptionOptions perParticipantKeys() {
    return new EncryptionOptions(EncryptionType.GCM, Optional.empty(), DEFAULT_SALT, DEFAULT_WINDOW,
        DEFAULT_TOLERANCE, DEFAULT_RING, KeyDerivationFunction.PBKDF2);
  }

  /**
   * The shared key, if any.
   *
   * @return a copy of the key; empty in per-participant mode
   */
  @Override
  public Optional<byte[]> sharedKey() {
    return sharedKey.map(byte[]::clone);
  }

  /**
   * The ratchet salt.
   *
   * @return a copy of the salt
   */
  @Override
  public byte[] ratchetSalt() {
    return ratchetSalt.clone();
  }

  /**
   * With another encryption scheme.
   *
   * @param value {@link EncryptionType#GCM} or {@link EncryptionType#CUSTOM}
   * @return new options
   */
  public EncryptionOptions withType(EncryptionType value) {
    return new EncryptionOptions(value, sharedKey, ratchetSalt, ratchetWindowSize, failureTolerance, keyRingSize,
        keyDerivation);
  }

  /**
   * With another ratchet salt.
   *
   * @param value the salt, not empty; copied
   * @return new options
   */
  public EncryptionOptions withRatchetSalt(byte[] value) {
    return new EncryptionOptions(type, sharedKey, value, ratchetWindowSize, failureTolerance, keyRingSize,
        keyDerivation);
  }

  /**
   * With another ratchet window.
   *
   * @param value how many ratchet steps a receiver tries, 0 or more
   * @return new options
   */
  public EncryptionOptions withRatchetWindowSize(int value) {
    return new EncryptionOptions(type, sharedKey, ratchetSalt, value, failureTolerance, keyRingSize, keyDerivation);
  }

  /**
   * With another failure tolerance.
   *
   * @param value failures tolerated before a key is invalid, or -1 not to count them
   * @return new options
   */
  public EncryptionOptions withFailureTolerance(int value) {
    return new EncryptionOptions(type, sharedKey, ratchetSalt, ratchetWindowSize, value, keyRingSize, keyDerivation);
  }

  /**
   * With another key ring size.
   *
   * @param value key slots per ring, 1 to 256
   * @return new options
   */
  public EncryptionOptions withKeyRingSize(int value) {
    return new EncryptionOptions(type, sharedKey, ratchetSalt, ratchetWindowSize, failureTolerance, value,
        keyDerivation);
  }

  /**
   * With another key derivation function.
   *
   * @param value the function
   * @return new options
   */
  public EncryptionOptions withKeyDerivation(KeyDerivationFunction value) {
    return new EncryptionOptions(type, sharedKey, ratchetSalt, ratchetWindowSize, failureTolerance, keyRingSize,
        value);
  }

  /**
   * Equal if every component is, comparing the bytes of the key and salt.
   *
   * @param other another object
   * @return whether the options are equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof EncryptionOptions o && o.type == type && o.ratchetWindowSize == ratchetWindowSize
        && o.failureTolerance == failureTolerance && o.keyRingSize == keyRingSize
        && o.keyDerivation == keyDerivation && Arrays.equals(o.ratchetSalt, ratchetSalt)
        && o.sharedKey.isPresent() == sharedKey.isPresent()
        && (sharedKey.isEmpty() || Arrays.equals(o.sharedKey.get(), sharedKey.get()));
  }

  @Override
  public int hashCode() {
    // The key's bytes are left out: a hash code is no place for a secret, and equal keys still
    // give equal hashes.
    return Objects.hash(type, sharedKey.isPresent(), Arrays.hashCode(ratchetSalt), ratchetWindowSize,
        failureTolerance, keyRingSize, keyDerivation);
  }

  /**
   * Describes the options without the key or the salt.
   *
   * @return e.g. {@code EncryptionOptions[type=GCM, sharedKey=<redacted>, ...]}
   */
  @Override
  public String toString() {
    return "EncryptionOptions[type=" + type + ", sharedKey="
        + (sharedKey.isPresent() ? Redactor.MASK : "none (per participant)") + ", ratchetSalt=" + Redactor.MASK
        + ", ratchetWindowSize=" + ratchetWindowSize + ", failureTolerance=" + failureTolerance
        + ", keyRingSize=" + keyRingSize + ", keyDerivation=" + keyDerivation + "]";
  }
}
