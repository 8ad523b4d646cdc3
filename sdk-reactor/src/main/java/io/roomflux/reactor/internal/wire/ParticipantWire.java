package io.roomflux.reactor.internal.wire;

import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.ParticipantPermission;
import io.roomflux.reactor.participant.RemoteTrack;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackPermission;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import java.util.Optional;
import java.util.stream.Collectors;

/** Participants, publications and tracks, to and from the core's protocol. */
public final class ParticipantWire {
  private ParticipantWire() {
  }

  /**
   * A snapshot of the info; {@code encrypted} is not part of it, so it starts false.
   *
   * @param info the core's participant info
   * @return the participant
   */
  public static Participant participant(io.roomflux.proto.ParticipantInfo info) {
    return new Participant(info.getSid(), info.getIdentity(), info.getName(), info.getMetadata(),
        info.getAttributesMap(),
        info.hasPermission() ? Optional.of(permission(info.getPermission())) : Optional.empty(),
        info.getState() == io.roomflux.proto.ParticipantState.PARTICIPANT_STATE_ACTIVE, false);
  }

  /**
   * A participant's permissions.
   *
   * @param p the core's permissions
   * @return the permissions
   */
  public static ParticipantPermission permission(io.roomflux.proto.ParticipantPermission p) {
    return new ParticipantPermission(p.getCanSubscribe(), p.getCanPublish(), p.getCanPublishData(),
        p.getHidden(), p.getCanPublishSourcesList().stream().map(ParticipantWire::trackSource).collect(Collectors.toSet()),
        p.getCanUpdateMetadata(), p.getCanSubscribeMetrics(), p.getCanManageAgentSession());
  }

  /**
   * A publication, without a subscribed track.
   *
   * @param info the core's publication info
   * @return the publication
   */
  public static TrackPublication publication(io.roomflux.proto.TrackPublicationInfo info) {
    return new TrackPublication(info.getSid(), info.getName(), trackKind(info.getKind()),
        trackSource(info.getSource()), info.getMimeType(), info.getMuted(), info.getSimulcasted(),
        info.getWidth(), info.getHeight(), E2eeWire.encryptionType(info.getEncryptionType()), Optional.empty());
  }

  /**
   * A subscribed remote track.
   *
   * @param info the core's track info
   * @return the track
   */
  public static RemoteTrack remoteTrack(io.roomflux.proto.TrackInfo info) {
    return new RemoteTrack(info.getSid(), info.getName(), trackKind(info.getKind()));
  }

  /**
   * A track kind.
   *
   * @param kind the core's kind
   * @return the kind
   */
  public static TrackKind trackKind(io.roomflux.proto.TrackKind kind) {
    return switch (kind) {
      case KIND_UNKNOWN -> TrackKind.UNKNOWN;
      case KIND_AUDIO -> TrackKind.AUDIO;
      case KIND_VIDEO -> TrackKind.VIDEO;
    };
  }

  /**
   * A track source.
   *
   * @param source the core's source
   * @return the source
   */
  public static TrackSource trackSource(io.roomflux.proto.TrackSource source) {
    return switch (source) {
      case SOURCE_UNKNOWN -> TrackSource.UNKNOWN;
      case SOURCE_CAMERA -> TrackSource.CAMERA;
      case SOURCE_MICROPHONE -> TrackSource.MICROPHONE;
      case SOURCE_SCREENSHARE -> TrackSource.SCREENSHARE;
      case SOURCE_SCREENSHARE_AUDIO -> TrackSource.SCREENSHARE_AUDIO;
    };
  }

  /**
   * A track source for a request.
   *
   * @param source the source
   * @return the core's source
   */
  public static io.roomflux.proto.TrackSource toProto(TrackSource source) {
    return switch (source) {
      case UNKNOWN -> io.roomflux.proto.TrackSource.SOURCE_UNKNOWN;
      case CAMERA -> io.roomflux.proto.TrackSource.SOURCE_CAMERA;
      case MICROPHONE -> io.roomflux.proto.TrackSource.SOURCE_MICROPHONE;
      case SCREENSHARE -> io.roomflux.proto.TrackSource.SOURCE_SCREENSHARE;
      case SCREENSHARE_AUDIO -> io.roomflux.proto.TrackSource.SOURCE_SCREENSHARE_AUDIO;
    };
  }

  /**
   * What one participant may subscribe to.
   *
   * @param identity the participant
   * @param permission what it may subscribe to
   * @return the core's permission
   */
  public static io.roomflux.proto.ParticipantTrackPermission toProto(String identity, TrackPermission permission) {
    return io.roomflux.proto.ParticipantTrackPermission.newBuilder().setParticipantIdentity(identity)
        .setAllowAll(permission.allTracks()).addAllAllowedTrackSids(permission.trackSids()).build();
  }

  /**
   * A simulcast layer as the core's protocol has it.
   *
   * @param quality the layer
   * @return its protocol value
   */
  public static io.roomflux.proto.VideoQuality toProto(io.roomflux.reactor.participant.VideoQuality quality) {
    return switch (quality) {
      case LOW -> io.roomflux.proto.VideoQuality.VIDEO_QUALITY_LOW;
      case MEDIUM -> io.roomflux.proto.VideoQuality.VIDEO_QUALITY_MEDIUM;
      case HIGH -> io.roomflux.proto.VideoQuality.VIDEO_QUALITY_HIGH;
    };
  }
}
