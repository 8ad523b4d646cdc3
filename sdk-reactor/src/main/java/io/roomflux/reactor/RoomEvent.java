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
 *
 * <p>Every event belongs to exactly one family, a sealed sub-interface ({@link ConnectionEvent},
 * {@link RoomChangeEvent}, {@link ParticipantEvent}, {@link TrackEvent}, {@link DataEvent},
 * {@link EncryptionEvent}), so that a {@code switch} over one family can be exhaustive, as in
 * {@code room.events().ofType(RoomEvent.TrackEvent.class)}.
 */
public sealed interface RoomEvent {
  /**
   * {@return the identity of the participant this event is about, if it names one} A remote or
   * local participant's events, a track's publisher, a data packet's or chat message's sender, a
   * transcribed participant; empty for room-level and connection events, for the local tracks'
   * events and for events about several participants ({@link ActiveSpeakersChanged},
   * {@link ParticipantsUpdated}). Pure; an exhaustive switch over every event.
   */
  default Optional<String> participantIdentity() {
    return EventIdentities.of(this);
  }

  /** The local client's connection: its state changed, it was lost and is being resumed, it was resumed, or it ended. */
  sealed interface ConnectionEvent extends RoomEvent { }

  /** The room itself: new information or metadata from the server, its sid, a move to another room, a refreshed token. */
  sealed interface RoomChangeEvent extends RoomEvent { }

  /** Participants: one joined, left, became active or changed (metadata, name, attributes, permissions, encryption, connection quality), or the active speakers changed. */
  sealed interface ParticipantEvent extends RoomEvent { }

  /** Tracks: a remote participant published, unpublished or muted one, the local client subscribed to or was unsubscribed from one, or a local track was published, unpublished, republished or subscribed to. */
  sealed interface TrackEvent extends RoomEvent { }

  /** Data: a packet, chat message, transcription or SIP DTMF tone arrived, a data channel threshold changed, or a remote data track was published or unpublished. */
  sealed interface DataEvent extends RoomEvent { }

  /** End-to-end encryption: the state of a participant's frame cryptor changed. */
  sealed interface EncryptionEvent extends RoomEvent { }

  /**
   * A remote participant joined.
   *
   * @param participant the participant as it joined
   */
  record ParticipantConnected(Participant participant) implements ParticipantEvent { }

  /**
   * A remote participant left.
   *
   * @param participant the participant as last known
   * @param reason why it left
   */
  record ParticipantDisconnected(Participant participant, DisconnectReason reason) implements ParticipantEvent { }

  /**
   * A data packet arrived.
   *
   * @param packet the packet
   */
  record DataReceived(DataPacket packet) implements DataEvent { }

  /**
   * The room's metadata changed.
   *
   * @param metadata the new metadata
   */
  record RoomMetadataChanged(String metadata) implements RoomChangeEvent { }

  /**
   * The server assigned or changed the room's sid.
   *
   * @param sid the room sid
   */
  record RoomSidChanged(String sid) implements RoomChangeEvent { }

  /**
   * A participant's metadata changed (local or remote).
   *
   * @param identity the participant
   * @param metadata the new metadata
   */
  record ParticipantMetadataChanged(String identity, String metadata) implements ParticipantEvent { }

  /**
   * A participant's name changed (local or remote).
   *
   * @param identity the participant
   * @param name the new name
   */
  record ParticipantNameChanged(String identity, String name) implements ParticipantEvent { }

  /**
   * A participant's attributes changed (local or remote).
   *
   * @param identity the participant
   * @param attributes all attributes now
   * @param changed the attributes that changed (an empty value means removed)
   */
  record ParticipantAttributesChanged(String identity, Map<String, String> attributes,
                                      Map<String, String> changed) implements ParticipantEvent {
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
  record ActiveSpeakersChanged(List<String> identities) implements ParticipantEvent {
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
  record ConnectionStateChanged(ConnectionState state) implements ConnectionEvent { }

  /** The connection was lost and is being resumed. */
  record Reconnecting() implements ConnectionEvent { }

  /** The connection was resumed. */
  record Reconnected() implements ConnectionEvent { }

  // ---- local tracks ------------------------------------------------------------------------

  /**
   * A track of the local participant was published.
   *
   * @param trackSid the sid the server assigned to it
   */
  record LocalTrackPublished(String trackSid) implements TrackEvent { }

  /**
   * A track of the local participant was unpublished.
   *
   * @param trackSid its sid
   */
  record LocalTrackUnpublished(String trackSid) implements TrackEvent { }

  /**
   * A remote participant subscribed to a track of the local participant.
   *
   * @param trackSid the track's sid
   */
  record LocalTrackSubscribed(String trackSid) implements TrackEvent { }

  /**
   * After a full reconnect, a track of the local participant was published again under a new
   * sid.
   *
   * @param previousSid the sid it had before
   * @param publication the publication now, with its new {@link TrackPublication#sid() sid}
   */
  record LocalTrackRepublished(String previousSid, TrackPublication publication) implements TrackEvent { }

  // ---- remote tracks -----------------------------------------------------------------------

  /**
   * A remote participant published a track.
   *
   * @param identity the publisher
   * @param publication the publication as announced
   */
  record TrackPublished(String identity, TrackPublication publication) implements TrackEvent { }

  /**
   * A remote participant unpublished a track.
   *
   * @param identity the publisher
   * @param publication the publication as last known (only its sid is certain if its
   *     announcement was never seen)
   */
  record TrackUnpublished(String identity, TrackPublication publication) implements TrackEvent { }

  /**
   * The local client subscribed to a remote track: its media can now be received.
   *
   * @param identity the publisher
   * @param track the track
   */
  record TrackSubscribed(String identity, RemoteTrack track) implements TrackEvent { }

  /**
   * The local client unsubscribed from a remote track; streams reading it end.
   *
   * @param identity the publisher
   * @param trackSid the track's sid
   */
  record TrackUnsubscribed(String identity, String trackSid) implements TrackEvent { }

  /**
   * Subscribing to a remote track failed.
   *
   * @param identity the publisher
   * @param trackSid the track's sid
   * @param error the core's reason
   */
  record TrackSubscriptionFailed(String identity, String trackSid, String error) implements TrackEvent { }

  /**
   * A participant (local or remote) muted a track.
   *
   * @param identity the publisher
   * @param trackSid the track's sid
   */
  record TrackMuted(String identity, String trackSid) implements TrackEvent { }

  /**
   * A participant (local or remote) unmuted a track.
   *
   * @param identity the publisher
   * @param trackSid the track's sid
   */
  record TrackUnmuted(String identity, String trackSid) implements TrackEvent { }

  // ---- room --------------------------------------------------------------------------------

  /**
   * The server sent new information about the room.
   *
   * @param info the room now
   */
  record RoomUpdated(RoomInfo info) implements RoomChangeEvent { }

  /**
   * The server moved the local participant to another room.
   *
   * @param info the room it is in now
   */
  record RoomMoved(RoomInfo info) implements RoomChangeEvent { }

  /**
   * The buffered-amount-low threshold of a data channel changed.
   *
   * @param kind which channel
   * @param threshold the new threshold, in bytes
   */
  record DataChannelLowThresholdChanged(DataKind kind, long threshold) implements DataEvent { }

  // ---- participants ------------------------------------------------------------------------

  /**
   * A participant's permissions changed (local or remote).
   *
   * @param identity the participant
   * @param permission the permissions now, if the server sent them
   */
  record ParticipantPermissionChanged(String identity, Optional<ParticipantPermission> permission)
      implements ParticipantEvent { }

  /**
   * A participant's media connection is established (local or remote).
   *
   * @param identity the participant
   */
  record ParticipantActive(String identity) implements ParticipantEvent { }

  /**
   * Whether a participant's published media is end-to-end encrypted changed.
   *
   * @param identity the participant
   * @param encrypted whether it is now
   */
  record ParticipantEncryptionStatusChanged(String identity, boolean encrypted) implements ParticipantEvent { }

  /**
   * The server sent full information about some participants (for example their sids).
   *
   * @param participants the updated snapshots, as the room now holds them
   */
  record ParticipantsUpdated(List<Participant> participants) implements ParticipantEvent {
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
  record ConnectionQualityChanged(String identity, ConnectionQuality quality) implements ParticipantEvent { }

  /**
   * The state of a participant's end-to-end encryption changed.
   *
   * @param identity the participant
   * @param state the state
   */
  record E2eeStateChanged(String identity, EncryptionState state) implements EncryptionEvent { }

  // ---- messages ----------------------------------------------------------------------------

  /**
   * A SIP participant sent a DTMF tone.
   *
   * @param senderIdentity the sender, empty when the server sent it
   * @param code the DTMF code
   * @param digit the digit, if sent
   */
  record SipDtmfReceived(Optional<String> senderIdentity, int code, Optional<String> digit)
      implements DataEvent { }

  /**
   * Transcription segments arrived.
   *
   * @param identity the participant whose speech was transcribed, if named
   * @param trackSid the transcribed track, if named
   * @param segments the segments
   */
  record TranscriptionReceived(Optional<String> identity, Optional<String> trackSid,
                               List<TranscriptionSegment> segments) implements DataEvent {
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
  record ChatMessageReceived(String senderIdentity, ChatMessage message) implements DataEvent { }

  // ---- data tracks -------------------------------------------------------------------------

  /**
   * A remote participant published a data track.
   *
   * @param publisherIdentity the publisher
   * @param track the data track
   */
  record DataTrackPublished(String publisherIdentity, DataTrackInfo track) implements DataEvent { }

  /**
   * A remote data track was unpublished.
   *
   * @param sid the data track's sid
   */
  record DataTrackUnpublished(String sid) implements DataEvent { }

  // ---- connection --------------------------------------------------------------------------

  /**
   * The server issued a new access token, which the core uses for later reconnects. Its
   * {@link #toString()} does not show the token.
   *
   * @param token the new token; a credential: do not log it
   */
  record TokenRefreshed(String token) implements RoomChangeEvent {
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
  record Disconnected(DisconnectReason reason) implements ConnectionEvent { }
}
