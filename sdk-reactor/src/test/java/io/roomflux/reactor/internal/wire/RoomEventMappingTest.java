package io.roomflux.reactor.internal.wire;

import io.roomflux.reactor.ConnectionQuality;
import io.roomflux.reactor.DisconnectReason;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomInfo;
import io.roomflux.reactor.data.ChatMessage;
import io.roomflux.reactor.data.DataKind;
import io.roomflux.reactor.data.DataTrackInfo;
import io.roomflux.reactor.e2ee.EncryptionState;
import io.roomflux.reactor.e2ee.EncryptionType;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.ParticipantPermission;
import io.roomflux.reactor.participant.RemoteTrack;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.reactor.data.TranscriptionSegment;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.roomflux.core.HandleKind;
import io.roomflux.proto.ActiveSpeakersChanged;
import io.roomflux.proto.AttributesEntry;
import io.roomflux.proto.BufferInfo;
import io.roomflux.proto.ChatMessageReceived;
import io.roomflux.proto.ConnectionQualityChanged;
import io.roomflux.proto.DataChannelBufferedAmountLowThresholdChanged;
import io.roomflux.proto.DataPacketKind;
import io.roomflux.proto.DataPacketReceived;
import io.roomflux.proto.DataTrackUnpublished;
import io.roomflux.proto.E2eeStateChanged;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.LocalTrackPublished;
import io.roomflux.proto.LocalTrackRepublished;
import io.roomflux.proto.LocalTrackSubscribed;
import io.roomflux.proto.LocalTrackUnpublished;
import io.roomflux.proto.OwnedBuffer;
import io.roomflux.proto.OwnedParticipant;
import io.roomflux.proto.OwnedRemoteDataTrack;
import io.roomflux.proto.OwnedTrack;
import io.roomflux.proto.OwnedTrackPublication;
import io.roomflux.proto.ParticipantActive;
import io.roomflux.proto.ParticipantAttributesChanged;
import io.roomflux.proto.ParticipantConnected;
import io.roomflux.proto.ParticipantDisconnected;
import io.roomflux.proto.ParticipantEncryptionStatusChanged;
import io.roomflux.proto.ParticipantInfo;
import io.roomflux.proto.ParticipantPermissionChanged;
import io.roomflux.proto.ParticipantState;
import io.roomflux.proto.ParticipantsUpdated;
import io.roomflux.proto.RoomEvent.MessageCase;
import io.roomflux.proto.SipDTMF;
import io.roomflux.proto.TokenRefreshed;
import io.roomflux.proto.TrackInfo;
import io.roomflux.proto.TrackMuted;
import io.roomflux.proto.TrackPublicationInfo;
import io.roomflux.proto.TrackPublished;
import io.roomflux.proto.TrackSubscribed;
import io.roomflux.proto.TrackSubscriptionFailed;
import io.roomflux.proto.TrackUnmuted;
import io.roomflux.proto.TrackUnpublished;
import io.roomflux.proto.TrackUnsubscribed;
import io.roomflux.proto.TranscriptionReceived;
import io.roomflux.proto.UserPacket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link RoomEvents#map} on synthetic protocol messages: every core event kind is either mapped to
 * its record or explicitly listed as not mapped, and the fields come out typed. No core, no
 * server: events that need media (tracks) are covered here only.
 */
class RoomEventMappingTest {
  /** The record each protocol case maps to. A case added to the protocol must be added here. */
  private static final Map<MessageCase, Class<? extends RoomEvent>> EXPECTED = new EnumMap<>(MessageCase.class);

  static {
    EXPECTED.put(MessageCase.PARTICIPANT_CONNECTED, RoomEvent.ParticipantConnected.class);
    EXPECTED.put(MessageCase.PARTICIPANT_DISCONNECTED, RoomEvent.ParticipantDisconnected.class);
    EXPECTED.put(MessageCase.LOCAL_TRACK_PUBLISHED, RoomEvent.LocalTrackPublished.class);
    EXPECTED.put(MessageCase.LOCAL_TRACK_UNPUBLISHED, RoomEvent.LocalTrackUnpublished.class);
    EXPECTED.put(MessageCase.LOCAL_TRACK_SUBSCRIBED, RoomEvent.LocalTrackSubscribed.class);
    EXPECTED.put(MessageCase.TRACK_PUBLISHED, RoomEvent.TrackPublished.class);
    EXPECTED.put(MessageCase.TRACK_UNPUBLISHED, RoomEvent.TrackUnpublished.class);
    EXPECTED.put(MessageCase.TRACK_SUBSCRIBED, RoomEvent.TrackSubscribed.class);
    EXPECTED.put(MessageCase.TRACK_UNSUBSCRIBED, RoomEvent.TrackUnsubscribed.class);
    EXPECTED.put(MessageCase.TRACK_SUBSCRIPTION_FAILED, RoomEvent.TrackSubscriptionFailed.class);
    EXPECTED.put(MessageCase.TRACK_MUTED, RoomEvent.TrackMuted.class);
    EXPECTED.put(MessageCase.TRACK_UNMUTED, RoomEvent.TrackUnmuted.class);
    EXPECTED.put(MessageCase.ACTIVE_SPEAKERS_CHANGED, RoomEvent.ActiveSpeakersChanged.class);
    EXPECTED.put(MessageCase.ROOM_METADATA_CHANGED, RoomEvent.RoomMetadataChanged.class);
    EXPECTED.put(MessageCase.ROOM_SID_CHANGED, RoomEvent.RoomSidChanged.class);
    EXPECTED.put(MessageCase.PARTICIPANT_METADATA_CHANGED, RoomEvent.ParticipantMetadataChanged.class);
    EXPECTED.put(MessageCase.PARTICIPANT_NAME_CHANGED, RoomEvent.ParticipantNameChanged.class);
    EXPECTED.put(MessageCase.PARTICIPANT_ATTRIBUTES_CHANGED, RoomEvent.ParticipantAttributesChanged.class);
    EXPECTED.put(MessageCase.CONNECTION_QUALITY_CHANGED, RoomEvent.ConnectionQualityChanged.class);
    EXPECTED.put(MessageCase.CONNECTION_STATE_CHANGED, RoomEvent.ConnectionStateChanged.class);
    EXPECTED.put(MessageCase.DISCONNECTED, RoomEvent.Disconnected.class);
    EXPECTED.put(MessageCase.RECONNECTING, RoomEvent.Reconnecting.class);
    EXPECTED.put(MessageCase.RECONNECTED, RoomEvent.Reconnected.class);
    EXPECTED.put(MessageCase.E2EE_STATE_CHANGED, RoomEvent.E2eeStateChanged.class);
    EXPECTED.put(MessageCase.DATA_PACKET_RECEIVED, RoomEvent.DataReceived.class);
    EXPECTED.put(MessageCase.TRANSCRIPTION_RECEIVED, RoomEvent.TranscriptionReceived.class);
    EXPECTED.put(MessageCase.CHAT_MESSAGE, RoomEvent.ChatMessageReceived.class);
    EXPECTED.put(MessageCase.DATA_CHANNEL_LOW_THRESHOLD_CHANGED, RoomEvent.DataChannelLowThresholdChanged.class);
    EXPECTED.put(MessageCase.ROOM_UPDATED, RoomEvent.RoomUpdated.class);
    EXPECTED.put(MessageCase.MOVED, RoomEvent.RoomMoved.class);
    EXPECTED.put(MessageCase.PARTICIPANTS_UPDATED, RoomEvent.ParticipantsUpdated.class);
    EXPECTED.put(MessageCase.PARTICIPANT_ENCRYPTION_STATUS_CHANGED, RoomEvent.ParticipantEncryptionStatusChanged.class);
    EXPECTED.put(MessageCase.TOKEN_REFRESHED, RoomEvent.TokenRefreshed.class);
    EXPECTED.put(MessageCase.PARTICIPANT_PERMISSION_CHANGED, RoomEvent.ParticipantPermissionChanged.class);
    EXPECTED.put(MessageCase.PARTICIPANT_ACTIVE, RoomEvent.ParticipantActive.class);
    EXPECTED.put(MessageCase.DATA_TRACK_PUBLISHED, RoomEvent.DataTrackPublished.class);
    EXPECTED.put(MessageCase.DATA_TRACK_UNPUBLISHED, RoomEvent.DataTrackUnpublished.class);
    EXPECTED.put(MessageCase.LOCAL_TRACK_REPUBLISHED, RoomEvent.LocalTrackRepublished.class);
  }

  /** Room state for the mapper: a few known participants and publications; buffers are fake. */
  private static final class FakeKnown implements RoomEvents.Known {
    final Map<String, Participant> participants = new HashMap<>();
    final Map<String, TrackPublication> publications = new HashMap<>();
    final List<OwnedBuffer> taken = new ArrayList<>();

    @Override
    public Optional<Participant> participant(String identity) {
      return Optional.ofNullable(participants.get(identity));
    }

    @Override
    public Optional<TrackPublication> publication(String identity, String trackSid) {
      return Optional.ofNullable(publications.get(identity + "/" + trackSid));
    }

    @Override
    public byte[] takeBuffer(OwnedBuffer buffer) {
      taken.add(buffer);
      return new byte[] {1, 2, 3};
    }
  }

  private final FakeKnown known = new FakeKnown();

  private static io.roomflux.proto.RoomEvent.Builder event() {
    return io.roomflux.proto.RoomEvent.newBuilder().setRoomHandle(1);
  }

  private RoomEvent map(io.roomflux.proto.RoomEvent.Builder e) {
    Optional<RoomEvent> mapped = RoomEvents.map(e.buildPartial(), known);
    assertThat(mapped).as("mapped %s", e.getMessageCase()).isPresent();
    return mapped.orElseThrow();
  }

  /** The case's message with only defaults, set through the descriptor (so it works for any case). */
  private static io.roomflux.proto.RoomEvent defaultsOf(MessageCase c) {
    io.roomflux.proto.RoomEvent.Builder b = event();
    FieldDescriptor field = io.roomflux.proto.RoomEvent.getDescriptor().findFieldByNumber(c.getNumber());
    b.setField(field, b.newBuilderForField(field).buildPartial());
    return b.buildPartial();
  }

  @Test
  void everyProtocolCaseIsEitherMappedOrListedAsNotMapped() {
    Set<MessageCase> decided = EnumSet.noneOf(MessageCase.class);
    decided.addAll(EXPECTED.keySet());
    decided.addAll(RoomEvents.NOT_MAPPED.keySet());
    assertThat(decided).containsExactlyInAnyOrder(MessageCase.values());
    assertThat(EXPECTED.keySet()).doesNotContainAnyElementsOf(RoomEvents.NOT_MAPPED.keySet());

    for (MessageCase c : MessageCase.values()) {
      io.roomflux.proto.RoomEvent e = c == MessageCase.MESSAGE_NOT_SET ? event().buildPartial()
          : c == MessageCase.DATA_PACKET_RECEIVED
              ? event().setDataPacketReceived(DataPacketReceived.newBuilder()
                  .setUser(UserPacket.newBuilder().setData(buffer(9))).buildPartial()).buildPartial()
              : defaultsOf(c);
      assertThat(e.getMessageCase()).isEqualTo(c);
      Optional<RoomEvent> mapped = RoomEvents.map(e, known);
      if (RoomEvents.NOT_MAPPED.containsKey(c)) {
        assertThat(mapped).as("%s is listed as not mapped", c).isEmpty();
      } else {
        assertThat(mapped).as("%s", c).get().isInstanceOf(EXPECTED.get(c));
      }
    }
  }

  @Test
  void everyHandleAMappedEventCarriesIsHandedOverOrTakenByTheMapper() {
    for (MessageCase c : MessageCase.values()) {
      if (c == MessageCase.MESSAGE_NOT_SET || RoomEvents.NOT_MAPPED.containsKey(c)) {
        continue;
      }
      FieldDescriptor field = io.roomflux.proto.RoomEvent.getDescriptor().findFieldByNumber(c.getNumber());
      boolean carriesHandle = carriesHandle(field.getMessageType(), new HashSet<>());
      boolean handled = !RoomEvents.handedOver(defaultsOf(c)).isEmpty() || c == MessageCase.DATA_PACKET_RECEIVED;
      assertThat(handled).as("%s carries a handle: it must be handed over or taken", c).isEqualTo(carriesHandle);
    }
  }

  private static boolean carriesHandle(Descriptor type, Set<String> seen) {
    if (type.getFullName().equals(FfiOwnedHandle.getDescriptor().getFullName())) {
      return true;
    }
    if (!seen.add(type.getFullName())) {
      return false;
    }
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && carriesHandle(f.getMessageType(), seen)) {
        return true;
      }
    }
    return false;
  }

  private static OwnedBuffer buffer(long handle) {
    return OwnedBuffer.newBuilder().setHandle(FfiOwnedHandle.newBuilder().setId(handle))
        .setData(BufferInfo.newBuilder().setDataPtr(0).setDataLen(3)).build();
  }

  private static TrackPublicationInfo videoPublication(String sid) {
    return TrackPublicationInfo.newBuilder().setSid(sid).setName("cam").setKind(io.roomflux.proto.TrackKind.KIND_VIDEO)
        .setSource(io.roomflux.proto.TrackSource.SOURCE_CAMERA).setSimulcasted(true).setWidth(1280).setHeight(720)
        .setMimeType("video/VP8").setMuted(false).setRemote(true)
        .setEncryptionType(io.roomflux.proto.EncryptionType.GCM).build();
  }

  private static ParticipantInfo participantInfo(String identity) {
    return ParticipantInfo.newBuilder().setSid("PA_" + identity).setName(identity.toUpperCase())
        .setIdentity(identity).setState(ParticipantState.PARTICIPANT_STATE_ACTIVE).setMetadata("m")
        .putAttributes("k", "v").setKind(io.roomflux.proto.ParticipantKind.PARTICIPANT_KIND_STANDARD)
        .setDisconnectReason(io.roomflux.proto.DisconnectReason.UNKNOWN_REASON).setJoinedAt(1).setClientProtocol(1)
        .setPermission(io.roomflux.proto.ParticipantPermission.newBuilder().setCanSubscribe(true).setCanPublish(true)
            .setCanPublishData(false).setHidden(false).addCanPublishSources(io.roomflux.proto.TrackSource.SOURCE_MICROPHONE)
            .setCanUpdateMetadata(true).setCanSubscribeMetrics(false).setCanManageAgentSession(false))
        .build();
  }

  // ---- tracks ------------------------------------------------------------------------------

  @Test
  void trackPublishedCarriesTheTypedPublicationAndHandsOverItsHandle() {
    var e = event().setTrackPublished(TrackPublished.newBuilder().setParticipantIdentity("bob")
        .setPublication(OwnedTrackPublication.newBuilder().setHandle(FfiOwnedHandle.newBuilder().setId(42))
            .setInfo(videoPublication("TR_1"))));

    assertThat(map(e)).isEqualTo(new RoomEvent.TrackPublished("bob", new TrackPublication("TR_1", "cam",
        TrackKind.VIDEO, TrackSource.CAMERA, "video/VP8", false, true, 1280, 720, EncryptionType.GCM,
        Optional.empty())));
    assertThat(RoomEvents.handedOver(e.buildPartial()))
        .contains(new RoomEvents.Handed(42, HandleKind.TRACK_PUBLICATION));
  }

  @Test
  void trackUnpublishedReportsThePublicationAsLastKnownElseOnlyItsSid() {
    TrackPublication known = ParticipantWire.publication(videoPublication("TR_1")).withMuted(true);
    this.known.publications.put("bob/TR_1", known);

    assertThat(map(event().setTrackUnpublished(TrackUnpublished.newBuilder().setParticipantIdentity("bob")
        .setPublicationSid("TR_1")))).isEqualTo(new RoomEvent.TrackUnpublished("bob", known));
    assertThat(map(event().setTrackUnpublished(TrackUnpublished.newBuilder().setParticipantIdentity("bob")
        .setPublicationSid("TR_2")))).isEqualTo(new RoomEvent.TrackUnpublished("bob", TrackPublication.unknown("TR_2")));
  }

  @Test
  void trackSubscribedCarriesTheRemoteTrackAndHandsOverItsHandle() {
    var e = event().setTrackSubscribed(TrackSubscribed.newBuilder().setParticipantIdentity("bob")
        .setTrack(OwnedTrack.newBuilder().setHandle(FfiOwnedHandle.newBuilder().setId(7))
            .setInfo(TrackInfo.newBuilder().setSid("TR_A").setName("mic").setKind(io.roomflux.proto.TrackKind.KIND_AUDIO)
                .setStreamState(io.roomflux.proto.StreamState.STATE_ACTIVE).setMuted(false).setRemote(true))));

    assertThat(map(e)).isEqualTo(new RoomEvent.TrackSubscribed("bob", new RemoteTrack("TR_A", "mic", TrackKind.AUDIO)));
    assertThat(RoomEvents.handedOver(e.buildPartial())).contains(new RoomEvents.Handed(7, HandleKind.TRACK));
  }

  @Test
  void trackNoticesCarryIdentityAndSid() {
    assertThat(map(event().setTrackUnsubscribed(TrackUnsubscribed.newBuilder().setParticipantIdentity("bob")
        .setTrackSid("TR_1")))).isEqualTo(new RoomEvent.TrackUnsubscribed("bob", "TR_1"));
    assertThat(map(event().setTrackSubscriptionFailed(TrackSubscriptionFailed.newBuilder().setParticipantIdentity("bob")
        .setTrackSid("TR_1").setError("no permission"))))
        .isEqualTo(new RoomEvent.TrackSubscriptionFailed("bob", "TR_1", "no permission"));
    assertThat(map(event().setTrackMuted(TrackMuted.newBuilder().setParticipantIdentity("bob").setTrackSid("TR_1"))))
        .isEqualTo(new RoomEvent.TrackMuted("bob", "TR_1"));
    assertThat(map(event().setTrackUnmuted(TrackUnmuted.newBuilder().setParticipantIdentity("bob").setTrackSid("TR_1"))))
        .isEqualTo(new RoomEvent.TrackUnmuted("bob", "TR_1"));
  }

  @Test
  void localTrackEventsCarryTheirSids() {
    assertThat(map(event().setLocalTrackPublished(LocalTrackPublished.newBuilder().setTrackSid("TR_L"))))
        .isEqualTo(new RoomEvent.LocalTrackPublished("TR_L"));
    assertThat(map(event().setLocalTrackUnpublished(LocalTrackUnpublished.newBuilder().setPublicationSid("TR_L"))))
        .isEqualTo(new RoomEvent.LocalTrackUnpublished("TR_L"));
    assertThat(map(event().setLocalTrackSubscribed(LocalTrackSubscribed.newBuilder().setTrackSid("TR_L"))))
        .isEqualTo(new RoomEvent.LocalTrackSubscribed("TR_L"));
    var republished = event().setLocalTrackRepublished(LocalTrackRepublished.newBuilder().setPublicationHandle(5)
        .setPreviousSid("TR_OLD").setInfo(videoPublication("TR_NEW")));
    assertThat(map(republished)).isEqualTo(new RoomEvent.LocalTrackRepublished("TR_OLD",
        ParticipantWire.publication(videoPublication("TR_NEW"))));
    // The publication handle is the one the client already owns: nothing is handed over.
    assertThat(RoomEvents.handedOver(republished.buildPartial())).isEmpty();
  }

  // ---- participants ------------------------------------------------------------------------

  @Test
  void participantConnectedSnapshotsTheInfoIncludingPermissionAndState() {
    var e = event().setParticipantConnected(ParticipantConnected.newBuilder().setInfo(OwnedParticipant.newBuilder()
        .setHandle(FfiOwnedHandle.newBuilder().setId(3)).setInfo(participantInfo("bob"))));

    RoomEvent.ParticipantConnected c = (RoomEvent.ParticipantConnected) map(e);
    assertThat(c.participant().identity()).isEqualTo("bob");
    assertThat(c.participant().name()).isEqualTo("BOB");
    assertThat(c.participant().attributes()).containsEntry("k", "v");
    assertThat(c.participant().active()).isTrue();
    assertThat(c.participant().encrypted()).isFalse();
    assertThat(c.participant().permission()).contains(new ParticipantPermission(true, true, false, false,
        Set.of(TrackSource.MICROPHONE), true, false, false));
    assertThat(RoomEvents.handedOver(e.buildPartial())).contains(new RoomEvents.Handed(3, HandleKind.PARTICIPANT));
  }

  @Test
  void participantDisconnectedReportsTheParticipantAsLastKnownAndTheReason() {
    Participant bob = new Participant("PA_b", "bob", "Bob", "meta", Map.of());
    known.participants.put("bob", bob);

    assertThat(map(event().setParticipantDisconnected(ParticipantDisconnected.newBuilder()
        .setParticipantIdentity("bob").setDisconnectReason(io.roomflux.proto.DisconnectReason.CLIENT_INITIATED))))
        .isEqualTo(new RoomEvent.ParticipantDisconnected(bob, DisconnectReason.CLIENT_INITIATED));
    assertThat(map(event().setParticipantDisconnected(ParticipantDisconnected.newBuilder()
        .setParticipantIdentity("carol").setDisconnectReason(io.roomflux.proto.DisconnectReason.PARTICIPANT_REMOVED))))
        .isEqualTo(new RoomEvent.ParticipantDisconnected(new Participant("", "carol", "", "", Map.of()),
            DisconnectReason.PARTICIPANT_REMOVED));
  }

  @Test
  void participantChangesAreTyped() {
    assertThat(map(event().setParticipantAttributesChanged(ParticipantAttributesChanged.newBuilder()
        .setParticipantIdentity("bob")
        .addAttributes(AttributesEntry.newBuilder().setKey("a").setValue("1"))
        .addAttributes(AttributesEntry.newBuilder().setKey("b").setValue("2"))
        .addChangedAttributes(AttributesEntry.newBuilder().setKey("b").setValue("2")))))
        .isEqualTo(new RoomEvent.ParticipantAttributesChanged("bob", Map.of("a", "1", "b", "2"), Map.of("b", "2")));
    assertThat(map(event().setParticipantActive(ParticipantActive.newBuilder().setParticipantIdentity("bob"))))
        .isEqualTo(new RoomEvent.ParticipantActive("bob"));
    assertThat(map(event().setParticipantEncryptionStatusChanged(ParticipantEncryptionStatusChanged.newBuilder()
        .setParticipantIdentity("bob").setIsEncrypted(true))))
        .isEqualTo(new RoomEvent.ParticipantEncryptionStatusChanged("bob", true));
    assertThat(map(event().setParticipantPermissionChanged(ParticipantPermissionChanged.newBuilder()
        .setParticipantIdentity("bob"))))
        .isEqualTo(new RoomEvent.ParticipantPermissionChanged("bob", Optional.empty()));
    assertThat(map(event().setParticipantPermissionChanged(ParticipantPermissionChanged.newBuilder()
        .setParticipantIdentity("bob").setPermission(participantInfo("bob").getPermission()))))
        .isEqualTo(new RoomEvent.ParticipantPermissionChanged("bob", Optional.of(new ParticipantPermission(
            true, true, false, false, Set.of(TrackSource.MICROPHONE), true, false, false))));
    assertThat(map(event().setConnectionQualityChanged(ConnectionQualityChanged.newBuilder()
        .setParticipantIdentity("bob").setQuality(io.roomflux.proto.ConnectionQuality.QUALITY_EXCELLENT))))
        .isEqualTo(new RoomEvent.ConnectionQualityChanged("bob", ConnectionQuality.EXCELLENT));
    assertThat(map(event().setE2EeStateChanged(E2eeStateChanged.newBuilder().setParticipantIdentity("bob")
        .setState(io.roomflux.proto.EncryptionState.MISSING_KEY))))
        .isEqualTo(new RoomEvent.E2eeStateChanged("bob", EncryptionState.MISSING_KEY));
    assertThat(map(event().setActiveSpeakersChanged(ActiveSpeakersChanged.newBuilder()
        .addParticipantIdentities("bob").addParticipantIdentities("alice"))))
        .isEqualTo(new RoomEvent.ActiveSpeakersChanged(List.of("bob", "alice")));
  }

  @Test
  void participantsUpdatedKeepsTheKnownEncryptionStatus() {
    known.participants.put("bob", new Participant("PA_old", "bob", "", "", Map.of()).withEncrypted(true));

    RoomEvent.ParticipantsUpdated u = (RoomEvent.ParticipantsUpdated) map(event().setParticipantsUpdated(
        ParticipantsUpdated.newBuilder().addParticipants(participantInfo("bob")).addParticipants(participantInfo("carol"))));

    assertThat(u.participants()).extracting(Participant::identity).containsExactly("bob", "carol");
    assertThat(u.participants().get(0).sid()).isEqualTo("PA_bob");
    assertThat(u.participants().get(0).encrypted()).isTrue();
    assertThat(u.participants().get(1).encrypted()).isFalse();
  }

  // ---- room --------------------------------------------------------------------------------

  @Test
  void roomInfoTakesMillisForCreationSecondsForTimeoutsAndAnEmptySidAsAbsent() {
    io.roomflux.proto.RoomInfo info = io.roomflux.proto.RoomInfo.newBuilder().setName("r").setMetadata("md")
        .setLossyDcBufferedAmountLowThreshold(10).setReliableDcBufferedAmountLowThreshold(20)
        .setEmptyTimeout(300).setDepartureTimeout(20).setMaxParticipants(5).setCreationTime(1_700_000_000_123L)
        .setNumParticipants(2).setNumPublishers(1).setActiveRecording(true).build();
    RoomInfo expected = new RoomInfo(Optional.empty(), "r", "md", Instant.ofEpochMilli(1_700_000_000_123L),
        Duration.ofSeconds(300), Duration.ofSeconds(20), 5, 2, 1, true, 10, 20);

    assertThat(map(event().setRoomUpdated(info))).isEqualTo(new RoomEvent.RoomUpdated(expected));
    assertThat(map(event().setMoved(info.toBuilder().setSid("RM_2"))))
        .isEqualTo(new RoomEvent.RoomMoved(expected.withSid("RM_2")));
    assertThat(map(event().setDataChannelLowThresholdChanged(DataChannelBufferedAmountLowThresholdChanged.newBuilder()
        .setKind(DataPacketKind.KIND_LOSSY).setThreshold(1024))))
        .isEqualTo(new RoomEvent.DataChannelLowThresholdChanged(DataKind.LOSSY, 1024));
    assertThat(expected.withBufferedAmountLowThreshold(DataKind.RELIABLE, 99).reliableBufferedAmountLowThreshold())
        .isEqualTo(99);
  }

  @Test
  void tokenRefreshedHidesTheTokenFromToString() {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2VjcmV0LXNpZ25hdHVyZQ";
    RoomEvent refreshed = map(event().setTokenRefreshed(TokenRefreshed.newBuilder().setToken(jwt)));

    assertThat(refreshed).isEqualTo(new RoomEvent.TokenRefreshed(jwt));
    assertThat(((RoomEvent.TokenRefreshed) refreshed).token()).isEqualTo(jwt);
    assertThat(refreshed.toString()).doesNotContain(jwt).doesNotContain("eyJ").contains("redacted");
    assertThat(List.of(refreshed).toString()).doesNotContain(jwt);
  }

  // ---- messages ----------------------------------------------------------------------------

  @Test
  void aUserPacketTakesItsBufferAndKeepsTopicSenderAndKind() {
    OwnedBuffer buffer = buffer(11);
    RoomEvent.DataReceived d = (RoomEvent.DataReceived) map(event().setDataPacketReceived(DataPacketReceived.newBuilder()
        .setKind(DataPacketKind.KIND_LOSSY).setParticipantIdentity("bob")
        .setUser(UserPacket.newBuilder().setData(buffer).setTopic("t"))));

    assertThat(known.taken).containsExactly(buffer);
    assertThat(d.packet().bytes()).containsExactly(1, 2, 3);
    assertThat(d.packet().topic()).contains("t");
    assertThat(d.packet().senderIdentity()).contains("bob");
    assertThat(d.packet().kind()).isEqualTo(DataKind.LOSSY);
  }

  @Test
  void aDtmfPacketBecomesSipDtmfReceivedAndAnEmptyPacketNothing() {
    assertThat(map(event().setDataPacketReceived(DataPacketReceived.newBuilder().setKind(DataPacketKind.KIND_RELIABLE)
        .setParticipantIdentity("").setSipDtmf(SipDTMF.newBuilder().setCode(5).setDigit("5")))))
        .isEqualTo(new RoomEvent.SipDtmfReceived(Optional.empty(), 5, Optional.of("5")));
    assertThat(map(event().setDataPacketReceived(DataPacketReceived.newBuilder().setKind(DataPacketKind.KIND_RELIABLE)
        .setParticipantIdentity("sip").setSipDtmf(SipDTMF.newBuilder().setCode(11)))))
        .isEqualTo(new RoomEvent.SipDtmfReceived(Optional.of("sip"), 11, Optional.empty()));
    assertThat(RoomEvents.map(event().setDataPacketReceived(DataPacketReceived.newBuilder()
        .setKind(DataPacketKind.KIND_RELIABLE).setParticipantIdentity("bob")).buildPartial(), known)).isEmpty();
    assertThat(known.taken).isEmpty();
  }

  @Test
  void chatTimestampsAreUnixMillisAndTranscriptionTimesMillisOfTheTrack() {
    assertThat(map(event().setChatMessage(ChatMessageReceived.newBuilder().setParticipantIdentity("bob")
        .setMessage(io.roomflux.proto.ChatMessage.newBuilder().setId("c1").setTimestamp(1_700_000_000_123L)
            .setMessage("hi").setEditTimestamp(1_700_000_001_000L)))))
        .isEqualTo(new RoomEvent.ChatMessageReceived("bob", new ChatMessage("c1",
            Instant.ofEpochMilli(1_700_000_000_123L), "hi", Optional.of(Instant.ofEpochMilli(1_700_000_001_000L)),
            false, false)));

    assertThat(map(event().setTranscriptionReceived(TranscriptionReceived.newBuilder().setParticipantIdentity("bob")
        .setTrackSid("TR_A").addSegments(io.roomflux.proto.TranscriptionSegment.newBuilder().setId("s1")
            .setText("hello").setStartTime(1500).setEndTime(2250).setFinal(true).setLanguage("en")))))
        .isEqualTo(new RoomEvent.TranscriptionReceived(Optional.of("bob"), Optional.of("TR_A"),
            List.of(new TranscriptionSegment("s1", "hello", Duration.ofMillis(1500), Duration.ofMillis(2250), true, "en"))));
    assertThat(map(event().setTranscriptionReceived(TranscriptionReceived.newBuilder())))
        .isEqualTo(new RoomEvent.TranscriptionReceived(Optional.empty(), Optional.empty(), List.of()));
  }

  // ---- data tracks -------------------------------------------------------------------------

  @Test
  void dataTrackPublishedHandsOverItsHandleAndUnpublishedNamesTheSid() {
    var e = event().setDataTrackPublished(io.roomflux.proto.DataTrackPublished.newBuilder()
        .setTrack(OwnedRemoteDataTrack.newBuilder().setHandle(FfiOwnedHandle.newBuilder().setId(77))
            .setPublisherIdentity("bob")
            .setInfo(io.roomflux.proto.DataTrackInfo.newBuilder().setName("telemetry").setSid("DT_1").setUsesE2Ee(false))));

    assertThat(map(e)).isEqualTo(new RoomEvent.DataTrackPublished("bob", new DataTrackInfo("DT_1", "telemetry", false)));
    assertThat(RoomEvents.handedOver(e.buildPartial())).contains(new RoomEvents.Handed(77, HandleKind.DATA_TRACK));
    assertThat(map(event().setDataTrackUnpublished(DataTrackUnpublished.newBuilder().setSid("DT_1"))))
        .isEqualTo(new RoomEvent.DataTrackUnpublished("DT_1"));
  }
}
