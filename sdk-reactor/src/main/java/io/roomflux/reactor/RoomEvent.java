package io.roomflux.reactor;

import java.util.List;
import java.util.Map;

/**
 * An event of a room, as {@link Room#events()} emits it. The room's state
 * ({@link Room#remoteParticipants()} and the like) is updated before the event is emitted.
 */
public sealed interface RoomEvent {
  /**
   * A remote participant joined.
   *
   * @param participant the participant as it joined
   */
  record ParticipantConnected(Participant participant) implements RoomEvent {
  }

  /**
   * A remote participant left.
   *
   * @param participant the participant as last known
   * @param reason why it left
   */
  record ParticipantDisconnected(Participant participant, DisconnectReason reason) implements RoomEvent {
  }

  /**
   * A data packet arrived.
   *
   * @param packet the packet
   */
  record DataReceived(DataPacket packet) implements RoomEvent {
  }

  /**
   * The room's metadata changed.
   *
   * @param metadata the new metadata
   */
  record RoomMetadataChanged(String metadata) implements RoomEvent {
  }

  /**
   * The server assigned or changed the room's sid.
   *
   * @param sid the room sid
   */
  record RoomSidChanged(String sid) implements RoomEvent {
  }

  /**
   * A participant's metadata changed (local or remote).
   *
   * @param identity the participant
   * @param metadata the new metadata
   */
  record ParticipantMetadataChanged(String identity, String metadata) implements RoomEvent {
  }

  /**
   * A participant's name changed (local or remote).
   *
   * @param identity the participant
   * @param name the new name
   */
  record ParticipantNameChanged(String identity, String name) implements RoomEvent {
  }

  /**
   * A participant's attributes changed (local or remote).
   *
   * @param identity the participant
   * @param attributes all attributes now
   * @param changed the attributes that changed (an empty value means removed)
   */
  record ParticipantAttributesChanged(String identity, Map<String, String> attributes,
                                      Map<String, String> changed) implements RoomEvent {
    /** Copies the maps. */
    public ParticipantAttributesChanged {
      attributes = Map.copyOf(attributes);
      changed = Map.copyOf(changed);
    }
  }

  /**
   * The set of participants currently speaking changed, loudest first.
   *
   * @param identities the speakers
   */
  record ActiveSpeakersChanged(List<String> identities) implements RoomEvent {
    /** Copies the list. */
    public ActiveSpeakersChanged {
      identities = List.copyOf(identities);
    }
  }

  /**
   * The connection state changed.
   *
   * @param state the new state
   */
  record ConnectionStateChanged(ConnectionState state) implements RoomEvent {
  }

  /** The connection was lost and is being resumed. */
  record Reconnecting() implements RoomEvent {
  }

  /** The connection was resumed. */
  record Reconnected() implements RoomEvent {
  }

  /**
   * The local client left the room; always the last event, emitted exactly once.
   *
   * @param reason why
   */
  record Disconnected(DisconnectReason reason) implements RoomEvent {
  }
}
