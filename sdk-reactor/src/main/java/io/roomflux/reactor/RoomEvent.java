package io.roomflux.reactor;

import io.roomflux.reactor.data.ChatMessage;
import io.roomflux.reactor.data.DataKind;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.data.DataTrackInfo;
import io.roomflux.reactor.e2ee.EncryptionState;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.ParticipantPermission;
import io.roomflux.reactor.participant.RemoteTrack;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.data.TranscriptionSegment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event of a room, as {@link Room#events()} emits it. The room's state
 * ({@link Room#remoteParticipants()} and the like) is updated before the event is emitted.
 * {@code docs/events.md} lists for every event when it fires and what it updates.
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

  // ---- local tracks ------------------------------------------------------------------------

  /**
   * A track of the local participant was published.
   *
   * @param trackSid the sid the server assigned to it
   */
  record LocalTrackPublished(String trackSid) implements RoomEvent {
  }

  /**
   * A track of the local participant was unpublished.
   *
   * @param trackSid its sid
   */
  record LocalTrackUnpublished(String trackSid) implements RoomEvent {
  }

  /**
   * A remote participant subscribed to a track of the local participant.
   *
   * @param trackSid the track's sid
   */
  record LocalTrackSubscribed(String trackSid) implements RoomEvent {
  }

  /**
   * After a full reconnect, a track of the local participant was published again under a new
   * sid.
   *
   * @param previousSid the sid it had before
   * @param publication the publication now, with its new {@link TrackPublication#sid() sid}
   */
  record LocalTrackRepublished(String previousSid, TrackPublication publication) implements RoomEvent {
  }

  // ---- remote tracks -----------------------------------------------------------------------

  /**
   * A remote participant published a track.
   *
   * @param identity the publisher
   * @param publication the publication as announced
   */
  record TrackPublished(String identity, TrackPublication publication) implements RoomEvent {
  }

  /**
   * A remote participant unpublished a track.
   *
   * @param identity the publisher
   * @param publication the publication as last known (only its sid is certain if its
   *     announcement was never seen)
   */
  record TrackUnpublished(String identity, TrackPublication publication) implements RoomEvent {
  }

  /**
   * The local client subscribed to a remote track: its media can now be received.
   *
   * @param identity the publisher
   * @param track the track
   */
  record TrackSubscribed(String identity, RemoteTrack track) implements RoomEvent {
  }

  /**
   * The local client unsubscribed from a remote track; streams reading it end.
   *
   * @param identity the publisher
   * @param trackSid the track's sid
   */
  record TrackUnsubscribed(String identity, String trackSid) implements RoomEvent {
  }

  /**
   * Subscribing to a remote track failed.
   *
   * @param identity the publisher
   * @param trackSid the track's sid
   * @param error the core's reason
   */
  record TrackSubscriptionFailed(String identity, String trackSid, String error) implements RoomEvent {
  }

  /**
   * A participant (local or remote) muted a track.
   *
   * @param identity the publisher
   * @param trackSid the track's sid
   */
  record TrackMuted(String identity, String trackSid) implements RoomEvent {
  }

  /**
   * A participant (local or remote) unmuted a track.
   *
   * @param identity the publisher
   * @param trackSid the track's sid
   */
  record TrackUnmuted(String identity, String trackSid) implements RoomEvent {
  }

  // ---- room --------------------------------------------------------------------------------

  /**
   * The server sent new information about the room.
   *
   * @param info the room now
   */
  record RoomUpdated(RoomInfo info) implements RoomEvent {
  }

  /**
   * The server moved the local participant to another room.
   *
   * @param info the room it is in now
   */
  record RoomMoved(RoomInfo info) implements RoomEvent {
  }

  /**
   * The buffered-amount-low threshold of a data channel changed.
   *
   * @param kind which channel
   * @param threshold the new threshold, in bytes
   */
  record DataChannelLowThresholdChanged(DataKind kind, long threshold) implements RoomEvent {
  }

  // ---- participants ------------------------------------------------------------------------

  /**
   * A participant's permissions changed (local or remote).
   *
   * @param identity the participant
   * @param permission the permissions now, if the server sent them
   */
  record ParticipantPermissionChanged(String identity, Optional<ParticipantPermission> permission)
      implements RoomEvent {
  }

  /**
   * A participant's media connection is established (local or remote).
   *
   * @param identity the participant
   */
  record ParticipantActive(String identity) implements RoomEvent {
  }

  /**
   * Whether a participant's published media is end-to-end encrypted changed.
   *
   * @param identity the participant
   * @param encrypted whether it is now
   */
  record ParticipantEncryptionStatusChanged(String identity, boolean encrypted) implements RoomEvent {
  }

  /**
   * The server sent full information about some participants (for example their sids).
   *
   * @param participants the updated snapshots, as the room now holds them
   */
  record ParticipantsUpdated(List<Participant> participants) implements RoomEvent {
    /** Copies the list. */
    public ParticipantsUpdated {
      participants = List.copyOf(participants);
    }
  }

  /**
   * The server rated a participant's connection (local or remote).
   *
   * @param identity the participant
   * @param quality the rating
   */
  record ConnectionQualityChanged(String identity, ConnectionQuality quality) implements RoomEvent {
  }

  /**
   * The state of a participant's end-to-end encryption changed.
   *
   * @param identity the participant
   * @param state the state
   */
  record E2eeStateChanged(String identity, EncryptionState state) implements RoomEvent {
  }

  // ---- messages ----------------------------------------------------------------------------

  /**
   * A SIP participant sent a DTMF tone.
   *
   * @param senderIdentity the sender, empty when the server sent it
   * @param code the DTMF code
   * @param digit the digit, if sent
   */
  record SipDtmfReceived(Optional<String> senderIdentity, int code, Optional<String> digit)
      implements RoomEvent {
  }

  /**
   * Transcription segments arrived.
   *
   * @param identity the participant whose speech was transcribed, if named
   * @param trackSid the transcribed track, if named
   * @param segments the segments
   */
  record TranscriptionReceived(Optional<String> identity, Optional<String> trackSid,
                               List<TranscriptionSegment> segments) implements RoomEvent {
    /** Copies the list. */
    public TranscriptionReceived {
      segments = List.copyOf(segments);
    }
  }

  /**
   * A chat message arrived (new, edited or deleted).
   *
   * @param senderIdentity the sender
   * @param message the message
   */
  record ChatMessageReceived(String senderIdentity, ChatMessage message) implements RoomEvent {
  }

  // ---- data tracks -------------------------------------------------------------------------

  /**
   * A remote participant published a data track.
   *
   * @param publisherIdentity the publisher
   * @param track the data track
   */
  record DataTrackPublished(String publisherIdentity, DataTrackInfo track) implements RoomEvent {
  }

  /**
   * A remote data track was unpublished.
   *
   * @param sid the data track's sid
   */
  record DataTrackUnpublished(String sid) implements RoomEvent {
  }

  // ---- connection --------------------------------------------------------------------------

  /**
   * The server issued a new access token, which the core uses for later reconnects. Its
   * {@link #toString()} does not show the token.
   *
   * @param token the new token; a credential: do not log it
   */
  record TokenRefreshed(String token) implements RoomEvent {
    /**
     * Names the event without the token.
     *
     * @return {@code TokenRefreshed[token=<redacted>]}
     */
    @Override
    public String toString() {
      return "TokenRefreshed[token=<redacted>]";
    }
  }

  /**
   * The local client left the room; always the last event, emitted exactly once.
   *
   * @param reason why
   */
  record Disconnected(DisconnectReason reason) implements RoomEvent {
  }
}
