package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.server.ServerApi;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * When the server ends the session, the room emits Disconnected with the server's reason through
 * the same path as a client disconnect, completes its events and releases its handles.
 */
@LiveKitIntegrationTest
class ServerInitiatedEndTest {
  private static final Duration IO = Duration.ofSeconds(30);

  private final LiveKitDevServer server;
  private LiveKit lk;
  private ServerApi api;
  private String room;

  ServerInitiatedEndTest(LiveKitDevServer server) {
    this.server = server;
  }

  @BeforeEach
  void setUp() {
    lk = LiveKit.create();
    api = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret()).build();
    room = "server-end-" + UUID.randomUUID();
  }

  @AfterEach
  void everyHandleIsReleased() {
    api.dispose();
    lk.closeRooms().block(IO);
    assertThat(lk.diagnostics().liveHandlesByKind()).isEmpty();
    assertThat(lk.diagnostics().panics()).isZero();
  }

  private Room join(LiveKitDevServer on, String identity) {
    Room joined = lk.connect(on.url().toString(), on.token(identity, room), RoomOptions.defaults()).block(IO);
    assertThat(joined).isNotNull();
    return joined;
  }

  @Test
  void removingTheParticipantEmitsDisconnectedWithParticipantRemoved() {
    Room alice = join(server, "alice");

    StepVerifier.create(alice.events().filter(e -> e instanceof RoomEvent.Disconnected))
        .then(() -> api.roomService().removeParticipant(room, "alice").block(IO))
        .expectNext(new RoomEvent.Disconnected(DisconnectReason.PARTICIPANT_REMOVED))
        .expectComplete()
        .verify(IO);
    StepVerifier.create(alice.onClose()).expectComplete().verify(IO);
    StepVerifier.create(alice.disconnect()).expectComplete().verify(IO);
  }

  @Test
  void deletingTheRoomDisconnectsEveryoneWithRoomDeleted() {
    Room alice = join(server, "alice");
    Room bob = join(server, "bob");

    StepVerifier.create(bob.events().filter(e -> e instanceof RoomEvent.Disconnected))
        .then(() -> api.roomService().deleteRoom(room).block(IO))
        .expectNext(new RoomEvent.Disconnected(DisconnectReason.ROOM_DELETED))
        .expectComplete()
        .verify(IO);
    StepVerifier.create(alice.onClose()).expectComplete().verify(IO);
    StepVerifier.create(bob.onClose()).expectComplete().verify(IO);
  }

  @Test
  void aSecondJoinWithTheSameIdentityEndsTheFirstWithDuplicateIdentity() {
    Room first = join(server, "twin");

    StepVerifier.create(first.events().filter(e -> e instanceof RoomEvent.Disconnected))
        .then(() -> join(server, "twin"))
        .expectNext(new RoomEvent.Disconnected(DisconnectReason.DUPLICATE_IDENTITY))
        .expectComplete()
        .verify(IO);
    StepVerifier.create(first.onClose()).expectComplete().verify(IO);
  }

  @Test
  void stoppingTheServerEndsTheRoomWithoutHanging() {
    LiveKitDevServer own = LiveKitDevServer.start();
    Room alice;
    try {
      alice = join(own, "alice");
      StepVerifier.create(alice.events().filter(e -> e instanceof RoomEvent.Disconnected))
          .then(own::close)
          .assertNext(e -> assertThat(((RoomEvent.Disconnected) e).reason()).isNotNull())
          .expectComplete()
          .verify(Duration.ofSeconds(90));
    } finally {
      own.close();
    }
    StepVerifier.create(alice.onClose()).expectComplete().verify(IO);
  }
}
