package io.roomflux.reactor.data;

import java.util.Objects;
import java.util.Optional;

/**
 * A data track: a published track that carries application frames instead of media.
 *
 * @param sid the track sid, assigned by the server (it may change when the publisher reconnects;
 *     the name does not)
 * @param name the name the publisher gave it, unique per publisher
 * @param usesE2ee whether its frames are end-to-end encrypted
 * @param schema the schema of its frames, if the publisher declared one
 * @param frameEncoding how its frames are serialized, if the publisher declared it
 */
public record DataTrackInfo(String sid, String name, boolean usesE2ee, Optional<DataTrackSchemaId> schema,
                            Optional<DataTrackFrameEncoding> frameEncoding) {
  /** Validates the components. */
  public DataTrackInfo {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(frameEncoding, "frameEncoding");
  }

  /**
   * A data track without a declared schema or frame encoding.
   *
   * @param sid the track sid
   * @param name the publisher's name for it
   * @param usesE2ee whether its frames are end-to-end encrypted
   */
  public DataTrackInfo(String sid, String name, boolean usesE2ee) {
    this(sid, name, usesE2ee, Optional.empty(), Optional.empty());
  }
}
