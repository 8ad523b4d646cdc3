package io.roomflux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.server.proto.WebhookEvent;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.ObjectMapper;

/**
 * A Spring Boot WebFlux application on the auto-configuration, on a real port, beside a
 * livekit-server v1.13.5 of its own that sends its webhooks to the application's route and is
 * stopped and restarted under it: webhooks arrive as application events and through
 * {@link WebhookEvents}; the health indicator goes DOWN when the server stops and UP when it is back.
 */
// The test starts its own server (it stops it): the tag without the test kit's shared server.
@Tag(LiveKitIntegrationTest.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringAppAgainstRestartingServerIntegrationTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final String KEY = "springkey";
  private static final String SECRET = "spring-secret-0123456789abcdefghijklmnopqrstuvwxyz";

  private LiveKitDevServer server;
  private ConfigurableApplicationContext app;
  private int port;

  @BeforeAll
  void startServerAndApplication() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    server = LiveKitDevServer.builder().keys(KEY, SECRET)
        .configYaml("webhook: {api_key: " + KEY + ", urls: ['http://127.0.0.1:" + port + "/livekit/webhook']}")
        .start();
    app = new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
        .properties("server.address=127.0.0.1", "server.port=" + port, "spring.main.banner-mode=off",
            "roomflux.url=" + server.url(), "roomflux.api-key=" + KEY, "roomflux.api-secret=" + SECRET,
            "roomflux.health.timeout=2s")
        .run();
  }

  @AfterAll
  void stopApplicationAndServer() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void theServersWebhooksArriveThroughTheRouteAsApplicationEventsAndAsAFluxAndForgedOnesGet401() {
    String room = "spring-hooked-" + UUID.randomUUID();
    ServerApi api = app.getBean(ServerApi.class);
    Flux<String> streamed = app.getBean(WebhookEvents.class).events()
        .filter(event -> event.getRoom().getName().equals(room)).map(WebhookEvent::getEvent);
    Flux<String> published = app.getBean(App.class).events.asFlux()
        .filter(event -> event.getRoom().getName().equals(room)).map(WebhookEvent::getEvent);

    StepVerifier.create(streamed.take(2))
        .then(() -> api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).build())
            .then(api.roomService().deleteRoom(room)).block(IO))
        .expectNext("room_started", "room_finished")
        .expectComplete()
        .verify(IO);
    StepVerifier.create(published.take(2)).expectNext("room_started", "room_finished").expectComplete().verify(IO);

    Integer status = HttpClient.create().headers(h -> h.set("Authorization", "Bearer forged.jwt.value"))
        .post().uri("http://127.0.0.1:" + port + "/livekit/webhook")
        .send(Mono.just(io.netty.buffer.Unpooled.wrappedBuffer("{\"event\":\"room_started\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .response().map(response -> response.status().code()).block(IO);
    assertThat(status).isEqualTo(401);
  }

  @Test
  void healthIsDownWhileTheServerIsStoppedAndUpWhenItIsBackWithoutShowingASecret() {
    RoomFluxHealthIndicator indicator = app.getBean(RoomFluxHealthIndicator.class);
    assertThat(awaitStatus(indicator, "UP").getDetails()).containsKeys("core", "server");

    server.stop();
    try {
      Health down = indicator.health().block(IO);
      assertThat(down).isNotNull();
      assertThat(down.getStatus().getCode()).isEqualTo("DOWN");
      String json = new ObjectMapper().writeValueAsString(down);
      System.out.println("SPRING-HEALTH with the server stopped: " + json);
      assertThat(json).contains("\"core\":{\"status\":\"UP\"").contains("\"server\":{\"status\":\"DOWN\"");
      assertThat(json).doesNotContain(SECRET).doesNotContain(KEY).doesNotContain("eyJ");
    } finally {
      server.restart();
    }
    Health up = awaitStatus(indicator, "UP");
    assertThat(up.toString()).doesNotContain(SECRET).doesNotContain("eyJ");
  }

  /** Checks health until it has the status (the server API's connection pool may need a round to notice). */
  private static Health awaitStatus(RoomFluxHealthIndicator indicator, String status) {
    return Mono.defer(indicator::health)
        .filter(health -> health.getStatus().getCode().equals(status))
        .repeatWhenEmpty(checks -> checks.delayElements(Duration.ofMillis(250)))
        .block(IO);
  }

  /** The application: auto-configuration only, and a listener for the webhook events. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {
    final Sinks.Many<WebhookEvent> events = Sinks.many().replay().all();

    @EventListener
    void on(LiveKitWebhookEvent event) {
      synchronized (events) {
        events.tryEmitNext(event.event());
      }
    }
  }
}
