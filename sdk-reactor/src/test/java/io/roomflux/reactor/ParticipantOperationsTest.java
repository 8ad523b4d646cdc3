package io.roomflux.reactor;

import io.roomflux.reactor.data.ChatMessage;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.reactor.participant.TrackPermission;
import io.roomflux.reactor.data.TranscriptionSegment;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * The small participant operations end to end: chat messages and their edits, SIP DTMF,
 * transcriptions, track subscription permissions and session statistics, against a real
 * livekit-server with two participants.
 */
@LiveKitIntegrationTest
class ParticipantOperationsTest {
  private static final Duration IO = Duration.ofSeconds(30);

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("ops");

  @Test
  void aChatMessageAndItsEditReachTheOtherParticipant() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    AtomicReference<ChatMessage> sent = new AtomicReference<>();
    AtomicReference<RoomEvent.ChatMessageReceived> received = new AtomicReference<>();

    StepVerifier.create(bob.events().ofType(RoomEvent.ChatMessageReceived.class).next())
        .then(() -> sent.set(alice.localParticipant().sendChatMessage("hi bob", List.of()).block(IO)))
        .consumeNextWith(received::set)
        .expectComplete()
        .verify(IO);
    assertThat(sent.get().message()).isEqualTo("hi bob");
    assertThat(received.get().senderIdentity()).isEqualTo("alice");
    assertThat(received.get().message().message()).isEqualTo("hi bob");
    assertThat(received.get().message().id()).isEqualTo(sent.get().id());
    assertThat(received.get().message().editTimestamp()).isEmpty();

    AtomicReference<ChatMessage> edited = new AtomicReference<>();
    StepVerifier.create(bob.events().ofType(RoomEvent.ChatMessageReceived.class).next())
        .then(() -> edited.set(alice.localParticipant().editChatMessage(sent.get(), "hi Bob!", List.of("bob"))
            .block(IO)))
        .consumeNextWith(received::set)
        .expectComplete()
        .verify(IO);
    assertThat(edited.get().id()).isEqualTo(sent.get().id());
    assertThat(edited.get().message()).isEqualTo("hi Bob!");
    assertThat(received.get().message().id()).isEqualTo(sent.get().id());
    assertThat(received.get().message().message()).isEqualTo("hi Bob!");
    assertThat(received.get().message().editTimestamp()).isPresent();
  }

  @Test
  void aSipDtmfToneReachesItsDestination() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");

    StepVerifier.create(bob.events().ofType(RoomEvent.SipDtmfReceived.class).next())
        .then(() -> alice.localParticipant().publishSipDtmf(11, "#", List.of("bob")).block(IO))
        .assertNext(tone -> {
          assertThat(tone.code()).isEqualTo(11);
          assertThat(tone.digit()).contains("#");
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void aTranscriptionFromAnAgentReachesTheOtherParticipant() {
    // livekit-server forwards transcriptions only from agents.
    LiveKitDevServer server = rooms.server();
    String agentToken = AccessToken.builder().apiKey(server.apiKey()).apiSecret(server.apiSecret())
        .identity("alice").videoGrant(VideoGrant.builder().roomJoin(true).room(rooms.name()).canPublish(true)
            .canSubscribe(true).canPublishData(true).agent(true).build())
        .build().toJwt();
    Room alice = rooms.connect(agentToken);
    Room bob = rooms.join("bob");
    TranscriptionSegment segment = new TranscriptionSegment("seg-1", "hello world", Duration.ZERO,
        Duration.ofMillis(850), true, "en");

    StepVerifier.create(bob.events().ofType(RoomEvent.TranscriptionReceived.class).next())
        .then(() -> alice.localParticipant().publishTranscription("alice", "TR_none", List.of(segment)).block(IO))
        .assertNext(t -> {
          assertThat(t.identity()).contains("alice");
          // The receiving core names the track only when it knows the publication; there is none.
          assertThat(t.trackSid()).isEmpty();
          assertThat(t.segments()).containsExactly(segment);
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void trackSubscriptionPermissionsAreAccepted() {
    Room alice = rooms.join("alice");
    rooms.join("bob");

    StepVerifier.create(alice.localParticipant().setTrackSubscriptionPermissions(false,
            Map.of("bob", TrackPermission.tracks("TR_a", "TR_b"), "carol", TrackPermission.all())))
        .expectComplete()
        .verify(IO);
    StepVerifier.create(alice.localParticipant().setTrackSubscriptionPermissions(true, Map.of()))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void sessionStatsReportTheDataThatWasSent() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    StepVerifier.create(bob.dataPackets("ping").next())
        .then(() -> alice.localParticipant().publishData(new byte[1_000], DataOptions.reliable().withTopic("ping"))
            .block(IO))
        .expectNextCount(1)
        .expectComplete()
        .verify(IO);

    StepVerifier.create(alice.sessionStats())
        .assertNext(stats -> {
          assertThat(stats.publisherReports()).isPositive();
          assertThat(stats.bytesSent()).isGreaterThan(1_000);
          assertThat(stats.dataMessagesSent()).isPositive();
        })
        .expectComplete()
        .verify(IO);
    StepVerifier.create(bob.sessionStats())
        .assertNext(stats -> assertThat(stats.dataMessagesReceived()).isPositive())
        .expectComplete()
        .verify(IO);
  }

  @Test
  void operationsAfterDisconnectFailWithRoomClosedException() {
    Room alice = rooms.join("alice");
    alice.disconnect().block(IO);
    LocalParticipant me = alice.localParticipant();
    ChatMessage message = new ChatMessage("m", java.time.Instant.now(), "x", java.util.Optional.empty(), false, false);

    StepVerifier.create(me.sendChatMessage("late", List.of())).expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(me.editChatMessage(message, "later", List.of()))
        .expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(me.publishSipDtmf(1, "1", List.of())).expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(me.publishTranscription("alice", "TR_x", List.of()))
        .expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(me.setTrackSubscriptionPermissions(true, Map.of()))
        .expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(alice.sessionStats()).expectError(RoomClosedException.class).verify(IO);
  }
}
