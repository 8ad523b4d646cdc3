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
   * Shared-key mode with the defaults: every participant encrypts and decrypts with this key
   * (set in key slot 0 when joining).
   *
   * @param key the key material, not empty; copied
   * @return the options
   * @throws IllegalArgumentException if the key is empty
   */
  public static EncryptionOptions sharedKey(byte[] key) {
    return builder().sharedKey(key).build();
  }

  /**
   * Per-participant mode with the defaults: no key is set when joining; set each participant's
   * key (the local one's included) with {@link E2eeManager#setKey}.
   *
   * @return the options
   */
  public static EncryptionOptions perParticipantKeys() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults, in per-participant mode (no shared key) until
   * {@link Builder#sharedKey(byte[])} is called.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options (and holding its own copies of the key and salt).
   *
   * @return a new builder
   */
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

  /**
   * The frame encryption scheme. Default {@link EncryptionType#GCM}; never
   * {@link EncryptionType#NONE}.
   *
   * @return the scheme
   */
  public EncryptionType type() {
    return type;
  }

  /**
   * The key every participant uses (shared-key mode); absent: each participant's key is set with
   * {@link E2eeManager#setKey} (per-participant mode).
   *
   * @return a copy of the key; empty in per-participant mode
   */
  public Optional<byte[]> sharedKey() {
    return sharedKey == null ? Optional.empty() : Optional.of(sharedKey.clone());
  }

  /**
   * The salt for deriving and ratcheting keys. Default the bytes of
   * {@code "LKFrameEncryptionKey"}.
   *
   * @return a copy of the salt
   */
  public byte[] ratchetSalt() {
    return ratchetSalt.clone();
  }

  /**
   * How many times a receiver ratchets a key forward while trying to decrypt a frame. Default 16.
   * Each attempt derives a key (PBKDF2 or HKDF), so every frame that arrives under a wrong key
   * costs this many derivations: with {@link #failureTolerance()} {@code -1} such a receiver
   * falls behind, and (observed with this core) stays silent long after the keys match again.
   * {@code 0} if keys are never ratcheted.
   *
   * @return the window, 0 or more
   */
  public int ratchetWindowSize() {
    return ratchetWindowSize;
  }

  /**
   * How many decryption failures are tolerated before the key is treated as invalid and
   * {@link RoomEvent.E2eeStateChanged} reports {@link EncryptionState#DECRYPTION_FAILED}; from
   * then on that participant's frames are dropped unread until a key is set on this side again
   * ({@link E2eeManager#setSharedKey}, {@link E2eeManager#setKey}): the sender switching to our
   * key does not revive them. {@code -1} (the default, as in LiveKit's other SDKs) means failures
   * are not counted, and then <b>a wrong key shows only as silence</b>: no event reports it. Set
   * {@code 0} or more to be told.
   *
   * @return the tolerance, -1 or more
   */
  public int failureTolerance() {
    return failureTolerance;
  }

  /**
   * How many key slots each key ring has (key indexes are {@code 0} to
   * {@code keyRingSize - 1}). Default 16.
   *
   * @return the size, 1 to 256
   */
  public int keyRingSize() {
    return keyRingSize;
  }

  /**
   * How the encryption key is derived from the key material. Default
   * {@link KeyDerivationFunction#PBKDF2}.
   *
   * @return the function
   */
  public KeyDerivationFunction keyDerivation() {
    return keyDerivation;
  }

  /**
   * With another encryption scheme.
   *
   * @param value {@link EncryptionType#GCM} or {@link EncryptionType#CUSTOM}
   * @return new options
   * @throws IllegalArgumentException if {@link EncryptionType#NONE}
   */
  public EncryptionOptions withType(EncryptionType value) {
    return toBuilder().type(value).build();
  }

  /**
   * With another ratchet salt.
   *
   * @param value the salt, not empty; copied
   * @return new options
   * @throws IllegalArgumentException if empty
   */
  public EncryptionOptions withRatchetSalt(byte[] value) {
    return toBuilder().ratchetSalt(value).build();
  }

  /**
   * With another ratchet window.
   *
   * @param value how many ratchet steps a receiver tries, 0 or more
   * @return new options
   * @throws IllegalArgumentException if negative
   */
  public EncryptionOptions withRatchetWindowSize(int value) {
    return toBuilder().ratchetWindowSize(value).build();
  }

  /**
   * With another failure tolerance.
   *
   * @param value failures tolerated before a key is invalid, or -1 not to count them
   * @return new options
   * @throws IllegalArgumentException if below -1
   */
  public EncryptionOptions withFailureTolerance(int value) {
    return toBuilder().failureTolerance(value).build();
  }

  /**
   * With another key ring size.
   *
   * @param value key slots per ring, 1 to 256
   * @return new options
   * @throws IllegalArgumentException if out of range
   */
  public EncryptionOptions withKeyRingSize(int value) {
    return toBuilder().keyRingSize(value).build();
  }

  /**
   * With another key derivation function.
   *
   * @param value the function
   * @return new options
   */
  public EncryptionOptions withKeyDerivation(KeyDerivationFunction value) {
    return toBuilder().keyDerivation(value).build();
  }

  /**
   * Equal if every setting is, comparing the bytes of the key and salt.
   *
   * @param other another object
   * @return whether the options are equal
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

  /**
   * Describes the options without the key or the salt.
   *
   * @return e.g. {@code EncryptionOptions[type=GCM, sharedKey=<redacted>, ...]}
   */
  @Override
  public String toString() {
    return "EncryptionOptions[type=" + type + ", sharedKey=" + (sharedKey != null ? MASK : "none (per participant)")
        + ", ratchetSalt=" + MASK + ", ratchetWindowSize=" + ratchetWindowSize + ", failureTolerance="
        + failureTolerance + ", keyRingSize=" + keyRingSize + ", keyDerivation=" + keyDerivation + "]";
  }

  /**
   * Builds {@link EncryptionOptions}; each setting's meaning and default is on the accessor of
   * the same name. Each setter checks its value at once and copies arrays. Not thread-safe;
   * reusable. Its {@link #toString()} never shows the key.
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
     * See {@link EncryptionOptions#type()}.
     *
     * @param value {@link EncryptionType#GCM} or {@link EncryptionType#CUSTOM}
     * @return this builder
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
     * Shared-key mode with this key; see {@link EncryptionOptions#sharedKey()}.
     *
     * @param value the key material, not empty; copied
     * @return this builder
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
     * Per-participant mode (the builder's default): forgets a key given to
     * {@link #sharedKey(byte[])}.
     *
     * @return this builder
     */
    public Builder perParticipantKeys() {
      sharedKey = null;
      return this;
    }

    /**
     * See {@link EncryptionOptions#ratchetSalt()}.
     *
     * @param value not empty; copied
     * @return this builder
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
     * See {@link EncryptionOptions#ratchetWindowSize()}.
     *
     * @param value 0 or more
     * @return this builder
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
     * See {@link EncryptionOptions#failureTolerance()}.
     *
     * @param value -1 (not counted) or more
     * @return this builder
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
     * See {@link EncryptionOptions#keyRingSize()}.
     *
     * @param value 1 to 256
     * @return this builder
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
     * See {@link EncryptionOptions#keyDerivation()}.
     *
     * @param value the function
     * @return this builder
     */
    public Builder keyDerivation(KeyDerivationFunction value) {
      keyDerivation = Objects.requireNonNull(value, "keyDerivation");
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options holding their own copies of the key and salt
     */
    public EncryptionOptions build() {
      return new EncryptionOptions(this);
    }

    /**
     * Describes the builder without the key or the salt.
     *
     * @return e.g. {@code EncryptionOptions.Builder[type=GCM, sharedKey=<redacted>, ...]}
     */
    @Override
    public String toString() {
      return "EncryptionOptions.Builder[type=" + type + ", sharedKey="
          + (sharedKey != null ? MASK : "none (per participant)") + ", ratchetSalt=" + MASK + ", ratchetWindowSize="
          + ratchetWindowSize + ", failureTolerance=" + failureTolerance + ", keyRingSize=" + keyRingSize
          + ", keyDerivation=" + keyDerivation + "]";
    }
  }
}
