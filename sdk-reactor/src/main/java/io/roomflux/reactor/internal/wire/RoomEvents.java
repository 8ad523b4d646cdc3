package io.roomflux.reactor.internal.wire;

import io.roomflux.reactor.data.DataKind;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.core.HandleKind;
import io.roomflux.proto.DataPacketKind;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.OwnedBuffer;
import io.roomflux.proto.RoomEvent.MessageCase;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the core's room events to {@link RoomEvent} records. Pure: it reads the room's state only
 * through {@link Known} (for values an event refers to by id) and takes no handle except the
 * data packet's buffer, which {@link Known#takeBuffer} copies and drops. Which handle an event
 * hands over is said by {@link #handedOver}; the room owns those itself.
 */
public final class RoomEvents {
  /** What the mapper needs to know of the room: state as it was before the event. */
  public interface Known {
    /** A participant, local or remote, as last known. */
    Optional<Participant> participant(String identity);

    /** A remote participant's publication as last known. */
    Optional<TrackPublication> publication(String identity, String trackSid);

    /** Copies the bytes of a buffer the event handed over and drops its handle. */
    byte[] takeBuffer(OwnedBuffer buffer);
  }

  /**
   * The cases {@link #map} gives no record for, and why. Every other case maps to exactly one
   * record (the data packet case to one of two).
   */
  public static final Map<MessageCase, String> NOT_MAPPED;

  static {
    Map<MessageCase, String> notMapped = new EnumMap<>(MessageCase.class);
    notMapped.put(MessageCase.EOS, "the end of the room's events: the room ends through Disconnected");
    notMapped.put(MessageCase.STREAM_HEADER_RECEIVED, "low-level data stream packet: not exposed");
    notMapped.put(MessageCase.STREAM_CHUNK_RECEIVED, "low-level data stream packet: not exposed");
    notMapped.put(MessageCase.STREAM_TRAILER_RECEIVED, "low-level data stream packet: not exposed");
    notMapped.put(MessageCase.BYTE_STREAM_OPENED, "an incoming data stream: handled by the data stream API");
    notMapped.put(MessageCase.TEXT_STREAM_OPENED, "an incoming data stream: handled by the data stream API");
    notMapped.put(MessageCase.MESSAGE_NOT_SET, "an empty event");
    NOT_MAPPED = Map.copyOf(notMapped);
  }

  /** A handle an event hands over to the client: the room must own it. */
  public record Handed(long id, HandleKind kind) {
  }

  private RoomEvents() {
  }

  /**
   * The handle the event hands over and the room keeps, if any. A data packet's buffer is not
   * one of them: {@link #map} takes it.
   */
  public static Optional<Handed> handedOver(io.roomflux.proto.RoomEvent e) {
    return switch (e.getMessageCase()) {
      case PARTICIPANT_CONNECTED -> handed(e.getParticipantConnected().getInfo().getHandle(), HandleKind.PARTICIPANT);
      case TRACK_PUBLISHED -> handed(e.getTrackPublished().getPublication().getHandle(), HandleKind.TRACK_PUBLICATION);
      case TRACK_SUBSCRIBED -> handed(e.getTrackSubscribed().getTrack().getHandle(), HandleKind.TRACK);
      case DATA_TRACK_PUBLISHED -> handed(e.getDataTrackPublished().getTrack().getHandle(), HandleKind.DATA_TRACK);
      default -> Optional.empty();
    };
  }

  private static Optional<Handed> handed(FfiOwnedHandle handle, HandleKind kind) {
    return Optional.of(new Handed(handle.getId(), kind));
  }

  /**
   * The record for a core event, or empty for the cases in {@link #NOT_MAPPED} (and a data
   * packet that carries neither user data nor DTMF).
   */
  public static Optional<RoomEvent> map(io.roomflux.proto.RoomEvent e, Known known) {
    // Exhaustive on purpose: a case added to the protocol does not compile until it is decided.
    RoomEvent mapped = switch (e.getMessageCase()) {
      case PARTICIPANT_CONNECTED -> new RoomEvent.ParticipantConnected(
          ParticipantWire.participant(e.getParticipantConnected().getInfo().getInfo()));
      case PARTICIPANT_DISCONNECTED -> {
        var d = e.getParticipantDisconnected();
        String identity = d.getParticipantIdentity();
        yield new RoomEvent.ParticipantDisconnected(
            known.participant(identity).orElseGet(() -> new Participant("", identity, "", "", Map.of())),
            RoomWire.disconnectReason(d.getDisconnectReason()));
      }
      case LOCAL_TRACK_PUBLISHED -> new RoomEvent.LocalTrackPublished(e.getLocalTrackPublished().getTrackSid());
      case LOCAL_TRACK_UNPUBLISHED ->
          new RoomEvent.LocalTrackUnpublished(e.getLocalTrackUnpublished().getPublicationSid());
      case LOCAL_TRACK_SUBSCRIBED -> new RoomEvent.LocalTrackSubscribed(e.getLocalTrackSubscribed().getTrackSid());
      case LOCAL_TRACK_REPUBLISHED -> new RoomEvent.LocalTrackRepublished(
          e.getLocalTrackRepublished().getPreviousSid(), ParticipantWire.publication(e.getLocalTrackRepublished().getInfo()));
      case TRACK_PUBLISHED -> new RoomEvent.TrackPublished(e.getTrackPublished().getParticipantIdentity(),
          ParticipantWire.publication(e.getTrackPublished().getPublication().getInfo()));
      case TRACK_UNPUBLISHED -> {
        var u = e.getTrackUnpublished();
        yield new RoomEvent.TrackUnpublished(u.getParticipantIdentity(),
            known.publication(u.getParticipantIdentity(), u.getPublicationSid())
                .orElseGet(() -> TrackPublication.unknown(u.getPublicationSid())));
      }
      case TRACK_SUBSCRIBED -> new RoomEvent.TrackSubscribed(e.getTrackSubscribed().getParticipantIdentity(),
          ParticipantWire.remoteTrack(e.getTrackSubscribed().getTrack().getInfo()));
      case TRACK_UNSUBSCRIBED -> new RoomEvent.TrackUnsubscribed(
          e.getTrackUnsubscribed().getParticipantIdentity(), e.getTrackUnsubscribed().getTrackSid());
      case TRACK_SUBSCRIPTION_FAILED -> {
        var f = e.getTrackSubscriptionFailed();
        yield new RoomEvent.TrackSubscriptionFailed(f.getParticipantIdentity(), f.getTrackSid(), f.getError());
      }
      case TRACK_MUTED -> new RoomEvent.TrackMuted(e.getTrackMuted().getParticipantIdentity(),
          e.getTrackMuted().getTrackSid());
      case TRACK_UNMUTED -> new RoomEvent.TrackUnmuted(e.getTrackUnmuted().getParticipantIdentity(),
          e.getTrackUnmuted().getTrackSid());
      case ACTIVE_SPEAKERS_CHANGED ->
          new RoomEvent.ActiveSpeakersChanged(e.getActiveSpeakersChanged().getParticipantIdentitiesList());
      case ROOM_METADATA_CHANGED -> new RoomEvent.RoomMetadataChanged(e.getRoomMetadataChanged().getMetadata());
      case ROOM_SID_CHANGED -> new RoomEvent.RoomSidChanged(e.getRoomSidChanged().getSid());
      case PARTICIPANT_METADATA_CHANGED -> new RoomEvent.ParticipantMetadataChanged(
          e.getParticipantMetadataChanged().getParticipantIdentity(), e.getParticipantMetadataChanged().getMetadata());
      case PARTICIPANT_NAME_CHANGED -> new RoomEvent.ParticipantNameChanged(
          e.getParticipantNameChanged().getParticipantIdentity(), e.getParticipantNameChanged().getName());
      case PARTICIPANT_ATTRIBUTES_CHANGED -> {
        var c = e.getParticipantAttributesChanged();
        Map<String, String> all = new HashMap<>();
        c.getAttributesList().forEach(a -> all.put(a.getKey(), a.getValue()));
        Map<String, String> changed = new HashMap<>();
        c.getChangedAttributesList().forEach(a -> changed.put(a.getKey(), a.getValue()));
        yield new RoomEvent.ParticipantAttributesChanged(c.getParticipantIdentity(), all, changed);
      }
      case CONNECTION_QUALITY_CHANGED -> new RoomEvent.ConnectionQualityChanged(
          e.getConnectionQualityChanged().getParticipantIdentity(),
          RoomWire.connectionQuality(e.getConnectionQualityChanged().getQuality()));
      case CONNECTION_STATE_CHANGED ->
          new RoomEvent.ConnectionStateChanged(RoomWire.connectionState(e.getConnectionStateChanged().getState()));
      case DISCONNECTED -> new RoomEvent.Disconnected(RoomWire.disconnectReason(e.getDisconnected().getReason()));
      case RECONNECTING -> new RoomEvent.Reconnecting();
      case RECONNECTED -> new RoomEvent.Reconnected();
      case E2EE_STATE_CHANGED -> new RoomEvent.E2eeStateChanged(e.getE2EeStateChanged().getParticipantIdentity(),
          E2eeWire.encryptionState(e.getE2EeStateChanged().getState()));
      case DATA_PACKET_RECEIVED -> dataPacket(e.getDataPacketReceived(), known);
      case TRANSCRIPTION_RECEIVED -> {
        var t = e.getTranscriptionReceived();
        yield new RoomEvent.TranscriptionReceived(nonEmpty(t.hasParticipantIdentity(), t.getParticipantIdentity()),
            nonEmpty(t.hasTrackSid(), t.getTrackSid()),
            t.getSegmentsList().stream().map(DataWire::transcriptionSegment).toList());
      }
      case CHAT_MESSAGE -> new RoomEvent.ChatMessageReceived(e.getChatMessage().getParticipantIdentity(),
          DataWire.chatMessage(e.getChatMessage().getMessage()));
      case DATA_CHANNEL_LOW_THRESHOLD_CHANGED -> new RoomEvent.DataChannelLowThresholdChanged(
          dataKind(e.getDataChannelLowThresholdChanged().getKind()),
          e.getDataChannelLowThresholdChanged().getThreshold());
      case ROOM_UPDATED -> new RoomEvent.RoomUpdated(RoomWire.roomInfo(e.getRoomUpdated()));
      case MOVED -> new RoomEvent.RoomMoved(RoomWire.roomInfo(e.getMoved()));
      case PARTICIPANTS_UPDATED -> {
        List<Participant> updated = new ArrayList<>();
        for (io.roomflux.proto.ParticipantInfo info : e.getParticipantsUpdated().getParticipantsList()) {
          Participant fresh = ParticipantWire.participant(info);
          // The info does not say whether media is encrypted: keep what the room knows.
          updated.add(known.participant(fresh.identity()).map(p -> fresh.withEncrypted(p.encrypted())).orElse(fresh));
        }
        yield new RoomEvent.ParticipantsUpdated(updated);
      }
      case PARTICIPANT_ENCRYPTION_STATUS_CHANGED -> new RoomEvent.ParticipantEncryptionStatusChanged(
          e.getParticipantEncryptionStatusChanged().getParticipantIdentity(),
          e.getParticipantEncryptionStatusChanged().getIsEncrypted());
      case TOKEN_REFRESHED -> new RoomEvent.TokenRefreshed(e.getTokenRefreshed().getToken());
      case PARTICIPANT_PERMISSION_CHANGED -> {
        var c = e.getParticipantPermissionChanged();
        yield new RoomEvent.ParticipantPermissionChanged(c.getParticipantIdentity(),
            c.hasPermission() ? Optional.of(ParticipantWire.permission(c.getPermission())) : Optional.empty());
      }
      case PARTICIPANT_ACTIVE -> new RoomEvent.ParticipantActive(e.getParticipantActive().getParticipantIdentity());
      case DATA_TRACK_PUBLISHED -> new RoomEvent.DataTrackPublished(
          e.getDataTrackPublished().getTrack().getPublisherIdentity(),
          DataWire.dataTrackInfo(e.getDataTrackPublished().getTrack().getInfo()));
      case DATA_TRACK_UNPUBLISHED -> new RoomEvent.DataTrackUnpublished(e.getDataTrackUnpublished().getSid());
      case EOS, STREAM_HEADER_RECEIVED, STREAM_CHUNK_RECEIVED, STREAM_TRAILER_RECEIVED, BYTE_STREAM_OPENED,
           TEXT_STREAM_OPENED, MESSAGE_NOT_SET -> null;
    };
    return Optional.ofNullable(mapped);
  }

  private static RoomEvent dataPacket(io.roomflux.proto.DataPacketReceived d, Known known) {
    Optional<String> sender = nonEmpty(true, d.getParticipantIdentity());
    return switch (d.getValueCase()) {
      case USER -> {
        byte[] bytes = known.takeBuffer(d.getUser().getData());
        yield new RoomEvent.DataReceived(new DataPacket(ByteBuffer.wrap(bytes),
            d.getUser().hasTopic() ? Optional.of(d.getUser().getTopic()) : Optional.empty(),
            sender, dataKind(d.getKind())));
      }
      case SIP_DTMF -> new RoomEvent.SipDtmfReceived(sender, d.getSipDtmf().getCode(),
          d.getSipDtmf().hasDigit() ? Optional.of(d.getSipDtmf().getDigit()) : Optional.empty());
      case VALUE_NOT_SET -> null;
    };
  }

  private static DataKind dataKind(DataPacketKind kind) {
    return kind == DataPacketKind.KIND_LOSSY ? DataKind.LOSSY : DataKind.RELIABLE;
  }

  private static Optional<String> nonEmpty(boolean present, String value) {
    return present && !value.isEmpty() ? Optional.of(value) : Optional.empty();
  }
}
