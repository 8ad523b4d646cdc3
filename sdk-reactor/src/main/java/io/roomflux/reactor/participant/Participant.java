package io.roomflux.reactor.participant;

import io.roomflux.reactor.Room;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a participant, local or remote. The room keeps the latest snapshot of
 * each participant ({@link Room#remoteParticipants()}, {@link LocalParticipant#info()}) and
 * replaces it before it emits the event that changed it. The tracks a remote participant
 * published are not part of the snapshot: see {@link Room#publications(String)}.
 *
 * @param sid the server-assigned participant id
 * @param identity the identity from the participant's token
 * @param name the display name
 * @param metadata free-form metadata, empty when unset
 * @param attributes key-value attributes
 * @param permission what the participant may do, once the server told
 * @param active whether its media connection is established
 * @param encrypted whether its published media is end-to-end encrypted
 */
public record Participant(String sid, String identity, String name, String metadata,
                          Map<String, String> attributes, Optional<ParticipantPermission> permission,
                          boolean active, boolean encrypted) {
  /** Copies the attributes so the snapshot stays immutable. */
  public Participant {
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(permission, "permission");
  }

  /**
   * A snapshot with no permission known, not active and not encrypted.
   *
   * @param sid the server-assigned participant id
   * @param identity the identity from the participant's token
   * @param name the display name
   * @param metadata free-form metadata, empty when unset
   * @param attributes key-value attributes
   */
  public Participant(String sid, String identity, String name, String metadata, Map<String, String> attributes) {
    this(sid, identity, name, metadata, attributes, Optional.empty(), false, false);
  }

  /**
   * A copy with another {@code metadata}; every other component stays.
   *
   * @param newMetadata the new value
   * @return the copy
   */
  public Participant withMetadata(String newMetadata) {
    return new Participant(sid, identity, name, newMetadata, attributes, permission, active, encrypted);
  }

  /**
   * A copy with another {@code name}; every other component stays.
   *
   * @param newName the new value
   * @return the copy
   */
  public Participant withName(String newName) {
    return new Participant(sid, identity, newName, metadata, attributes, permission, active, encrypted);
  }

  /**
   * A copy with another {@code attributes}; every other component stays.
   *
   * @param Map<String the new value
   * @param newAttributes the new value
   * @return the copy
   */
  public Participant withAttributes(Map<String, String> newAttributes) {
    return new Participant(sid, identity, name, metadata, newAttributes, permission, active, encrypted);
  }

  /**
   * A copy with another {@code permission}; every other component stays.
   *
   * @param newPermission the new value
   * @return the copy
   */
  public Participant withPermission(Optional<ParticipantPermission> newPermission) {
    return new Participant(sid, identity, name, metadata, attributes, newPermission, active, encrypted);
  }

  /**
   * A copy with another {@code active}; every other component stays.
   *
   * @param newActive the new value
   * @return the copy
   */
  public Participant withActive(boolean newActive) {
    return new Participant(sid, identity, name, metadata, attributes, permission, newActive, encrypted);
  }

  /**
   * A copy with another {@code encrypted}; every other component stays.
   *
   * @param newEncrypted the new value
   * @return the copy
   */
  public Participant withEncrypted(boolean newEncrypted) {
    return new Participant(sid, identity, name, metadata, attributes, permission, active, newEncrypted);
  }
}
