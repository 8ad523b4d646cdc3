package io.roomflux.reactor.data;

import io.roomflux.reactor.Room;
import io.roomflux.proto.StreamByteOptions;
import io.roomflux.proto.StreamTextOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to send a data stream. Start from {@link #topic(String)} and add what you need.
 *
 * <p>The protocol's text-stream options carry no mime type, name or size (text streams are
 * always {@code text/plain}, and the size of a whole text is computed by the core): text
 * operations refuse options that set {@link #mimeType()}, {@link #name()} or
 * {@link #totalSize()} with {@link IllegalArgumentException}.
 *
 * @param topic the topic receivers select streams by ({@link Room#textStreams(String)}); not empty
 * @param destinationIdentities who receives it; empty sends to everyone in the room
 * @param attributes application attributes carried in the stream's header
 * @param mimeType byte streams only: the content type (the core's default when empty)
 * @param name byte streams only: the file name shown to receivers (for a file, the core uses
 *     the file's name when empty)
 * @param totalSize byte streams only: the size announced in the header of a stream written
 *     through a writer (whole sends and files announce their real size)
 */
public record StreamOptions(String topic, List<String> destinationIdentities, Map<String, String> attributes,
                            Optional<String> mimeType, Optional<String> name, Optional<Long> totalSize) {
  /** Validates the components and copies the collections. */
  public StreamOptions {
    Objects.requireNonNull(topic, "topic");
    if (topic.isEmpty()) {
      throw new IllegalArgumentException("a stream needs a topic");
    }
    destinationIdentities = List.copyOf(destinationIdentities);
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(totalSize, "totalSize");
    if (totalSize.filter(s -> s < 0).isPresent()) {
      throw new IllegalArgumentException("totalSize must not be negative");
    }
  }

  /**
   * Options for a stream on this topic, to everyone, without attributes.
   *
   * @param topic the topic
   * @return the options
   */
  public static StreamOptions topic(String topic) {
    return new StreamOptions(topic, List.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The same options sent only to these identities.
   *
   * @param identities the destinations
   * @return new options
   */
  public StreamOptions to(String... identities) {
    return new StreamOptions(topic, List.of(identities), attributes, mimeType, name, totalSize);
  }

  /**
   * The same options with these header attributes.
   *
   * @param values the attributes
   * @return new options
   */
  public StreamOptions withAttributes(Map<String, String> values) {
    return new StreamOptions(topic, destinationIdentities, values, mimeType, name, totalSize);
  }

  /**
   * The same options with a content type (byte streams only).
   *
   * @param value the mime type
   * @return new options
   */
  public StreamOptions withMimeType(String value) {
    return new StreamOptions(topic, destinationIdentities, attributes, Optional.of(value), name, totalSize);
  }

  /**
   * The same options with a file name (byte streams only).
   *
   * @param value the name
   * @return new options
   */
  public StreamOptions withName(String value) {
    return new StreamOptions(topic, destinationIdentities, attributes, mimeType, Optional.of(value), totalSize);
  }

  /**
   * The same options announcing a total size (byte streams written through a writer).
   *
   * @param bytes the size
   * @return new options
   */
  public StreamOptions withTotalSize(long bytes) {
    return new StreamOptions(topic, destinationIdentities, attributes, mimeType, name, Optional.of(bytes));
  }

}
