package io.roomflux.reactor;

import io.roomflux.reactor.participant.Participant;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Room events and the room state behind them, end to end against a real livekit-server: several
 * participants in one JVM change their metadata, name and attributes, the server changes the
 * room's metadata, participants leave. Each event is checked together with the state the room
 * holds when the event arrives, which must already reflect it. Track events need media and are
 * covered by {@link RoomEventMappingTest}.
 */
@LiveKitIntegrationTest
class RoomEventsTest {
  private static final Duration IO = Duration.ofSeconds(30);

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("events");

  /** A join token that also lets the participant change its own metadata, name and attributes. */
  private String token(String identity) {
    LiveKitDevServer server = rooms.server();
    return AccessToken.builder().apiKey(server.apiKey()).apiSecret(server.apiSecret()).identity(identity)
        .videoGrant(VideoGrant.builder().roomJoin(true).room(rooms.name()).canPublish(true).canSubscribe(true)
            .canPublishData(true).canUpdateOwnMetadata(true).build())
        .build().toJwt();
  }

  private Room join(String identity) {
    return rooms.connect(token(identity));
  }

  /** Joins {@code identity} and waits until {@code observer} has seen it join. */
  private Room joinSeenBy(Room observer, String identity) {
    AtomicReference<Room> joined = new AtomicReference<>();
    StepVerifier.create(observer.events().ofType(RoomEvent.ParticipantConnected.class)
            .filter(e -> e.participant().identity().equals(identity)).next())
        .then(() -> joined.set(join(identity)))
        .assertNext(e -> {
          assertThat(observer.remoteParticipants()).containsEntry(identity, e.participant());
          assertThat(observer.publications(identity)).isEmpty();
        })
        .expectComplete()
        .verify(IO);
    return joined.get();
  }

  @Test
  void participantChangesReachTheOtherParticipantWithTheStateAlreadyUpdated() {
    Room alice = join("alice");
    // Server-sent tokens, if any come: collected from the join on (this is alice's first subscriber).
    List<RoomEvent.TokenRefreshed> tokens = new CopyOnWriteArrayList<>();
    alice.events().ofType(RoomEvent.TokenRefreshed.class).subscribe(tokens::add);
    Room bob = joinSeenBy(alice, "bob");

    CompletableFuture<String> bobSeesOwnMetadata = bob.events().ofType(RoomEvent.ParticipantMetadataChanged.class)
        .filter(e -> e.identity().equals("bob")).next()
        .map(e -> bob.localParticipant().info().metadata()).toFuture();
    StepVerifier.create(alice.events().ofType(RoomEvent.ParticipantMetadataChanged.class)
            .filter(e -> e.identity().equals("bob")).next())
        .then(() -> applied(bob.localParticipant().setMetadata("bob's metadata")).block(IO))
        .assertNext(e -> {
          assertThat(e.metadata()).isEqualTo("bob's metadata");
          assertThat(alice.remoteParticipants().get("bob").metadata()).isEqualTo("bob's metadata");
        })
        .expectComplete()
        .verify(IO);
    StepVerifier.create(Mono.fromFuture(bobSeesOwnMetadata)).expectNext("bob's metadata").expectComplete().verify(IO);

    StepVerifier.create(alice.events().ofType(RoomEvent.ParticipantNameChanged.class)
            .filter(e -> e.identity().equals("bob")).next())
        .then(() -> applied(bob.localParticipant().setName("Bob B.")).block(IO))
        .assertNext(e -> {
          assertThat(e.name()).isEqualTo("Bob B.");
          assertThat(alice.remoteParticipants().get("bob").name()).isEqualTo("Bob B.");
          assertThat(alice.remoteParticipants().get("bob").metadata()).isEqualTo("bob's metadata");
        })
        .expectComplete()
        .verify(IO);

    StepVerifier.create(alice.events().ofType(RoomEvent.ParticipantAttributesChanged.class)
            .filter(e -> e.identity().equals("bob")).next())
        .then(() -> applied(bob.localParticipant().setAttributes(Map.of("role", "speaker", "desk", "7"))).block(IO))
        .assertNext(e -> {
          assertThat(e.attributes()).isEqualTo(Map.of("role", "speaker", "desk", "7"));
          assertThat(e.changed()).isEqualTo(Map.of("role", "speaker", "desk", "7"));
          assertThat(alice.remoteParticipants().get("bob").attributes()).isEqualTo(e.attributes());
        })
        .expectComplete()
        .verify(IO);

    Participant bobSeenByAlice = alice.remoteParticipants().get("bob");
    assertThat(bobSeenByAlice.permission()).hasValueSatisfying(p -> {
      assertThat(p.canPublish()).isTrue();
      assertThat(p.canUpdateMetadata()).isTrue();
    });
    assertThat(bob.localParticipant().info().name()).isEqualTo("Bob B.");
    assertThat(bob.localParticipant().publishedTrackSids()).isEmpty();
    assertThat(alice.activeSpeakers()).isEmpty();
    for (RoomEvent.TokenRefreshed refreshed : tokens) {
      assertThat(refreshed.token()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
      assertThat(refreshed.toString()).doesNotContain(refreshed.token());
    }
  }

  @Test
  void roomMetadataSetThroughTheServerApiReachesEveryParticipantWithTheInfoUpdated() {
    Room alice = join("alice");
    Room bob = joinSeenBy(alice, "bob");

    // Each value is read from the room when its event arrives: the state must already show it.
    Mono<String> aliceSees = alice.events().ofType(RoomEvent.RoomMetadataChanged.class).next()
        .map(e -> e.metadata() + "|" + alice.metadata() + "|" + alice.info().metadata());
    Mono<String> bobSees = bob.events().ofType(RoomEvent.RoomMetadataChanged.class).next()
        .map(e -> e.metadata() + "|" + bob.metadata() + "|" + bob.info().metadata());
    Mono<RoomInfo> aliceUpdated = alice.events().ofType(RoomEvent.RoomUpdated.class)
        .filter(e -> e.info().metadata().equals("room metadata")).next()
        .map(e -> {
          assertThat(alice.info().metadata()).isEqualTo("room metadata");
          return e.info();
        });

    StepVerifier.create(Mono.zip(aliceSees, bobSees, aliceUpdated))
        .then(() -> updateRoomMetadata("room metadata"))
        .assertNext(seen -> {
          assertThat(seen.getT1()).isEqualTo("room metadata|room metadata|room metadata");
          assertThat(seen.getT2()).isEqualTo("room metadata|room metadata|room metadata");
          assertThat(seen.getT3().name()).isEqualTo(rooms.name());
          assertThat(seen.getT3().numParticipants()).isEqualTo(2);
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void aParticipantThatLeavesIsReportedWithClientInitiatedAndForgotten() {
    Room alice = join("alice");
    Room bob = joinSeenBy(alice, "bob");
    applied(bob.localParticipant().setName("Bob")).block(IO);

    StepVerifier.create(alice.events().ofType(RoomEvent.ParticipantDisconnected.class).next())
        .then(() -> bob.disconnect().block(IO))
        .assertNext(e -> {
          assertThat(e.reason()).isEqualTo(DisconnectReason.CLIENT_INITIATED);
          assertThat(e.participant().identity()).isEqualTo("bob");
          assertThat(e.participant().sid()).isNotEmpty();
          assertThat(alice.remoteParticipants()).doesNotContainKey("bob");
          assertThat(alice.publications("bob")).isEmpty();
          assertThat(alice.connectionQuality("bob")).isEmpty();
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void connectionStateAndInfoFollowTheConnectionAndLeavingEndsTheEvents() {
    Instant before = Instant.now();
    Room alice = join("alice");

    assertThat(alice.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(alice.info().name()).isEqualTo(rooms.name()).isEqualTo(alice.name());
    assertThat(alice.info().emptyTimeout()).isPositive();
    // The creation time is in Unix milliseconds: near now, not thousands of years ahead.
    assertThat(alice.info().creationTime()).isBetween(before.minus(Duration.ofMinutes(5)), Instant.now().plusSeconds(60));

    // The first subscriber also gets what was held since the join (such as CONNECTED).
    StepVerifier.create(alice.events()
            .filter(e -> e instanceof RoomEvent.ConnectionStateChanged || e instanceof RoomEvent.Disconnected)
            .skipWhile(e -> e.equals(new RoomEvent.ConnectionStateChanged(ConnectionState.CONNECTED))))
        .then(() -> alice.disconnect().subscribe())
        .assertNext(e -> {
          assertThat(e).isEqualTo(new RoomEvent.ConnectionStateChanged(ConnectionState.DISCONNECTED));
          assertThat(alice.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        })
        .expectNext(new RoomEvent.Disconnected(DisconnectReason.CLIENT_INITIATED))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void theServerRatesTheLocalConnectionAndTheRoomKeepsTheRating() {
    Room alice = join("alice");

    StepVerifier.create(alice.events().ofType(RoomEvent.ConnectionQualityChanged.class)
            .filter(e -> e.identity().equals("alice")).next())
        .assertNext(e -> assertThat(alice.connectionQuality("alice")).contains(e.quality()))
        .expectComplete()
        .verify(IO);
  }

  /**
   * An update of the local participant, tolerating one known failure of the core: livekit-ffi
   * registers its waiter for the server's answer only after sending the request
   * ({@code rtc_session.rs get_response}), so an answer that comes back very fast is lost and the
   * operation fails with "request timeout" after 5 s although the server applied the change. The
   * events these tests check still come.
   */
  private static Mono<Void> applied(Mono<Void> update) {
    return update.onErrorResume(
        e -> e instanceof OperationFailedException && String.valueOf(e.getMessage()).contains("request timeout"),
        e -> Mono.empty());
  }

  /** RoomService.UpdateRoomMetadata, which the test kit's client does not offer. */
  private void updateRoomMetadata(String metadata) {
    LiveKitDevServer server = rooms.server();
    String admin = AccessToken.builder().apiKey(server.apiKey()).apiSecret(server.apiSecret())
        .videoGrant(VideoGrant.builder().roomAdmin(true).room(rooms.name()).build()).build().toJwt();
    try {
      HttpURLConnection http = (HttpURLConnection) server.httpUrl()
          .resolve("/twirp/livekit.RoomService/UpdateRoomMetadata").toURL().openConnection(Proxy.NO_PROXY);
      http.setConnectTimeout(10_000);
      http.setReadTimeout(10_000);
      http.setRequestMethod("POST");
      http.setDoOutput(true);
      http.setRequestProperty("Authorization", "Bearer " + admin);
      http.setRequestProperty("Content-Type", "application/json");
      try (OutputStream body = http.getOutputStream()) {
        body.write(("{\"room\":\"" + rooms.name() + "\",\"metadata\":\"" + metadata + "\"}").getBytes(StandardCharsets.UTF_8));
      }
      assertThat(http.getResponseCode()).as("UpdateRoomMetadata").isEqualTo(200);
      http.getInputStream().close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
