package io.roomflux.reactor.data;

import java.util.Objects;
import java.util.Optional;

/**
 * Names a data track schema: its name plus, optionally, the language its definition is written
 * in. A publisher stores the definition under this id
 * ({@link io.roomflux.reactor.participant.LocalParticipant#defineSchema}) and names it in
 * {@link DataTrackOptions#withSchema}; a subscriber fetches it by the same id
 * ({@link io.roomflux.reactor.participant.LocalParticipant#schema}).
 *
 * @param name the schema's name, not empty
 * @param encoding the language of its definition, if declared
 */
public record DataTrackSchemaId(String name, Optional<DataTrackSchemaEncoding> encoding) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public DataTrackSchemaId {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(encoding, "encoding");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a schema name is not empty");
    }
  }

  /**
   * A schema id without a declared language.
   *
   * @param name the name
   * @return the id
   */
  public static DataTrackSchemaId of(String name) {
    return new DataTrackSchemaId(name, Optional.empty());
  }

  /**
   * A schema id with the language of its definition.
   *
   * @param name the name
   * @param encoding the language
   * @return the id
   */
  public static DataTrackSchemaId of(String name, DataTrackSchemaEncoding encoding) {
    return new DataTrackSchemaId(name, Optional.of(encoding));
  }
}
