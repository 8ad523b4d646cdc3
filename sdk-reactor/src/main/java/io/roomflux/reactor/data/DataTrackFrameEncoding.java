package io.roomflux.reactor.data;

import java.util.Objects;
import java.util.Optional;

/**
 * How the payloads of a data track's frames are serialized: a well-known format, or a custom
 * identifier the applications agree on. Exactly one of the two is present. It is a label that
 * subscribers see in {@link DataTrackInfo}; neither RoomFlux nor the core checks the payloads.
 *
 * @param wellKnown the well-known format, if it is one
 * @param custom the custom identifier (1 to 25 characters), if it is not
 */
public record DataTrackFrameEncoding(Optional<WellKnown> wellKnown, Optional<String> custom) {
  /** The frame formats LiveKit's protocol names. */
  public enum WellKnown {
    /** ROS 1 serialization. */
    ROS1,
    /** OMG CDR (ROS 2). */
    CDR,
    /** Protocol Buffers. */
    PROTOBUF,
    /** FlatBuffers. */
    FLATBUFFER,
    /** CBOR. */
    CBOR,
    /** MessagePack. */
    MSGPACK,
    /** JSON. */
    JSON
  }

  /**
   * Validates that exactly one of the two is present, and the custom identifier's length.
   *
   * @throws IllegalArgumentException if both or neither are present, or the identifier is empty
   *     or longer than 25 characters
   */
  public DataTrackFrameEncoding {
    Objects.requireNonNull(wellKnown, "wellKnown");
    Objects.requireNonNull(custom, "custom");
    if (wellKnown.isPresent() == custom.isPresent()) {
      throw new IllegalArgumentException("a frame encoding is either well-known or custom");
    }
    custom.ifPresent(DataTrackSchemaEncoding::checkCustom);
  }

  /**
   * A well-known frame format.
   *
   * @param format the format
   * @return the encoding
   */
  public static DataTrackFrameEncoding of(WellKnown format) {
    return new DataTrackFrameEncoding(Optional.of(format), Optional.empty());
  }

  /**
   * A custom frame format.
   *
   * @param identifier 1 to 25 characters
   * @return the encoding
   * @throws IllegalArgumentException if the identifier is empty or too long
   */
  public static DataTrackFrameEncoding custom(String identifier) {
    return new DataTrackFrameEncoding(Optional.empty(), Optional.of(identifier));
  }
}
