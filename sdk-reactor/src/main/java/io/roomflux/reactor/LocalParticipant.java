package io.roomflux.reactor;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The local participant of a {@link Room}. Every operation is a cold {@code Mono} that sends one
 * request on subscription and completes when the core reports its outcome; it fails with
 * {@link RoomClosedException} once the room is disconnecting.
 */
public interface LocalParticipant {
  /**
   * A snapshot of the local participant.
   *
   * @return the snapshot
   */
  Participant info();

  /**
   * The identity from the token.
   *
   * @return the identity
   */
  default String identity() {
    return info().identity();
  }

  /**
   * Sends a data packet.
   *
   * @param payload the bytes, at most 64 000 ({@link PayloadTooLargeException} otherwise)
   * @param options kind, topic and destinations
   * @return completes when the core sent it
   */
  Mono<Void> publishData(byte[] payload, DataOptions options);

  /**
   * Sets the local participant's metadata.
   *
   * @param metadata the metadata
   * @return completes when the server accepted it
   */
  Mono<Void> setMetadata(String metadata);

  /**
   * Sets the local participant's display name.
   *
   * @param name the name
   * @return completes when the server accepted it
   */
  Mono<Void> setName(String name);

  /**
   * Sets attributes of the local participant (an empty value removes one).
   *
   * @param attributes the attributes to set
   * @return completes when the server accepted them
   */
  Mono<Void> setAttributes(Map<String, String> attributes);
}
