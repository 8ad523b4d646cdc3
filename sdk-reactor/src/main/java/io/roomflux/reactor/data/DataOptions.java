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

  /**
   * Reliable, no topic, to everyone.
   *
   * @return the default options
   */
  public static DataOptions reliable() {
    return builder().build();
  }

  /**
   * Lossy, no topic, to everyone.
   *
   * @return lossy options
   */
  public static DataOptions lossy() {
    return builder().kind(DataKind.LOSSY).build();
  }

  /**
   * A builder starting from the defaults ({@link #reliable()}).
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
    b.kind = kind;
    b.topic = topic;
    b.destinationIdentities = destinationIdentities;
    return b;
  }

  /**
   * Reliable (the default: ordered, retransmitted) or lossy delivery.
   *
   * @return the kind
   */
  public DataKind kind() {
    return kind;
  }

  /**
   * A topic receivers can filter on. Default none.
   *
   * @return the topic, if any
   */
  public Optional<String> topic() {
    return topic;
  }

  /**
   * The identities to send to. Default empty: everyone in the room.
   *
   * @return an immutable list
   */
  public List<String> destinationIdentities() {
    return destinationIdentities;
  }

  /**
   * The same options with a topic.
   *
   * @param newTopic the topic
   * @return new options
   */
  public DataOptions withTopic(String newTopic) {
    return toBuilder().topic(newTopic).build();
  }

  /**
   * The same options sent only to these identities.
   *
   * @param identities the destinations; none sends to everyone
   * @return new options
   */
  public DataOptions to(String... identities) {
    return toBuilder().destinationIdentities(List.of(identities)).build();
  }

  /**
   * Equal if every setting is.
   *
   * @param other another object
   * @return whether the options are equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof DataOptions o && o.kind == kind && o.topic.equals(topic)
        && o.destinationIdentities.equals(destinationIdentities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, topic, destinationIdentities);
  }

  /**
   * Describes the options.
   *
   * @return e.g. {@code DataOptions[kind=RELIABLE, topic=Optional.empty, destinationIdentities=[]]}
   */
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
     * See {@link DataOptions#kind()}.
     *
     * @param value the kind
     * @return this builder
     */
    public Builder kind(DataKind value) {
      kind = Objects.requireNonNull(value, "kind");
      return this;
    }

    /**
     * See {@link DataOptions#topic()}.
     *
     * @param value the topic
     * @return this builder
     */
    public Builder topic(String value) {
      topic = Optional.of(Objects.requireNonNull(value, "topic"));
      return this;
    }

    /**
     * See {@link DataOptions#destinationIdentities()}.
     *
     * @param value the identities; copied; empty sends to everyone
     * @return this builder
     */
    public Builder destinationIdentities(List<String> value) {
      destinationIdentities = List.copyOf(value);
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
     */
    public DataOptions build() {
      return new DataOptions(this);
    }
  }
}
