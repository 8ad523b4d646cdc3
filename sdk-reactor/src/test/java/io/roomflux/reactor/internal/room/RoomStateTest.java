package io.roomflux.reactor.internal.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.ConnectionQuality;
import io.roomflux.reactor.ConnectionState;
import io.roomflux.reactor.DisconnectReason;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomInfo;
import io.roomflux.reactor.e2ee.EncryptionType;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.RemoteTrack;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The room's state reducer, without a core: each event in, the next immutable snapshot out. */
class RoomStateTest {
  private static final RoomInfo INFO = new RoomInfo(Optional.of("RM_1"), "room", "", Instant.EPOCH,
      Duration.ofSeconds(300), Duration.ofSeconds(20), 0, 1, 0, false, 0, 0);
  private static final Participant ME = new Participant("PA_me", "me", "Me", "", Map.of());
  private static final Participant BOB = new Participant("PA_bob", "bob", "Bob", "", Map.of());
  private static final TrackPublication MIC = new TrackPublication("TR_mic", "mic", TrackKind.AUDIO,
      TrackSource.MICROPHONE, "audio/opus", false, false, 0, 0, EncryptionType.NONE, Optional.empty());

  private static RoomState joined() {
    return RoomState.joined(INFO, ME, Map.of(), Map.of());
  }

  private static RoomState reduce(RoomState s, RoomEvent... events) {
    RoomState next = s;
    for (RoomEvent e : events) {
      next = RoomState.reduce(next, e);
    }
    return next;
  }

  @Test
  void aParticipantWhoJoinsPublishesAndIsSubscribedToIsInTheSnapshotWithItsTrack() {
    RoomState s = reduce(joined(), new RoomEvent.ParticipantConnected(BOB), new RoomEvent.TrackPublished("bob", MIC),
        new RoomEvent.TrackSubscribed("bob", new RemoteTrack("TR_mic", "mic", TrackKind.AUDIO)),
        new RoomEvent.TrackMuted("bob", "TR_mic"));

    assertThat(s.remotes()).containsOnlyKeys("bob");
    TrackPublication mic = s.publication("bob", "TR_mic").orElseThrow();
    assertThat(mic.muted()).isTrue();
    assertThat(mic.track()).hasValueSatisfying(t -> assertThat(t.sid()).isEqualTo("TR_mic"));
  }

  @Test
  void aParticipantWhoLeavesTakesItsPublicationsAndQualityAlong() {
    RoomState s = reduce(joined(), new RoomEvent.ParticipantConnected(BOB), new RoomEvent.TrackPublished("bob", MIC),
        new RoomEvent.ConnectionQualityChanged("bob", ConnectionQuality.GOOD),
        new RoomEvent.ParticipantDisconnected(BOB, DisconnectReason.CLIENT_INITIATED));

    assertThat(s.remotes()).isEmpty();
    assertThat(s.publications()).isEmpty();
    assertThat(s.qualities()).isEmpty();
  }

  @Test
  void aParticipantWhoComesBackUnderTheSameIdentityStartsAfresh() {
    RoomState s = reduce(joined(), new RoomEvent.ParticipantConnected(BOB), new RoomEvent.TrackPublished("bob", MIC),
        new RoomEvent.ConnectionQualityChanged("bob", ConnectionQuality.POOR),
        new RoomEvent.ParticipantConnected(BOB.withName("Bob again")));

    assertThat(s.remotes().get("bob").name()).isEqualTo("Bob again");
    assertThat(s.publications().get("bob")).isEmpty();
    assertThat(s.qualities()).isEmpty();
  }

  @Test
  void changesToTheLocalParticipantAndItsTracksUpdateTheLocalSnapshot() {
    RoomState s = reduce(joined(), new RoomEvent.ParticipantMetadataChanged("me", "hello"),
        new RoomEvent.LocalTrackPublished("TR_a"), new RoomEvent.LocalTrackPublished("TR_b"),
        new RoomEvent.LocalTrackUnpublished("TR_a"),
        new RoomEvent.LocalTrackRepublished("TR_b", MIC));

    assertThat(s.local().metadata()).isEqualTo("hello");
    assertThat(s.localTrackSids()).containsExactly("TR_mic");
  }

  @Test
  void roomAndConnectionEventsUpdateTheirParts() {
    RoomState s = reduce(joined(), new RoomEvent.RoomMetadataChanged("meta"),
        new RoomEvent.ActiveSpeakersChanged(List.of("me")), new RoomEvent.Reconnecting());
    assertThat(s.info().metadata()).isEqualTo("meta");
    assertThat(s.activeSpeakers()).containsExactly("me");
    assertThat(s.connectionState()).isEqualTo(ConnectionState.RECONNECTING);

    assertThat(reduce(s, new RoomEvent.Reconnected()).connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(reduce(s, new RoomEvent.Disconnected(DisconnectReason.SERVER_SHUTDOWN)).connectionState())
        .isEqualTo(ConnectionState.DISCONNECTED);
  }

  @Test
  void reducingNeverChangesTheSnapshotItStartedFrom() {
    RoomState before = reduce(joined(), new RoomEvent.ParticipantConnected(BOB));
    RoomState after = reduce(before, new RoomEvent.TrackPublished("bob", MIC),
        new RoomEvent.ParticipantNameChanged("bob", "Robert"));

    assertThat(before.publications().get("bob")).isEmpty();
    assertThat(before.remotes().get("bob").name()).isEqualTo("Bob");
    assertThat(after.remotes().get("bob").name()).isEqualTo("Robert");
  }

  @Test
  void eventsAboutUnknownParticipantsOrTracksAndMessagesChangeNothing() {
    RoomState s = joined();
    assertThat(reduce(s, new RoomEvent.TrackMuted("nobody", "TR_x"),
        new RoomEvent.ParticipantNameChanged("nobody", "x"), new RoomEvent.TokenRefreshed("t"))).isEqualTo(s);
  }
}
