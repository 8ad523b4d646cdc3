package io.roomflux.reactor;

import java.util.Optional;

/**
 * {@link RoomEvent#participantIdentity()}: an exhaustive switch over every event (no default
 * branch, so a new event does not compile until it is placed here). Kept out of RoomEvent.java,
 * which holds every record, so that file stays under the production code's 400-line limit.
 */
final class EventIdentities {
  private EventIdentities() {
  }

  static Optional<String> of(RoomEvent event) {
    return switch (event) {
      case RoomEvent.ParticipantConnected e -> Optional.of(e.participant().identity());
      case RoomEvent.ParticipantDisconnected e -> Optional.of(e.participant().identity());
      case RoomEvent.ParticipantMetadataChanged e -> Optional.of(e.identity());
      case RoomEvent.ParticipantNameChanged e -> Optional.of(e.identity());
      case RoomEvent.ParticipantAttributesChanged e -> Optional.of(e.identity());
      case RoomEvent.ParticipantPermissionChanged e -> Optional.of(e.identity());
      case RoomEvent.ParticipantActive e -> Optional.of(e.identity());
      case RoomEvent.ParticipantEncryptionStatusChanged e -> Optional.of(e.identity());
      case RoomEvent.ConnectionQualityChanged e -> Optional.of(e.identity());
      case RoomEvent.TrackPublished e -> Optional.of(e.identity());
      case RoomEvent.TrackUnpublished e -> Optional.of(e.identity());
      case RoomEvent.TrackSubscribed e -> Optional.of(e.identity());
      case RoomEvent.TrackUnsubscribed e -> Optional.of(e.identity());
      case RoomEvent.TrackSubscriptionFailed e -> Optional.of(e.identity());
      case RoomEvent.TrackMuted e -> Optional.of(e.identity());
      case RoomEvent.TrackUnmuted e -> Optional.of(e.identity());
      case RoomEvent.E2eeStateChanged e -> Optional.of(e.identity());
      case RoomEvent.DataReceived e -> e.packet().senderIdentity();
      case RoomEvent.ChatMessageReceived e -> Optional.of(e.senderIdentity());
      case RoomEvent.SipDtmfReceived e -> e.senderIdentity();
      case RoomEvent.TranscriptionReceived e -> e.identity();
      case RoomEvent.DataTrackPublished e -> Optional.of(e.publisherIdentity());
      case RoomEvent.ConnectionEvent e -> Optional.empty();
      case RoomEvent.RoomChangeEvent e -> Optional.empty();
      case RoomEvent.ActiveSpeakersChanged e -> Optional.empty();
      case RoomEvent.ParticipantsUpdated e -> Optional.empty();
      case RoomEvent.LocalTrackPublished e -> Optional.empty();
      case RoomEvent.LocalTrackUnpublished e -> Optional.empty();
      case RoomEvent.LocalTrackSubscribed e -> Optional.empty();
      case RoomEvent.LocalTrackRepublished e -> Optional.empty();
      case RoomEvent.DataChannelLowThresholdChanged e -> Optional.empty();
      case RoomEvent.DataTrackUnpublished e -> Optional.empty();
    };
  }
}
