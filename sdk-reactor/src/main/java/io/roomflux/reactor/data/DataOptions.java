package io.roomflux.reactor.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to send a data packet. Immutable and thread-safe; start from {@link #reliable()},
 * {@link #lossy()} or {@link #builder()} and change what you need with {@link #withTopic},
 * {@link #to} or {@link #toBuilder()}.
 */
public final class DataOptions {
  private final DataKind kind;
  private final Optional<String> topic;
  private final List<String> destinationIdentities;

  private DataOptions(Builder b) {
    this.kind = b.kind;
    this.topic = b.topic;
    this.destinationIdentities = b.destinationIdentities;
  }

  /** {@return the defaults: reliable, no topic, to everyone} */
  public static DataOptions reliable() {
    return builder().build();
  }

  /** {@return lossy options: no topic, to everyone} */
  public static DataOptions lossy() {
    return builder().kind(DataKind.LOSSY).build();
  }

  /** {@return a new builder, starting from the defaults ({@link #reliable()})} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder, starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.topic = topic;
    b.destinationIdentities = destinationIdentities;
    return b;
  }

  /** {@return how the packet is delivered: reliable (the default: ordered, retransmitted) or lossy} */
  public DataKind kind() {
    return kind;
  }

  /** {@return the topic receivers can filter on, if any} Default none. */
  public Optional<String> topic() {
    return topic;
  }

  /** {@return the identities to send to, immutable} Default empty: everyone in the room. */
  public List<String> destinationIdentities() {
    return destinationIdentities;
  }

  /**
   * {@return these options with a topic}
   *
   * @param newTopic the topic
   */
  public DataOptions withTopic(String newTopic) {
    return toBuilder().topic(newTopic).build();
  }

  /**
   * {@return these options sent only to these identities}
   *
   * @param identities the destinations; none sends to everyone
   */
  public DataOptions to(String... identities) {
    return toBuilder().destinationIdentities(List.of(identities)).build();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof DataOptions o && o.kind == kind && o.topic.equals(topic)
        && o.destinationIdentities.equals(destinationIdentities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, topic, destinationIdentities);
  }

  /** {@return a description, e.g. {@code DataOptions[kind=RELIABLE, topic=Optional.empty, ...]}} */
  @Override
  public String toString() {
    return "DataOptions[kind=" + kind + ", topic=" + topic + ", destinationIdentities=" + destinationIdentities + "]";
  }

  /**
   * Builds {@link DataOptions}; each setting's meaning and default is on the accessor of the same
   * name. Not thread-safe; reusable.
   */
  public static final class Builder {
    private DataKind kind = DataKind.RELIABLE;
    private Optional<String> topic = Optional.empty();
    private List<String> destinationIdentities = List.of();

    private Builder() {
    }

    /**
     * {@return this builder, with {@link DataOptions#kind()} set}
     *
     * @param value the kind
     */
    public Builder kind(DataKind value) {
      kind = Objects.requireNonNull(value, "kind");
      return this;
    }

    /**
     * {@return this builder, with {@link DataOptions#topic()} set}
     *
     * @param value the topic
     */
    public Builder topic(String value) {
      topic = Optional.of(Objects.requireNonNull(value, "topic"));
      return this;
    }

    /**
     * {@return this builder, with {@link DataOptions#destinationIdentities()} set}
     *
     * @param value the identities; copied; empty sends to everyone
     */
    public Builder destinationIdentities(List<String> value) {
      destinationIdentities = List.copyOf(value);
      return this;
    }

    /** {@return the options, immutable} */
    public DataOptions build() {
      return new DataOptions(this);
    }
  }
}
