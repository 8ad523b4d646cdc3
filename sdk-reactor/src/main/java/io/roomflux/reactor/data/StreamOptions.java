package io.roomflux.reactor.data;

import io.roomflux.reactor.Room;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to send a data stream. Immutable and thread-safe; start from {@link #topic(String)} (or
 * {@link #builder()}) and add what you need with the {@code with*} methods, {@link #to} or
 * {@link #toBuilder()}.
 *
 * <p>The protocol's text-stream options carry no mime type, name or size (text streams are
 * always {@code text/plain}, and the size of a whole text is computed by the core): text
 * operations refuse options that set {@link #mimeType()}, {@link #name()} or
 * {@link #totalSize()} with {@link IllegalArgumentException}.
 */
public final class StreamOptions {
  private final String topic;
  private final List<String> destinationIdentities;
  private final Map<String, String> attributes;
  private final Optional<String> mimeType;
  private final Optional<String> name;
  private final Optional<Long> totalSize;

  private StreamOptions(Builder b, String topic) {
    this.topic = topic;
    this.destinationIdentities = b.destinationIdentities;
    this.attributes = b.attributes;
    this.mimeType = b.mimeType;
    this.name = b.name;
    this.totalSize = b.totalSize;
  }

  /**
   * Options for a stream on this topic, to everyone, without attributes.
   *
   * @param topic the topic, not empty
   * @return the options
   * @throws IllegalArgumentException if the topic is empty
   */
  public static StreamOptions topic(String topic) {
    return builder().topic(topic).build();
  }

  /**
   * A builder with nothing set; {@link Builder#topic(String)} must be called before
   * {@link Builder#build()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.topic = topic;
    b.destinationIdentities = destinationIdentities;
    b.attributes = attributes;
    b.mimeType = mimeType;
    b.name = name;
    b.totalSize = totalSize;
    return b;
  }

  /**
   * The topic receivers select streams by ({@link Room#textStreams(String)}).
   *
   * @return the topic, not empty
   */
  public String topic() {
    return topic;
  }

  /**
   * Who receives the stream. Default empty: everyone in the room.
   *
   * @return an immutable list of identities
   */
  public List<String> destinationIdentities() {
    return destinationIdentities;
  }

  /**
   * Application attributes carried in the stream's header. Default none.
   *
   * @return an immutable map
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * Byte streams only: the content type. Default empty: the core's default.
   *
   * @return the mime type, if set
   */
  public Optional<String> mimeType() {
    return mimeType;
  }

  /**
   * Byte streams only: the file name shown to receivers. Default empty (for a file, the core
   * then uses the file's name).
   *
   * @return the name, if set
   */
  public Optional<String> name() {
    return name;
  }

  /**
   * Byte streams only: the size announced in the header of a stream written through a writer
   * (whole sends and files announce their real size). Default empty.
   *
   * @return the size in bytes, 0 or more, if set
   */
  public Optional<Long> totalSize() {
    return totalSize;
  }

  /**
   * The same options sent only to these identities.
   *
   * @param identities the destinations; none sends to everyone
   * @return new options
   */
  public StreamOptions to(String... identities) {
    return toBuilder().destinationIdentities(List.of(identities)).build();
  }

  /**
   * The same options with these header attributes.
   *
   * @param values the attributes; copied
   * @return new options
   */
  public StreamOptions withAttributes(Map<String, String> values) {
    return toBuilder().attributes(values).build();
  }

  /**
   * The same options with a content type (byte streams only).
   *
   * @param value the mime type
   * @return new options
   */
  public StreamOptions withMimeType(String value) {
    return toBuilder().mimeType(value).build();
  }

  /**
   * The same options with a file name (byte streams only).
   *
   * @param value the name
   * @return new options
   */
  public StreamOptions withName(String value) {
    return toBuilder().name(value).build();
  }

  /**
   * The same options announcing a total size (byte streams written through a writer).
   *
   * @param bytes the size, 0 or more
   * @return new options
   * @throws IllegalArgumentException if negative
   */
  public StreamOptions withTotalSize(long bytes) {
    return toBuilder().totalSize(bytes).build();
  }

  /**
   * Equal if every setting is.
   *
   * @param other another object
   * @return whether the options are equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof StreamOptions o && o.topic.equals(topic)
        && o.destinationIdentities.equals(destinationIdentities) && o.attributes.equals(attributes)
        && o.mimeType.equals(mimeType) && o.name.equals(name) && o.totalSize.equals(totalSize);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, destinationIdentities, attributes, mimeType, name, totalSize);
  }

  /**
   * Describes the options.
   *
   * @return e.g. {@code StreamOptions[topic=chat, destinationIdentities=[], ...]}
   */
  @Override
  public String toString() {
    return "StreamOptions[topic=" + topic + ", destinationIdentities=" + destinationIdentities + ", attributes="
        + attributes + ", mimeType=" + mimeType + ", name=" + name + ", totalSize=" + totalSize + "]";
  }

  /**
   * Builds {@link StreamOptions}; each setting's meaning and default is on the accessor of the
   * same name. The topic has no default. Not thread-safe; reusable.
   */
  public static final class Builder {
    private @Nullable String topic;
    private List<String> destinationIdentities = List.of();
    private Map<String, String> attributes = Map.of();
    private Optional<String> mimeType = Optional.empty();
    private Optional<String> name = Optional.empty();
    private Optional<Long> totalSize = Optional.empty();

    private Builder() {
    }

    /**
     * See {@link StreamOptions#topic()}. Required.
     *
     * @param value not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     */
    public Builder topic(String value) {
      if (Objects.requireNonNull(value, "topic").isEmpty()) {
        throw new IllegalArgumentException("a stream needs a topic");
      }
      topic = value;
      return this;
    }

    /**
     * See {@link StreamOptions#destinationIdentities()}.
     *
     * @param value the identities; copied; empty sends to everyone
     * @return this builder
     */
    public Builder destinationIdentities(List<String> value) {
      destinationIdentities = List.copyOf(value);
      return this;
    }

    /**
     * See {@link StreamOptions#attributes()}.
     *
     * @param value the attributes; copied
     * @return this builder
     */
    public Builder attributes(Map<String, String> value) {
      attributes = Map.copyOf(value);
      return this;
    }

    /**
     * See {@link StreamOptions#mimeType()}.
     *
     * @param value the mime type
     * @return this builder
     */
    public Builder mimeType(String value) {
      mimeType = Optional.of(Objects.requireNonNull(value, "mimeType"));
      return this;
    }

    /**
     * See {@link StreamOptions#name()}.
     *
     * @param value the name
     * @return this builder
     */
    public Builder name(String value) {
      name = Optional.of(Objects.requireNonNull(value, "name"));
      return this;
    }

    /**
     * See {@link StreamOptions#totalSize()}.
     *
     * @param value bytes, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder totalSize(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("totalSize must not be negative, was " + value);
      }
      totalSize = Optional.of(value);
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
     * @throws IllegalStateException if no topic was set
     */
    public StreamOptions build() {
      String t = topic;
      if (t == null) {
        throw new IllegalStateException("a stream needs a topic: call topic(String) before build()");
      }
      return new StreamOptions(this, t);
    }
  }
}
