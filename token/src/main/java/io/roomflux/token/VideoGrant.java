package io.roomflux.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code video} claim of a LiveKit access token: what its bearer may do in which room.
 *
 * <p>Only the permissions set on the {@link Builder} are written into the token; LiveKit applies
 * its own default to every permission left out (for a participant joining a room: may publish,
 * subscribe and send data). Immutable and thread-safe.
 */
public final class VideoGrant {

  /** A kind of track a participant may be restricted to publishing, see {@link Builder#canPublishSources}. */
  public enum TrackSource {
    /** A camera video track. */
    CAMERA("camera"),
    /** A microphone audio track. */
    MICROPHONE("microphone"),
    /** A screen share video track. */
    SCREEN_SHARE("screen_share"),
    /** The audio track of a screen share. */
    SCREEN_SHARE_AUDIO("screen_share_audio");

    private final String wireName;

    TrackSource(String wireName) {
      this.wireName = wireName;
    }

    /**
     * Returns the name LiveKit uses for this source in a grant.
     *
     * @return the name, for example {@code screen_share}
     */
    public String wireName() {
      return wireName;
    }
  }

  private final Map<String, Object> claim;

  private VideoGrant(Map<String, Object> claim) {
    this.claim = Collections.unmodifiableMap(new LinkedHashMap<>(claim));
  }

  /**
   * Reads a grant back from a verified token's claim, keeping every permission it carries.
   *
   * @param claim the claim as parsed from the JWT
   * @return the grant
   */
  static VideoGrant fromClaim(Map<String, Object> claim) {
    return new VideoGrant(claim);
  }

  /**
   * Starts a grant with no permission set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the grant as LiveKit reads it: the set permissions only, under their camelCase names
   * ({@code roomJoin}, {@code canPublish}, ...), with {@link Boolean}, {@link String} or, for
   * {@code canPublishSources}, a {@code List<String>} values.
   *
   * @return an unmodifiable map in the order the permissions were first set
   */
  public Map<String, Object> toClaim() {
    return claim;
  }

  /**
   * Tells whether this grant lets its bearer join a room.
   *
   * @return the {@code roomJoin} permission, {@code false} when not set
   */
  public boolean roomJoin() {
    return Boolean.TRUE.equals(claim.get("roomJoin"));
  }

  /**
   * Returns the room this grant is for.
   *
   * @return the {@code room} name, empty when not set
   */
  public Optional<String> room() {
    return Optional.ofNullable((String) claim.get("room"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VideoGrant grant && claim.equals(grant.claim);
  }

  @Override
  public int hashCode() {
    return claim.hashCode();
  }

  @Override
  public String toString() {
    return "VideoGrant" + claim;
  }

  /** Collects the permissions of a {@link VideoGrant}. Not thread-safe; use it from one thread. */
  public static final class Builder {
    private final Map<String, Object> claim = new LinkedHashMap<>();

    private Builder() {}

    private Builder set(String key, Object value) {
      claim.put(key, value);
      return this;
    }

    /**
     * Allows or forbids joining the {@link #room room}; a token with this set needs an identity.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder roomJoin(boolean value) {
      return set("roomJoin", value);
    }

    /**
     * Names the room this grant applies to (for joining, or for room-scoped admin calls).
     *
     * @param name the room name, not empty
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Builder room(String name) {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("room name must not be empty");
      }
      return set("room", name);
    }

    /**
     * Allows or forbids publishing tracks.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder canPublish(boolean value) {
      return set("canPublish", value);
    }

    /**
     * Allows or forbids subscribing to other participants' tracks.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder canSubscribe(boolean value) {
      return set("canSubscribe", value);
    }

    /**
     * Allows or forbids sending data packets and data streams.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder canPublishData(boolean value) {
      return set("canPublishData", value);
    }

    /**
     * Restricts publishing to the given kinds of track.
     *
     * @param sources the allowed sources, in the order given; duplicates are dropped
     * @return this builder
     */
    public Builder canPublishSources(List<TrackSource> sources) {
      List<String> names = new ArrayList<>();
      for (TrackSource source : sources) {
        String name = Objects.requireNonNull(source, "source").wireName();
        if (!names.contains(name)) {
          names.add(name);
        }
      }
      return set("canPublishSources", List.copyOf(names));
    }

    /**
     * Allows or forbids a participant to update its own name, metadata and attributes.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder canUpdateOwnMetadata(boolean value) {
      return set("canUpdateOwnMetadata", value);
    }

    /**
     * Hides the participant from the other participants.
     *
     * @param value whether the participant is hidden
     * @return this builder
     */
    public Builder hidden(boolean value) {
      return set("hidden", value);
    }

    /**
     * Marks the participant as a recorder.
     *
     * @param value whether the participant records
     * @return this builder
     */
    public Builder recorder(boolean value) {
      return set("recorder", value);
    }

    /**
     * Allows or forbids administering the {@link #room room}: listing, removing and muting
     * participants, updating metadata.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder roomAdmin(boolean value) {
      return set("roomAdmin", value);
    }

    /**
     * Allows or forbids creating and deleting rooms.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder roomCreate(boolean value) {
      return set("roomCreate", value);
    }

    /**
     * Allows or forbids listing rooms.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder roomList(boolean value) {
      return set("roomList", value);
    }

    /**
     * Allows or forbids starting and stopping recordings (egress).
     *
     * @param value the permission
     * @return this builder
     */
    public Builder roomRecord(boolean value) {
      return set("roomRecord", value);
    }

    /**
     * Marks the participant as an agent.
     *
     * @param value whether the participant is an agent
     * @return this builder
     */
    public Builder agent(boolean value) {
      return set("agent", value);
    }

    /**
     * Allows or forbids managing ingress.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder ingressAdmin(boolean value) {
      return set("ingressAdmin", value);
    }

    /**
     * Names the room that a server call may forward or move a participant to
     * ({@code ForwardParticipant}, {@code MoveParticipant}).
     *
     * @param name the destination room, not empty
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Builder destinationRoom(String name) {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("destinationRoom must not be empty");
      }
      return set("destinationRoom", name);
    }

    /**
     * Builds the grant from the permissions set so far.
     *
     * @return the immutable grant
     */
    public VideoGrant build() {
      return new VideoGrant(claim);
    }
  }
}
