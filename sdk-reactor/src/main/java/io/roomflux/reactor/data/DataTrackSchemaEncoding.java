package io.roomflux.reactor.data;

import java.util.Objects;
import java.util.Optional;

/**
 * The language a data track schema's definition is written in: a well-known one, or a custom
 * identifier the applications agree on. Exactly one of the two is present.
 *
 * @param wellKnown the well-known language, if it is one
 * @param custom the custom identifier (1 to 25 characters), if it is not
 */
public record DataTrackSchemaEncoding(Optional<WellKnown> wellKnown, Optional<String> custom) {
  /** The schema languages LiveKit's protocol names. */
  public enum WellKnown {
    /** Protocol Buffers ({@code .proto}). */
    PROTOBUF,
    /** FlatBuffers ({@code .fbs}). */
    FLATBUFFER,
    /** ROS 1 message definition. */
    ROS1_MSG,
    /** ROS 2 message definition. */
    ROS2_MSG,
    /** ROS 2 IDL. */
    ROS2_IDL,
    /** OMG IDL. */
    OMG_IDL,
    /** JSON Schema. */
    JSON_SCHEMA
  }

  /**
   * Validates that exactly one of the two is present, and the custom identifier's length.
   *
   * @throws IllegalArgumentException if both or neither are present, or the identifier is empty
   *     or longer than 25 characters
   */
  public DataTrackSchemaEncoding {
    Objects.requireNonNull(wellKnown, "wellKnown");
    Objects.requireNonNull(custom, "custom");
    if (wellKnown.isPresent() == custom.isPresent()) {
      throw new IllegalArgumentException("a schema encoding is either well-known or custom");
    }
    custom.ifPresent(DataTrackSchemaEncoding::checkCustom);
  }

  /**
   * A well-known schema language.
   *
   * @param language the language
   * @return the encoding
   */
  public static DataTrackSchemaEncoding of(WellKnown language) {
    return new DataTrackSchemaEncoding(Optional.of(language), Optional.empty());
  }

  /**
   * A custom schema language.
   *
   * @param identifier 1 to 25 characters
   * @return the encoding
   * @throws IllegalArgumentException if the identifier is empty or too long
   */
  public static DataTrackSchemaEncoding custom(String identifier) {
    return new DataTrackSchemaEncoding(Optional.empty(), Optional.of(identifier));
  }

  static void checkCustom(String identifier) {
    if (identifier.isEmpty() || identifier.length() > 25) {
      throw new IllegalArgumentException("a custom encoding identifier has 1 to 25 characters: '" + identifier + "'");
    }
  }
}
