package io.roomflux.reactor.data;

import java.util.Objects;

/**
 * A data track: a published track that carries application frames instead of media.
 *
 * @param sid the track sid, assigned by the server
 * @param name the name the publisher gave it, unique per publisher
 * @param usesE2ee whether its frames are end-to-end encrypted
 */
public record DataTrackInfo(String sid, String name, boolean usesE2ee) {
  /** Validates the components. */
  public DataTrackInfo {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(name, "name");
  }

}
