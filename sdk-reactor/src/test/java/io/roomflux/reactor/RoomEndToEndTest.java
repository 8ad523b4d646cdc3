package io.roomflux.reactor;

import java.util.UUID;
import io.roomflux.reactor.internal.room.RoomProbe;
import io.roomflux.reactor.internal.room.RoomClient;
import io.roomflux.reactor.internal.core.FfmCore;
import io.roomflux.core.FfiClientOptions;
import io.roomflux.reactor.data.DataKind;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.data.PayloadTooLargeException;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The foundation, end to end against a real livekit-server and the real livekit-ffi core: two
 * participants in one JVM, a data packet, disconnects, failed connects.
 */
@LiveKitIntegrationTest
class RoomEndToEndTest {
  private static final Duration IO = Duration.ofSeconds(30);

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("e2e");

  @Test
  void twoParticipantsSeeEachOtherJoin() {
    Room alice = rooms.join("alice");
    AtomicReference<Room> bob = new AtomicReference<>();

    StepVerifier.create(alice.events().ofType(RoomEvent.ParticipantConnected.class).next())
        .then(() -> bob.set(rooms.join("bob")))
        .assertNext(e -> assertThat(e.participant().identity()).isEqualTo("bob"))
        .expectComplete()
        .verify(IO);

    assertThat(alice.remoteParticipants()).containsKey("bob");
    assertThat(bob.get().remoteParticipants()).containsKey("alice");
    assertThat(alice.localParticipant().identity()).isEqualTo("alice");
    assertThat(alice.name()).isEqualTo(rooms.name());
  }

  @Test
  void aReliablePacketArrivesWithItsBytesTopicAndSender() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    byte[] payload = "hello from alice \u2603".getBytes(StandardCharsets.UTF_8);

    StepVerifier.create(bob.dataPackets("chat").next())
        .then(() -> alice.localParticipant()
            .publishData(payload, DataOptions.reliable().withTopic("chat")).block(IO))
        .assertNext(packet -> {
          assertThat(packet.bytes()).isEqualTo(payload);
          assertThat(packet.topic()).contains("chat");
          assertThat(packet.senderIdentity()).contains("alice");
          assertThat(packet.kind()).isEqualTo(DataKind.RELIABLE);
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void disconnectEmitsDisconnectedOnceCompletesEventsAndReleasesEveryHandle() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");

    StepVerifier.create(bob.events().ofType(RoomEvent.ParticipantDisconnected.class).next())
        .then(() -> StepVerifier.create(alice.events().filter(e -> e instanceof RoomEvent.Disconnected))
            .then(() -> alice.disconnect().subscribe())
            .expectNext(new RoomEvent.Disconnected(DisconnectReason.CLIENT_INITIATED))
            .expectComplete()
            .verify(IO))
        .assertNext(e -> assertThat(e.participant().identity()).isEqualTo("alice"))
        .expectComplete()
        .verify(IO);

    // Idempotent, and complete only after disposal: the events stream is already complete.
    StepVerifier.create(alice.disconnect()).expectComplete().verify(IO);
    StepVerifier.create(alice.events()).expectComplete().verify(IO);
    assertThat(alice.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);

    StepVerifier.create(bob.disconnect()).expectComplete().verify(IO);
    assertThat(rooms.lk().diagnostics().liveHandles()).isZero();
  }

  @Test
  void anOperationAfterDisconnectFailsWithRoomClosedException() {
    Room alice = rooms.join("alice");
    alice.disconnect().block(IO);

    StepVerifier.create(alice.localParticipant().publishData(new byte[] {1}, DataOptions.reliable()))
        .expectError(RoomClosedException.class)
        .verify(IO);
    StepVerifier.create(alice.localParticipant().setMetadata("late"))
        .expectError(RoomClosedException.class)
        .verify(IO);
  }

  @Test
  void anOversizedPacketIsRefusedWithPayloadTooLargeException() {
    Room alice = rooms.join("alice");

    StepVerifier.create(alice.localParticipant().publishData(new byte[64_001], DataOptions.reliable()))
        .expectError(PayloadTooLargeException.class)
        .verify(IO);
  }

  @Test
  void aTokenSignedWithTheWrongSecretFailsWithInvalidTokenException() {
    LiveKitDevServer server = rooms.server();
    String forged = AccessToken.builder().apiKey(server.apiKey()).apiSecret("not-the-secret")
        .identity("mallory").videoGrant(VideoGrant.builder().roomJoin(true).room(rooms.name()).build())
        .build().toJwt();

    StepVerifier.create(rooms.lk().connect(server.url().toString(), forged,
            RoomOptions.defaults().withConnectTimeout(Duration.ofSeconds(10))))
        .expectError(InvalidTokenException.class)
        .verify(Duration.ofSeconds(15));
  }

  @Test
  void anExpiredTokenFailsWithInvalidTokenException() {
    LiveKitDevServer server = rooms.server();
    Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
    String expired = AccessToken.builder().apiKey(server.apiKey()).apiSecret(server.apiSecret())
        .identity("late").ttl(Duration.ofMinutes(5)).clock(yesterday)
        .videoGrant(VideoGrant.builder().roomJoin(true).room(rooms.name()).build())
        .build().toJwt();

    StepVerifier.create(rooms.lk().connect(server.url().toString(), expired,
            RoomOptions.defaults().withConnectTimeout(Duration.ofSeconds(10))))
        .expectError(InvalidTokenException.class)
        .verify(Duration.ofSeconds(15));
  }

  @Test
  void anUnreachableServerFailsWithServerUnreachableExceptionWithinTheTimeout() {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    StepVerifier.create(rooms.lk().connect("ws://127.0.0.1:1", rooms.server().token("alice", rooms.name()),
            RoomOptions.defaults().withConnectTimeout(Duration.ofSeconds(10))))
        .expectError(ServerUnreachableException.class)
        .verify(Duration.ofSeconds(15));
  }

  @Test
  void aMalformedUrlFailsWithServerUnreachableExceptionWithoutReachingTheCore() {
    StepVerifier.create(rooms.lk().connect("ftp:/nowhere", rooms.server().token("alice", rooms.name()),
            RoomOptions.defaults()))
        .expectErrorSatisfies(e -> assertThat(e)
            .isInstanceOf(ServerUnreachableException.class)
            .hasMessageContaining("ws://"))
        .verify(IO);
  }

  /**
   * The window {@code LifecycleStressTest} once hung in: an operation passes the room's phase
   * check, disposal begins, and only then does the operation register as in flight. It must see
   * the closing room, withdraw without sending anything and release its lease, so that the
   * disconnect (which drops the handle the operation leased) completes.
   */
  @Test
  void anOperationThatRegistersAfterDisposalBeganWithdrawsUnsentAndTheDisconnectCompletes() {
    AtomicReference<Runnable> seam = new AtomicReference<>();
    RoomProbe probe = new RoomProbe(() -> {
      Runnable once = seam.getAndSet(null);
      if (once != null) {
        once.run();
      }
    });
    RoomClient client = new RoomClient(FfmCore.open(FfiClientOptions.defaults()), LiveKitOptions.defaults(), probe);
    DefaultRoom alice = (DefaultRoom) client.connect(rooms.server().url().toString(),
        rooms.server().token("alice", "withdraw-" + UUID.randomUUID()), RoomOptions.defaults()).block(IO);
    assertThat(alice).isNotNull();
    long sent = alice.operationsSent();
    AtomicReference<Mono<Void>> disconnect = new AtomicReference<>();
    seam.set(() -> {
      // JUnit thread: start the disconnect and wait until the room's disposal has begun.
      disconnect.set(alice.disconnect().cache());
      disconnect.get().subscribe();
      Flux.interval(Duration.ofMillis(5)).filter(i -> alice.isDisposing()).next().block(IO);
    });
    StepVerifier.create(alice.localParticipant().publishData("late".getBytes(StandardCharsets.UTF_8),
            DataOptions.reliable()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RoomClosedException.class)
            .hasMessageContaining("publishData refused"))
        .verify(IO);

    StepVerifier.create(disconnect.get()).expectComplete().verify(IO);
    assertThat(alice.operationsSent()).as("requests sent by the late operation").isEqualTo(sent);
    assertThat(probe.operationsWithdrawn()).isEqualTo(1);
    assertThat(client.diagnostics().liveHandles()).isZero();
  }
}
