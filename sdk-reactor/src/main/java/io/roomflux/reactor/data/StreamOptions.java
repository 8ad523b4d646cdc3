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
  private final Optional<Boolean> compress;

  private StreamOptions(Builder b, String topic) {
    this.topic = topic;
    this.destinationIdentities = b.destinationIdentities;
    this.attributes = b.attributes;
    this.mimeType = b.mimeType;
    this.name = b.name;
    this.totalSize = b.totalSize;
    this.compress = b.compress;
  }

  /**
   * {@return options for a stream on this topic, to everyone, without attributes}
   *
   * @param topic the topic, not empty
   * @throws IllegalArgumentException if the topic is empty
   */
  public static StreamOptions topic(String topic) {
    return builder().topic(topic).build();
  }

  /**
   * {@return a new builder with nothing set} {@link Builder#topic(String)} must be called before
   * {@link Builder#build()}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder, starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.topic = topic;
    b.destinationIdentities = destinationIdentities;
    b.attributes = attributes;
    b.mimeType = mimeType;
    b.name = name;
    b.totalSize = totalSize;
    b.compress = compress;
    return b;
  }

  /** {@return the topic receivers select streams by ({@link Room#textStreams(String)}), not empty} */
  public String topic() {
    return topic;
  }

  /** {@return who receives the stream, as an immutable list of identities} Default empty: everyone. */
  public List<String> destinationIdentities() {
    return destinationIdentities;
  }

  /** {@return the application attributes carried in the stream's header, immutable} Default none. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** {@return the content type, if set (byte streams only)} Default empty: the core's default. */
  public Optional<String> mimeType() {
    return mimeType;
  }

  /**
   * {@return the file name shown to receivers, if set (byte streams only)} Default empty (for a
   * file, the core then uses the file's name).
   */
  public Optional<String> name() {
    return name;
  }

  /**
   * {@return the size in bytes announced in the header, if set (byte streams only)} For streams
   * written through a writer: whole sends and files announce their real size. Default empty.
   */
  public Optional<Long> totalSize() {
    return totalSize;
  }

  /**
   * {@return whether the stream's payload is compressed on the wire; empty: the core's default}
   * Receivers decompress it themselves (LiveKit's Node and Python SDKs compress by default).
   */
  public Optional<Boolean> compress() {
    return compress;
  }

  /**
   * {@return these options, compressing the payload on the wire or not}
   *
   * @param value whether to compress
   */
  public StreamOptions withCompression(boolean value) {
    return toBuilder().compress(value).build();
  }

  /**
   * {@return these options sent only to these identities}
   *
   * @param identities the destinations; none sends to everyone
   */
  public StreamOptions to(String... identities) {
    return toBuilder().destinationIdentities(List.of(identities)).build();
  }

  /**
   * {@return these options with these header attributes}
   *
   * @param values the attributes; copied
   */
  public StreamOptions withAttributes(Map<String, String> values) {
    return toBuilder().attributes(values).build();
  }

  /**
   * {@return these options with a content type (byte streams only)}
   *
   * @param value the mime type
   */
  public StreamOptions withMimeType(String value) {
    return toBuilder().mimeType(value).build();
  }

  /**
   * {@return these options with a file name (byte streams only)}
   *
   * @param value the name
   */
  public StreamOptions withName(String value) {
    return toBuilder().name(value).build();
  }

  /**
   * {@return these options announcing a total size (byte streams written through a writer)}
   *
   * @param bytes the size, 0 or more
   * @throws IllegalArgumentException if negative
   */
  public StreamOptions withTotalSize(long bytes) {
    return toBuilder().totalSize(bytes).build();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof StreamOptions o && o.topic.equals(topic)
        && o.destinationIdentities.equals(destinationIdentities) && o.attributes.equals(attributes)
        && o.mimeType.equals(mimeType) && o.name.equals(name) && o.totalSize.equals(totalSize)
        && o.compress.equals(compress);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, destinationIdentities, attributes, mimeType, name, totalSize, compress);
  }

  /** {@return a description, e.g. {@code StreamOptions[topic=chat, destinationIdentities=[], ...]}} */
  @Override
  public String toString() {
    return "StreamOptions[topic=" + topic + ", destinationIdentities=" + destinationIdentities + ", attributes="
        + attributes + ", mimeType=" + mimeType + ", name=" + name + ", totalSize=" + totalSize
        + ", compress=" + compress + "]";
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
    private Optional<Boolean> compress = Optional.empty();

    private Builder() {
    }

    /**
     * {@return this builder, with {@link StreamOptions#topic()} set} Required.
     *
     * @param value not empty
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
     * {@return this builder, with {@link StreamOptions#destinationIdentities()} set}
     *
     * @param value the identities; copied; empty sends to everyone
     */
    public Builder destinationIdentities(List<String> value) {
      destinationIdentities = List.copyOf(value);
      return this;
    }

    /**
     * {@return this builder, with {@link StreamOptions#attributes()} set}
     *
     * @param value the attributes; copied
     */
    public Builder attributes(Map<String, String> value) {
      attributes = Map.copyOf(value);
      return this;
    }

    /**
     * {@return this builder, with {@link StreamOptions#mimeType()} set}
     *
     * @param value the mime type
     */
    public Builder mimeType(String value) {
      mimeType = Optional.of(Objects.requireNonNull(value, "mimeType"));
      return this;
    }

    /**
     * {@return this builder, with {@link StreamOptions#name()} set}
     *
     * @param value the name
     */
    public Builder name(String value) {
      name = Optional.of(Objects.requireNonNull(value, "name"));
      return this;
    }

    /**
     * {@return this builder, with {@link StreamOptions#totalSize()} set}
     *
     * @param value bytes, 0 or more
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
     * {@return this builder, with {@link StreamOptions#compress()} set}
     *
     * @param value whether to compress the payload on the wire
     */
    public Builder compress(boolean value) {
      compress = Optional.of(value);
      return this;
    }

    /**
     * {@return the options, immutable}
     *
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
