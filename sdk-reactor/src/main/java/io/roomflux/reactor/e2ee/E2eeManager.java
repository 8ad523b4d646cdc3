package io.roomflux.reactor.e2ee;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * End-to-end encryption (E2EE) of a room's media, from {@link Room#e2ee()}: keys, key ratcheting,
 * and turning encryption on or off. Available when the room was joined with
 * {@link RoomOptions#withEncryption(EncryptionOptions)}; otherwise every operation but
 * {@link #frameCryptors()} fails with {@link E2eeNotConfiguredException}.
 *
 * <p><b>Keys.</b> A key ring has {@link EncryptionOptions#keyRingSize()} slots, addressed by a
 * key index. In shared-key mode ({@link EncryptionOptions#sharedKey(byte[])}) everyone uses one
 * ring, changed with the {@code *SharedKey} methods; in per-participant mode
 * ({@link EncryptionOptions#perParticipantKeys()}) each participant identity, the local one
 * included, has its own ring, changed with {@link #setKey}, {@link #key} and {@link #ratchetKey}.
 * How each track fares is reported by {@link RoomEvent.E2eeStateChanged}. Keys passed in are
 * copied when the method is called (the caller may wipe its array afterwards); keys returned are
 * fresh copies. No key is ever logged or shown by {@code toString()}.
 *
 * <p><b>Threads and errors.</b> Every operation is one synchronous request to the core, sent
 * anew on each subscription on the subscribing thread (it never waits for I/O; setting or
 * ratcheting a key derives it, a few milliseconds of CPU). Results arrive on the room's
 * scheduler. Each fails with {@link RoomClosedException} once the room is disconnecting (sending
 * nothing), or with {@link io.roomflux.reactor.OperationFailedException} if the core refused the request.
 * Invalid arguments are rejected when the method is called, before any {@code Mono} exists.
 */
public interface E2eeManager {
  /**
   * The encryption the room was joined with.
   *
   * @return the options as given to {@link RoomOptions#withEncryption}; empty when the room is
   *     not encrypted
   */
  Optional<EncryptionOptions> options();

  /**
   * Turns encryption of the local tracks and decryption of remote ones on or off for the whole
   * room. It is on from joining.
   *
   * @param enabled true to encrypt and decrypt
   * @return completes when the core applied it
   */
  Mono<Void> setEnabled(boolean enabled);

  /**
   * Shared-key mode: stores a key in a slot of the shared ring.
   *
   * @param key the key material, not empty; copied now
   * @param keyIndex the slot, {@code 0} to {@code keyRingSize - 1}
   * @return completes when the key is set
   * @throws IllegalArgumentException if the key is empty or the index out of range
   */
  Mono<Void> setSharedKey(byte[] key, int keyIndex);

  /**
   * Shared-key mode: reads the key in a slot of the shared ring.
   *
   * @param keyIndex the slot
   * @return a copy of the key material, empty if the slot is empty
   * @throws IllegalArgumentException if the index is out of range
   */
  Mono<Optional<byte[]>> sharedKey(int keyIndex);

  /**
   * Shared-key mode: ratchets the key in a slot forward (derives the next key from it, as
   * receivers do on their own within {@link EncryptionOptions#ratchetWindowSize()}).
   *
   * @param keyIndex the slot
   * @return a copy of the new key material, empty if the slot was empty
   * @throws IllegalArgumentException if the index is out of range
   */
  Mono<Optional<byte[]>> ratchetSharedKey(int keyIndex);

  /**
   * Per-participant mode: stores one participant's key in a slot of its ring.
   *
   * @param identity the participant, local or remote
   * @param key the key material, not empty; copied now
   * @param keyIndex the slot
   * @return completes when the key is set
   * @throws IllegalArgumentException if the key is empty or the index out of range
   */
  Mono<Void> setKey(String identity, byte[] key, int keyIndex);

  /**
   * Per-participant mode: reads one participant's key in a slot.
   *
   * @param identity the participant
   * @param keyIndex the slot
   * @return a copy of the key material, empty if the slot is empty
   * @throws IllegalArgumentException if the index is out of range
   */
  Mono<Optional<byte[]>> key(String identity, int keyIndex);

  /**
   * Per-participant mode: ratchets one participant's key in a slot forward.
   *
   * @param identity the participant
   * @param keyIndex the slot
   * @return a copy of the new key material, empty if the slot was empty
   * @throws IllegalArgumentException if the index is out of range
   */
  Mono<Optional<byte[]>> ratchetKey(String identity, int keyIndex);

  /**
   * The frame cryptors of all tracks the room knows now, local and remote. Works in an
   * unencrypted room too (the list is then empty).
   *
   * @return an immutable snapshot
   */
  Mono<List<FrameCryptor>> frameCryptors();

  /**
   * Turns encryption or decryption of one participant's track on or off. A track without a
   * cryptor is ignored.
   *
   * @param identity the participant
   * @param trackSid the track's sid ({@code TR_...})
   * @param enabled true to encrypt or decrypt it
   * @return completes when the core applied it
   * @throws IllegalArgumentException if {@code trackSid} is not a track sid
   */
  Mono<Void> setFrameCryptorEnabled(String identity, String trackSid, boolean enabled);

  /**
   * Switches the key slot one participant's track uses. A track without a cryptor is ignored.
   *
   * @param identity the participant
   * @param trackSid the track's sid ({@code TR_...})
   * @param keyIndex the slot
   * @return completes when the core applied it
   * @throws IllegalArgumentException if {@code trackSid} is not a track sid or the index is out
   *     of range
   */
  Mono<Void> setFrameCryptorKeyIndex(String identity, String trackSid, int keyIndex);
}
