package io.roomflux.reactor;

import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A joined room. Obtain one from {@link LiveKit#connect} or, scoped, {@link LiveKit#withRoom}.
 *
 * <p>Its native handles are released by event-driven disposal: {@link #disconnect()} sends the
 * disconnect, waits for the core to confirm it, emits {@link RoomEvent.Disconnected} exactly
 * once, completes {@link #events()}, lets every operation in flight finish (or fails it with
 * {@link RoomClosedException}), and only then drops the room's handles. An end decided by the
 * server takes the same path. Operations called once disconnecting began fail at once with
 * {@link RoomClosedException} and send nothing.
 */
public interface Room {
  /**
   * The room's name.
   *
   * @return the name
   */
  String name();

  /**
   * The room's server-assigned sid, once known.
   *
   * @return the sid
   */
  Optional<String> sid();

  /**
   * The room's metadata now.
   *
   * @return the metadata, empty when unset
   */
  String metadata();

  /**
   * The local participant.
   *
   * @return the local participant
   */
  LocalParticipant localParticipant();

  /**
   * The remote participants now, by identity.
   *
   * @return an immutable snapshot
   */
  Map<String, Participant> remoteParticipants();

  /**
   * The connection state now.
   *
   * @return the state
   */
  ConnectionState connectionState();

  /**
   * The room's events, hot: each subscriber sees the events from its subscription on, in the
   * core's order; events are held from the moment the room was joined until the first
   * subscriber arrives. A subscriber that falls more than
   * {@link LiveKitOptions#eventBufferSize()} events behind loses the oldest ones (counted in
   * {@link #missedEvents()}); it never slows the room or other subscribers. Completes after
   * {@link RoomEvent.Disconnected}; errors only when the core panics.
   *
   * @return the event stream
   */
  Flux<RoomEvent> events();

  /**
   * Data packets with one topic, from {@link #events()}.
   *
   * @param topic the topic
   * @return the packets
   */
  Flux<DataPacket> dataPackets(String topic);

  /**
   * Events subscribers of this room dropped because they fell behind.
   *
   * @return the count
   */
  long missedEvents();

  /**
   * Leaves the room and releases it; idempotent: every call returns the same completion.
   *
   * @return completes after disposal, as described on {@link Room}
   */
  Mono<Void> disconnect();

  /**
   * Completes when the room was disposed, whoever ended it; errors if the core panicked.
   *
   * @return the closing signal
   */
  Mono<Void> onClose();
}
