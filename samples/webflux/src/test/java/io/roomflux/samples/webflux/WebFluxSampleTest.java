package io.roomflux.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.testkit.BlockHoundContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The room bot over HTTP, against the test kit's livekit-server, with BlockHound watching the
 * event loops.
 */
class WebFluxSampleTest extends SampleAppIntegrationTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
      new ParameterizedTypeReference<>() {};

  @LocalServerPort
  private int port;
  @Autowired
  private LiveKit lk;
  @Autowired
  private RoomRegistry registry;
  @Autowired
  private ServerApi serverApi;

  private WebTestClient http;
  private String room;

  @BeforeEach
  void setUp() {
    http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(IO).build();
    room = "webflux-" + UUID.randomUUID();
  }

  @AfterEach
  void everyHandleIsReleased() {
    lk.closeRooms().block(IO);
    assertThat(registry.names()).isEmpty();
    assertThat(lk.diagnostics().liveHandles()).isZero();
    assertThat(lk.diagnostics().leakedHandles()).isZero();
  }

  @Test
  void theBotJoinsStreamsEventsSendsAMessageAndLeaves() {
    http.post().uri("/rooms/{room}/join?identity=bot", room).exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.room").isEqualTo(room)
        .jsonPath("$.identity").isEqualTo("bot");
    http.post().uri("/rooms/{room}/join?identity=bot2", room).exchange()
        .expectStatus().isEqualTo(409);

    Flux<Map<String, Object>> events = http.get().uri("/rooms/{room}/events", room)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus().isOk()
        .returnResult(SSE)
        .getResponseBody()
        // The opening comment has no data.
        .mapNotNull(ServerSentEvent::data)
        .filter(json -> Set.of("ParticipantConnected", "Disconnected").contains(json.get("type")));
    AtomicReference<Room> carol = new AtomicReference<>();

    StepVerifier.create(events)
        .then(() -> carol.set(lk.connect(server().url().toString(), server().token("carol", room), RoomOptions.defaults())
            .block(IO)))
        .assertNext(json -> assertThat(json)
            .containsEntry("type", "ParticipantConnected")
            .containsEntry("identity", "carol"))
        .then(() -> carolReceivesTheBotsMessage(carol.get()))
        .then(() -> http.delete().uri("/rooms/{room}", room).exchange().expectStatus().isNoContent())
        .assertNext(json -> assertThat(json)
            .containsEntry("type", "Disconnected")
            .containsEntry("reason", "CLIENT_INITIATED"))
        .expectComplete()
        .verify(IO);

    assertThat(registry.names()).doesNotContain(room);
    http.get().uri("/rooms/{room}/events", room).accept(MediaType.TEXT_EVENT_STREAM).exchange()
        .expectStatus().isNotFound();
    StepVerifier.create(carol.get().disconnect()).expectComplete().verify(IO);
    assertThat(lk.diagnostics().liveHandles()).isZero();
  }

  private void carolReceivesTheBotsMessage(Room carol) {
    StepVerifier.create(carol.dataPackets("chat").next())
        .then(() -> http.post().uri("/rooms/{room}/messages?topic=chat", room)
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("hello, carol")
            .exchange()
            .expectStatus().isNoContent())
        .assertNext(packet -> {
          assertThat(new String(packet.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello, carol");
          assertThat(packet.senderIdentity()).contains("bot");
          assertThat(packet.topic()).contains("chat");
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void aRoomTheBotIsNotInIsNotFound() {
    http.post().uri("/rooms/{room}/messages", room).contentType(MediaType.TEXT_PLAIN).bodyValue("anyone?")
        .exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.detail").isEqualTo("the bot is not in room '" + room + "'");
    http.delete().uri("/rooms/{room}", room).exchange().expectStatus().isNotFound();
  }

  @Test
  void theRoomListComesFromTheServersListRooms() {
    StepVerifier.create(serverApi.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).build()))
        .expectNextCount(1)
        .expectComplete()
        .verify(IO);
    http.get().uri("/rooms").exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$[?(@.name == '" + room + "')].createdAt").isNotEmpty();
    StepVerifier.create(serverApi.roomService().deleteRoom(room)).expectNextCount(1).expectComplete().verify(IO);
  }

  @Test
  void healthAndThePrometheusScrapeAreExposed() {
    http.get().uri("/actuator/health").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.status").isEqualTo("UP")
        .jsonPath("$.components.roomFlux.status").isEqualTo("UP");
    // The bot in a room: RoomFlux's own meters (through the starter's Micrometer telemetry) move.
    http.post().uri("/rooms/{room}/join?identity=bot", room).exchange().expectStatus().isOk();
    // A handle kind's gauge is registered when the binder first reads the kind (during a scrape):
    // the second scrape shows it.
    http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    String scrape = http.get().uri("/actuator/prometheus").exchange()
        .expectStatus().isOk()
        .expectBody(String.class)
        .returnResult().getResponseBody();
    assertThat(scrape).contains("# TYPE jvm_memory_used_bytes gauge")
        .contains("roomflux_rooms_open 1.0")
        .containsPattern("roomflux_handles_live\\{kind=\"ROOM\"[^}]*} 1\\.0")
        .containsPattern("roomflux_connect_seconds_count\\{[^}]*outcome=\"success\"[^}]*} [1-9]")
        .containsPattern("roomflux_server_call_seconds_count\\{[^}]*method=\"ListRooms\"")
        .containsPattern("roomflux_ffi_requests_seconds_count\\{[^}]*kind=\"connect\"");
    saveRoomFluxLines(scrape);
    http.delete().uri("/rooms/{room}", room).exchange().expectStatus().is2xxSuccessful();
  }

  /** Keeps the RoomFlux part of the scrape under target/ (quoted in docs). */
  private static void saveRoomFluxLines(String scrape) {
    try {
      java.nio.file.Path out = java.nio.file.Path.of("target", "prometheus", "roomflux-scrape.txt");
      java.nio.file.Files.createDirectories(out.getParent());
      java.nio.file.Files.write(out, scrape.lines().filter(l -> l.contains("roomflux_")).toList());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void blockHoundIsActive() {
    BlockHoundContract.assertBlockingOnAParallelThreadIsReported();
  }
}
