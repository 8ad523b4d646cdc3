package io.roomflux.samples.webflux;

import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.RoomEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a room event looks as JSON: {@code type} (the event's name), then its fields. */
final class EventJson {
  private EventJson() {}

  /**
   * The event as a JSON object.
   *
   * @param event the event
   * @return an ordered map: {@code type} first
   */
  static Map<String, Object> of(RoomEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", event.getClass().getSimpleName());
    switch (event) {
      case RoomEvent.ParticipantConnected e -> participant(json, e.participant());
      case RoomEvent.ParticipantDisconnected e -> {
        participant(json, e.participant());
        json.put("reason", e.reason());
      }
      case RoomEvent.DataReceived e -> data(json, e.packet());
      case RoomEvent.RoomMetadataChanged e -> json.put("metadata", e.metadata());
      case RoomEvent.RoomSidChanged e -> json.put("sid", e.sid());
      case RoomEvent.ParticipantMetadataChanged e -> {
        json.put("identity", e.identity());
        json.put("metadata", e.metadata());
      }
      case RoomEvent.ParticipantNameChanged e -> {
        json.put("identity", e.identity());
        json.put("name", e.name());
      }
      case RoomEvent.ParticipantAttributesChanged e -> {
        json.put("identity", e.identity());
        json.put("attributes", e.attributes());
        json.put("changed", e.changed());
      }
      case RoomEvent.ActiveSpeakersChanged e -> json.put("identities", e.identities());
      case RoomEvent.ConnectionStateChanged e -> json.put("state", e.state());
      case RoomEvent.Disconnected e -> json.put("reason", e.reason());
      // Reconnecting, Reconnected, and events newer than this sample: the type says it all.
      default -> { }
    }
    return json;
  }

  /**
   * The room as the bot sees it when an event stream opens, as the stream's first event.
   *
   * @param room the room
   * @return an ordered map: {@code type} ({@code Watching}) first
   */
  static Map<String, Object> watching(RoomController.JoinedRoom room) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "Watching");
    json.put("room", room.room());
    json.put("identity", room.identity());
    json.put("participants", room.participants());
    return json;
  }

  private static void participant(Map<String, Object> json, Participant participant) {
    json.put("identity", participant.identity());
    json.put("name", participant.name());
    json.put("sid", participant.sid());
    json.put("metadata", participant.metadata());
    json.put("attributes", participant.attributes());
  }

  private static void data(Map<String, Object> json, DataPacket packet) {
    json.put("identity", packet.senderIdentity().orElse(""));
    json.put("topic", packet.topic().orElse(""));
    json.put("kind", packet.kind());
    json.put("text", new String(packet.bytes(), StandardCharsets.UTF_8));
  }
}
