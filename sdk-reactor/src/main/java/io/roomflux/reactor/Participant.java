package io.roomflux.reactor;

import java.util.Map;

/**
 * An immutable snapshot of a participant, local or remote.
 *
 * @param sid the server-assigned participant id
 * @param identity the identity from the participant's token
 * @param name the display name
 * @param metadata free-form metadata, empty when unset
 * @param attributes key-value attributes
 */
public record Participant(String sid, String identity, String name, String metadata,
                          Map<String, String> attributes) {
  /** Copies the attributes so the snapshot stays immutable. */
  public Participant {
    attributes = Map.copyOf(attributes);
  }

  static Participant of(io.roomflux.proto.ParticipantInfo info) {
    return new Participant(info.getSid(), info.getIdentity(), info.getName(), info.getMetadata(),
        info.getAttributesMap());
  }

  Participant withMetadata(String newMetadata) {
    return new Participant(sid, identity, name, newMetadata, attributes);
  }

  Participant withName(String newName) {
    return new Participant(sid, identity, newName, metadata, attributes);
  }

  Participant withAttributes(Map<String, String> newAttributes) {
    return new Participant(sid, identity, name, metadata, newAttributes);
  }
}
