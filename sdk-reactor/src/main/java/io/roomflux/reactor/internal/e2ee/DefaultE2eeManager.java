package io.roomflux.reactor.internal.e2ee;

import io.roomflux.reactor.internal.wire.E2eeWire;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.e2ee.E2eeManager;
import io.roomflux.reactor.e2ee.E2eeNotConfiguredException;
import io.roomflux.reactor.e2ee.EncryptionOptions;
import io.roomflux.reactor.e2ee.FrameCryptor;
import io.roomflux.reactor.internal.participant.LocalOperations;
import com.google.protobuf.ByteString;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.E2eeManagerGetFrameCryptorsRequest;
import io.roomflux.proto.E2eeManagerSetEnabledRequest;
import io.roomflux.proto.E2eeRequest;
import io.roomflux.proto.E2eeResponse;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FrameCryptorSetEnabledRequest;
import io.roomflux.proto.FrameCryptorSetKeyIndexRequest;
import io.roomflux.proto.GetKeyRequest;
import io.roomflux.proto.GetSharedKeyRequest;
import io.roomflux.proto.RatchetKeyRequest;
import io.roomflux.proto.RatchetSharedKeyRequest;
import io.roomflux.proto.SetKeyRequest;
import io.roomflux.proto.SetSharedKeyRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The room's {@link E2eeManager}. The protocol's E2EE requests are synchronous, so each operation
 * is one {@code request} under a lease on the room handle, refused once the room is disconnecting,
 * like {@link LocalOperations#setTrackSubscriptionPermissions}. Keys travel only inside request and
 * response messages, which are never logged; error messages name the operation, never a key.
 */
public final class DefaultE2eeManager implements E2eeManager {
  /** The core's ring size when the room has no options of ours (it then has no key provider). */
  private static final int DEFAULT_RING = 16;
  private static final String TRACK_SID_PREFIX = "TR_";

  private final DefaultRoom room;
  private final OwnedHandle roomHandle;
  private final Optional<EncryptionOptions> options;

  public DefaultE2eeManager(DefaultRoom room, OwnedHandle roomHandle, Optional<EncryptionOptions> options) {
    this.room = room;
    this.roomHandle = roomHandle;
    this.options = options;
  }

  @Override
  public Optional<EncryptionOptions> options() {
    return options;
  }

  @Override
  public Mono<Void> setEnabled(boolean enabled) {
    return request("setEnabled", true,
        E2eeRequest.newBuilder().setManagerSetEnabled(E2eeManagerSetEnabledRequest.newBuilder().setEnabled(enabled)),
        response -> null);
  }

  @Override
  public Mono<Void> setSharedKey(byte[] key, int keyIndex) {
    ByteString copy = keyCopy(key);
    checkIndex(keyIndex);
    return request("setSharedKey", true, E2eeRequest.newBuilder()
        .setSetSharedKey(SetSharedKeyRequest.newBuilder().setSharedKey(copy).setKeyIndex(keyIndex)), response -> null);
  }

  @Override
  public Mono<Optional<byte[]>> sharedKey(int keyIndex) {
    checkIndex(keyIndex);
    return request("sharedKey", true, E2eeRequest.newBuilder()
        .setGetSharedKey(GetSharedKeyRequest.newBuilder().setKeyIndex(keyIndex)),
        response -> key(response.getGetSharedKey().hasKey(), response.getGetSharedKey().getKey()));
  }

  @Override
  public Mono<Optional<byte[]>> ratchetSharedKey(int keyIndex) {
    checkIndex(keyIndex);
    return request("ratchetSharedKey", true, E2eeRequest.newBuilder()
        .setRatchetSharedKey(RatchetSharedKeyRequest.newBuilder().setKeyIndex(keyIndex)),
        response -> key(response.getRatchetSharedKey().hasNewKey(), response.getRatchetSharedKey().getNewKey()));
  }

  @Override
  public Mono<Void> setKey(String identity, byte[] key, int keyIndex) {
    Objects.requireNonNull(identity, "identity");
    ByteString copy = keyCopy(key);
    checkIndex(keyIndex);
    return request("setKey", true, E2eeRequest.newBuilder().setSetKey(SetKeyRequest.newBuilder()
        .setParticipantIdentity(identity).setKey(copy).setKeyIndex(keyIndex)), response -> null);
  }

  @Override
  public Mono<Optional<byte[]>> key(String identity, int keyIndex) {
    Objects.requireNonNull(identity, "identity");
    checkIndex(keyIndex);
    return request("key", true, E2eeRequest.newBuilder().setGetKey(GetKeyRequest.newBuilder()
        .setParticipantIdentity(identity).setKeyIndex(keyIndex)),
        response -> key(response.getGetKey().hasKey(), response.getGetKey().getKey()));
  }

  @Override
  public Mono<Optional<byte[]>> ratchetKey(String identity, int keyIndex) {
    Objects.requireNonNull(identity, "identity");
    checkIndex(keyIndex);
    return request("ratchetKey", true, E2eeRequest.newBuilder().setRatchetKey(RatchetKeyRequest.newBuilder()
        .setParticipantIdentity(identity).setKeyIndex(keyIndex)),
        response -> key(response.getRatchetKey().hasNewKey(), response.getRatchetKey().getNewKey()));
  }

  @Override
  public Mono<List<FrameCryptor>> frameCryptors() {
    return request("frameCryptors", false, E2eeRequest.newBuilder()
        .setManagerGetFrameCryptors(E2eeManagerGetFrameCryptorsRequest.getDefaultInstance()),
        response -> response.getManagerGetFrameCryptors().getFrameCryptorsList().stream()
            .map(E2eeWire::frameCryptor).toList());
  }

  @Override
  public Mono<Void> setFrameCryptorEnabled(String identity, String trackSid, boolean enabled) {
    Objects.requireNonNull(identity, "identity");
    checkTrackSid(trackSid);
    return request("setFrameCryptorEnabled", true, E2eeRequest.newBuilder()
        .setCryptorSetEnabled(FrameCryptorSetEnabledRequest.newBuilder().setParticipantIdentity(identity)
            .setTrackSid(trackSid).setEnabled(enabled)), response -> null);
  }

  @Override
  public Mono<Void> setFrameCryptorKeyIndex(String identity, String trackSid, int keyIndex) {
    Objects.requireNonNull(identity, "identity");
    checkTrackSid(trackSid);
    checkIndex(keyIndex);
    return request("setFrameCryptorKeyIndex", true, E2eeRequest.newBuilder()
        .setCryptorSetKeyIndex(FrameCryptorSetKeyIndexRequest.newBuilder().setParticipantIdentity(identity)
            .setTrackSid(trackSid).setKeyIndex(keyIndex)), response -> null);
  }

  @Override
  public String toString() {
    return "E2eeManager[room '" + room.name() + "', " + options.map(EncryptionOptions::toString).orElse("not encrypted")
        + "]";
  }

  /**
   * Sends one E2EE request under a lease on the room handle. Cold: each subscription sends it.
   *
   * @param needsKeys whether the request means nothing without a key provider (the core would
   *     silently ignore it)
   * @param result maps the response; {@code null} completes empty
   */
  private <T> Mono<T> request(String operation, boolean needsKeys, E2eeRequest.Builder message,
                              Function<E2eeResponse, @Nullable T> result) {
    if (needsKeys && options.isEmpty()) {
      return Mono.<T>error(() -> new E2eeNotConfiguredException(operation, room.name()))
          .publishOn(room.options().scheduler());
    }
    E2eeRequest.Builder template = message.clone();
    return room.operations().requestSync(operation, roomHandle,
        handle -> FfiRequest.newBuilder().setE2Ee(template.clone().setRoomHandle(handle)).build(),
        response -> result.apply(response.getE2Ee()));
  }

  private static Optional<byte[]> key(boolean present, ByteString key) {
    return present ? Optional.of(key.toByteArray()) : Optional.empty();
  }

  private static ByteString keyCopy(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length == 0) {
      throw new IllegalArgumentException("the key is empty");
    }
    return ByteString.copyFrom(key);
  }

  private void checkIndex(int keyIndex) {
    int ring = options.map(EncryptionOptions::keyRingSize).orElse(DEFAULT_RING);
    if (keyIndex < 0 || keyIndex >= ring) {
      throw new IllegalArgumentException("keyIndex must be 0 to " + (ring - 1) + " (the key ring size is " + ring
          + "), was " + keyIndex);
    }
  }

  private static void checkTrackSid(String trackSid) {
    Objects.requireNonNull(trackSid, "trackSid");
    // The core parses the sid with unwrap(): anything else would make it panic.
    if (!trackSid.startsWith(TRACK_SID_PREFIX) || trackSid.length() == TRACK_SID_PREFIX.length()) {
      throw new IllegalArgumentException("'" + trackSid + "' is not a track sid (TR_...)");
    }
  }
}
