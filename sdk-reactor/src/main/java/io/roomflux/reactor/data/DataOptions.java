package io.roomflux.reactor.data;

import java.util.List;
import java.util.Optional;

/**
 * How to send a data packet.
 *
 * @param kind reliable (default) or lossy
 * @param topic a topic receivers can filter on
 * @param destinationIdentities the identities to send to; empty sends to everyone
 */
public record DataOptions(DataKind kind, Optional<String> topic, List<String> destinationIdentities) {
  /** Copies the destinations. */
  public DataOptions {
    destinationIdentities = List.copyOf(destinationIdentities);
  }

  /**
   * Reliable, no topic, to everyone.
   *
   * @return the default options
   */
  public static DataOptions reliable() {
    return new DataOptions(DataKind.RELIABLE, Optional.empty(), List.of());
  }

  /**
   * Lossy, no topic, to everyone.
   *
   * @return lossy options
   */
  public static DataOptions lossy() {
    return new DataOptions(DataKind.LOSSY, Optional.empty(), List.of());
  }

  /**
   * The same options with a topic.
   *
   * @param newTopic the topic
   * @return new options
   */
  public DataOptions withTopic(String newTopic) {
    return new DataOptions(kind, Optional.of(newTopic), destinationIdentities);
  }

  /**
   * The same options sent only to these identities.
   *
   * @param identities the destinations
   * @return new options
   */
  public DataOptions to(String... identities) {
    return new DataOptions(kind, topic, List.of(identities));
  }
}
