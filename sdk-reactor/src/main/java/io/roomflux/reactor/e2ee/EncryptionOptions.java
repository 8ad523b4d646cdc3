package io.roomflux.reactor.e2ee;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end encryption (E2EE) of a room's media, given to {@link RoomOptions#withEncryption}:
 * every audio and video frame is encrypted by its sender and decrypted by each receiver, so the
 * server forwards media it cannot read. Immutable and thread-safe; start from
 * {@link #sharedKey(byte[])}, {@link #perParticipantKeys()} or {@link #builder()} and change what
 * you need with the {@code with*} methods or {@link #toBuilder()}. The defaults are those of
 * LiveKit's other SDKs, so a RoomFlux participant interoperates with them when both use the same
 * key material.
 *
 * <p>Keys are secrets: these options and their builder hold private copies, the accessors
 * return copies, and {@link #toString()} never shows them. Change keys while connected through
 * {@link Room#e2ee()}.
 */
public final class EncryptionOptions {
  /** The ratchet salt LiveKit's SDKs use by default. */
  private static final byte[] DEFAULT_SALT = "LKFrameEncryptionKey".getBytes(StandardCharsets.US_ASCII);
  /** A frame's trailer names its key slot in one byte. */
  private static final int MAX_RING = 256;
  private static final String MASK = "<redacted>";

  private final EncryptionType type;
  private final byte @Nullable [] sharedKey;
  private final byte[] ratchetSalt;
  private final int ratchetWindowSize;
  private final int failureTolerance;
  private final int keyRingSize;
  private final KeyDerivationFunction keyDerivation;

  private EncryptionOptions(Builder b) {
    this.type = b.type;
    // The builder already holds private copies, but it may be reused and changed afterwards.
    this.sharedKey = b.sharedKey == null ? null : b.sharedKey.clone();
    this.ratchetSalt = b.ratchetSalt.clone();
    this.ratchetWindowSize = b.ratchetWindowSize;
    this.failureTolerance = b.failureTolerance;
    this.keyRingSize = b.keyRingSize;
    this.keyDerivation = b.keyDerivation;
  }

  /**
   * {@return shared-key mode with the defaults} Every participant encrypts and decrypts with this
   * key (set in key slot 0 when joining).
   *
   * @param key the key material, not empty; copied
   * @throws IllegalArgumentException if the key is empty
   */
  public static EncryptionOptions sharedKey(byte[] key) {
    return builder().sharedKey(key).build();
  }

  /**
   * {@return per-participant mode with the defaults} No key is set when joining; set each
   * participant's key (the local one's included) with {@link E2eeManager#setKey}.
   */
  public static EncryptionOptions perParticipantKeys() {
    return builder().build();
  }

  /**
   * {@return a new builder, starting from the defaults} It is in per-participant mode (no shared
   * key) until {@link Builder#sharedKey(byte[])} is called.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder, starting from these options (with its own copies of the key and salt)} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.type = type;
    b.sharedKey = sharedKey == null ? null : sharedKey.clone();
    b.ratchetSalt = ratchetSalt.clone();
    b.ratchetWindowSize = ratchetWindowSize;
    b.failureTolerance = failureTolerance;
    b.keyRingSize = keyRingSize;
    b.keyDerivation = keyDerivation;
    return b;
  }

  /** {@return the frame encryption scheme} Default {@link EncryptionType#GCM}; never {@link EncryptionType#NONE}. */
  public EncryptionType type() {
    return type;
  }

  /**
   * {@return a copy of the key every participant uses (shared-key mode)} Empty in per-participant
   * mode, where each participant's key is set with {@link E2eeManager#setKey}.
   */
  public Optional<byte[]> sharedKey() {
    return sharedKey == null ? Optional.empty() : Optional.of(sharedKey.clone());
  }

  /**
   * {@return a copy of the salt for deriving and ratcheting keys} Default the bytes of
   * {@code "LKFrameEncryptionKey"}.
   */
  public byte[] ratchetSalt() {
    return ratchetSalt.clone();
  }

  /**
   * {@return how many times a receiver ratchets a key forward while trying to decrypt a frame}
   * 0 or more, default 16. Each attempt derives a key (PBKDF2 or HKDF), so every frame that
   * arrives under a wrong key costs this many derivations: with {@link #failureTolerance()}
   * {@code -1} such a receiver falls behind, and (observed with this core) stays silent long after
   * the keys match again. {@code 0} if keys are never ratcheted.
   */
  public int ratchetWindowSize() {
    return ratchetWindowSize;
  }

  /**
   * {@return how many decryption failures are tolerated before the key is treated as invalid}
   * Then {@link RoomEvent.E2eeStateChanged} reports {@link EncryptionState#DECRYPTION_FAILED}, and
   * from then on that participant's frames are dropped unread until a key is set on this side
   * again ({@link E2eeManager#setSharedKey}, {@link E2eeManager#setKey}): the sender switching to
   * our key does not revive them. {@code -1} (the default, as in LiveKit's other SDKs) means
   * failures are not counted, and then <b>a wrong key shows only as silence</b>: no event reports
   * it. Set {@code 0} or more to be told.
   */
  public int failureTolerance() {
    return failureTolerance;
  }

  /** {@return how many key slots each key ring has, 1 to 256} Key indexes are 0 to this minus 1. Default 16. */
  public int keyRingSize() {
    return keyRingSize;
  }

  /** {@return how the encryption key is derived from the key material} Default {@link KeyDerivationFunction#PBKDF2}. */
  public KeyDerivationFunction keyDerivation() {
    return keyDerivation;
  }

  /**
   * {@return these options with another encryption scheme}
   *
   * @param value {@link EncryptionType#GCM} or {@link EncryptionType#CUSTOM}
   * @throws IllegalArgumentException if {@link EncryptionType#NONE}
   */
  public EncryptionOptions withType(EncryptionType value) {
    return toBuilder().type(value).build();
  }

  /**
   * {@return these options with another ratchet salt}
   *
   * @param value the salt, not empty; copied
   * @throws IllegalArgumentException if empty
   */
  public EncryptionOptions withRatchetSalt(byte[] value) {
    return toBuilder().ratchetSalt(value).build();
  }

  /**
   * {@return these options with another ratchet window}
   *
   * @param value how many ratchet steps a receiver tries, 0 or more
   * @throws IllegalArgumentException if negative
   */
  public EncryptionOptions withRatchetWindowSize(int value) {
    return toBuilder().ratchetWindowSize(value).build();
  }

  /**
   * {@return these options with another failure tolerance}
   *
   * @param value failures tolerated before a key is invalid, or -1 not to count them
   * @throws IllegalArgumentException if below -1
   */
  public EncryptionOptions withFailureTolerance(int value) {
    return toBuilder().failureTolerance(value).build();
  }

  /**
   * {@return these options with another key ring size}
   *
   * @param value key slots per ring, 1 to 256
   * @throws IllegalArgumentException if out of range
   */
  public EncryptionOptions withKeyRingSize(int value) {
    return toBuilder().keyRingSize(value).build();
  }

  /**
   * {@return these options with another key derivation function}
   *
   * @param value the function
   */
  public EncryptionOptions withKeyDerivation(KeyDerivationFunction value) {
    return toBuilder().keyDerivation(value).build();
  }

  /**
   * {@return whether every setting is equal, comparing the bytes of the key and salt}
   *
   * @param other another object
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof EncryptionOptions o && o.type == type && o.ratchetWindowSize == ratchetWindowSize
        && o.failureTolerance == failureTolerance && o.keyRingSize == keyRingSize
        && o.keyDerivation == keyDerivation && Arrays.equals(o.ratchetSalt, ratchetSalt)
        && Arrays.equals(o.sharedKey, sharedKey);
  }

  @Override
  public int hashCode() {
    // The key's bytes are left out: a hash code is no place for a secret, and equal keys still
    // give equal hashes.
    return Objects.hash(type, sharedKey != null, Arrays.hashCode(ratchetSalt), ratchetWindowSize,
        failureTolerance, keyRingSize, keyDerivation);
  }

  /** {@return a description without the key or salt, e.g. {@code EncryptionOptions[sharedKey=<redacted>, ...]}} */
  @Override
  public String toString() {
    return "EncryptionOptions[type=" + type + ", sharedKey=" + (sharedKey != null ? MASK : "none (per participant)")
        + ", ratchetSalt=" + MASK + ", ratchetWindowSize=" + ratchetWindowSize + ", failureTolerance="
        + failureTolerance + ", keyRingSize=" + keyRingSize + ", keyDerivation=" + keyDerivation + "]";
  }

  /**
   * Builds {@link EncryptionOptions}; each setting's meaning and default is on the accessor of
   * the same name. Each setter checks its value at once and copies arrays. Not thread-safe;
   * reusable.
   */
  public static final class Builder {
    private EncryptionType type = EncryptionType.GCM;
    private byte @Nullable [] sharedKey;
    private byte[] ratchetSalt = DEFAULT_SALT.clone();
    private int ratchetWindowSize = 16;
    private int failureTolerance = -1;
    private int keyRingSize = 16;
    private KeyDerivationFunction keyDerivation = KeyDerivationFunction.PBKDF2;

    private Builder() {
    }

    /**
     * {@return this builder, with {@link EncryptionOptions#type()} set}
     *
     * @param value {@link EncryptionType#GCM} or {@link EncryptionType#CUSTOM}
     * @throws IllegalArgumentException if {@link EncryptionType#NONE}
     */
    public Builder type(EncryptionType value) {
      if (Objects.requireNonNull(value, "type") == EncryptionType.NONE) {
        throw new IllegalArgumentException("the encryption type of an encrypted room is GCM or CUSTOM, not NONE");
      }
      type = value;
      return this;
    }

    /**
     * {@return this builder, in shared-key mode with this key} See
     * {@link EncryptionOptions#sharedKey()}.
     *
     * @param value the key material, not empty; copied
     * @throws IllegalArgumentException if empty
     */
    public Builder sharedKey(byte[] value) {
      if (Objects.requireNonNull(value, "sharedKey").length == 0) {
        throw new IllegalArgumentException("the shared key is empty");
      }
      sharedKey = value.clone();
      return this;
    }

    /**
     * {@return this builder, in per-participant mode (the default)} Forgets a key given to
     * {@link #sharedKey(byte[])}.
     */
    public Builder perParticipantKeys() {
      sharedKey = null;
      return this;
    }

    /**
     * {@return this builder, with {@link EncryptionOptions#ratchetSalt()} set}
     *
     * @param value not empty; copied
     * @throws IllegalArgumentException if empty
     */
    public Builder ratchetSalt(byte[] value) {
      if (Objects.requireNonNull(value, "ratchetSalt").length == 0) {
        throw new IllegalArgumentException("the ratchet salt is empty");
      }
      ratchetSalt = value.clone();
      return this;
    }

    /**
     * {@return this builder, with {@link EncryptionOptions#ratchetWindowSize()} set}
     *
     * @param value 0 or more
     * @throws IllegalArgumentException if negative
     */
    public Builder ratchetWindowSize(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("ratchetWindowSize must not be negative, was " + value);
      }
      ratchetWindowSize = value;
      return this;
    }

    /**
     * {@return this builder, with {@link EncryptionOptions#failureTolerance()} set}
     *
     * @param value -1 (not counted) or more
     * @throws IllegalArgumentException if below -1
     */
    public Builder failureTolerance(int value) {
      if (value < -1) {
        throw new IllegalArgumentException("failureTolerance is -1 (not counted) or more, was " + value);
      }
      failureTolerance = value;
      return this;
    }

    /**
     * {@return this builder, with {@link EncryptionOptions#keyRingSize()} set}
     *
     * @param value 1 to 256
     * @throws IllegalArgumentException if out of range
     */
    public Builder keyRingSize(int value) {
      if (value < 1 || value > MAX_RING) {
        throw new IllegalArgumentException("keyRingSize must be 1 to " + MAX_RING + ", was " + value);
      }
      keyRingSize = value;
      return this;
    }

    /**
     * {@return this builder, with {@link EncryptionOptions#keyDerivation()} set}
     *
     * @param value the function
     */
    public Builder keyDerivation(KeyDerivationFunction value) {
      keyDerivation = Objects.requireNonNull(value, "keyDerivation");
      return this;
    }

    /** {@return the options, immutable, with their own copies of the key and salt} */
    public EncryptionOptions build() {
      return new EncryptionOptions(this);
    }
  }
}
