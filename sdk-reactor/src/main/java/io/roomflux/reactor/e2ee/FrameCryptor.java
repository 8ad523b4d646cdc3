package io.roomflux.reactor.e2ee;

import java.util.Objects;

/**
 * A snapshot of the frame cryptor attached to one track of one participant (local or remote) in
 * an encrypted room, from {@link E2eeManager#frameCryptors()}.
 *
 * @param identity the participant whose track it is
 * @param trackSid the track
 * @param keyIndex the key slot it uses now
 * @param enabled whether it encrypts (local track) or decrypts (remote track)
 */
public record FrameCryptor(String identity, String trackSid, int keyIndex, boolean enabled) {
  /** Validates the snapshot. */
  public FrameCryptor {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(trackSid, "trackSid");
  }

}
