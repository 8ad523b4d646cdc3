package io.roomflux.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.roomflux.token.VideoGrant;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Against the real livekit-server; one shared server, and servers of their own where a test stops one. */
@Tag("integration")
class LiveKitDevServerTest {
  private static final Duration IO = Duration.ofSeconds(10);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .proxy(HttpClient.Builder.NO_PROXY)
      .connectTimeout(IO)
      .build();

  private static LiveKitDevServer shared;

  @BeforeAll
  static void startShared() {
    shared = LiveKitDevServer.start();
  }

  @AfterAll
  static void stopShared() {
    shared.close();
    HTTP.close();
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(IO).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A Twirp call of the room service with a JSON body, authorized by the server's own token minting. */
  private static JsonNode roomService(LiveKitDevServer server, String method, String body)
      throws IOException, InterruptedException {
    String token = server.apiToken(VideoGrant.builder().roomCreate(true).roomList(true).build());
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(server.httpUrl().resolve("/twirp/livekit.RoomService/" + method))
            .timeout(IO)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", method, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> roomNames(LiveKitDevServer server) throws IOException, InterruptedException {
    return roomService(server, "ListRooms", "{}").path("rooms").valueStream()
        .map(room -> room.path("name").asString()).toList();
  }

  @Test
  void answersOkOverHttpOnLoopback() throws Exception {
    HttpResponse<String> response = get(shared.httpUrl());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body().strip()).isEqualTo("OK");
    assertThat(shared.httpUrl().getHost()).isEqualTo("127.0.0.1");
    assertThat(shared.url()).hasScheme("ws").hasHost("127.0.0.1").hasPort(shared.ports().http());
    assertThat(shared.isRunning()).isTrue();
    assertThat(shared.pid()).isPresent();
  }

  @Test
  void writesItsLogAndConfigurationUnderTheBuildDirectory() throws Exception {
    Path buildDir = Path.of(System.getProperty("roomflux.buildDir", "target")).toAbsolutePath();

    assertThat(shared.logFile()).isAbsolute().startsWith(buildDir).isRegularFile();
    assertThat(shared.logFile().getFileName().toString()).matches("livekit-server-\\d{8}-\\d{6}-\\d{3}\\.log");
    assertThat(shared.configFile()).hasParent(shared.logFile().getParent()).isRegularFile();
    assertThat(Files.readString(shared.logFile())).contains("starting LiveKit server").contains("\"version\": \"1.13.5\"");
  }

  @Test
  void sharesTheJvmsNetworkWhichInNamespaceModeHoldsOnlyTheTestLinks() throws Exception {
    switch (shared.mode()) {
      case LiveKitDevServer.Mode.Namespace ns -> {
        Set<String> links;
        try (Stream<Path> entries = Files.list(Path.of("/sys/class/net"))) {
          links = entries.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
        assertThat(links).containsExactlyInAnyOrder("lo", "lk0", "lk1");
        // /proc/net/route: a default route has destination 00000000.
        assertThat(Files.readAllLines(Path.of("/proc/net/route")))
            .noneMatch(line -> line.split("\\s+").length > 1 && line.split("\\s+")[1].equals("00000000"));
        assertThat(ns.name()).isEqualTo(System.getenv("ROOMFLUX_NETNS_NAME")).startsWith("roomflux-");
        assertThat(ns.nodeIp()).isEqualTo("10.77.0.1");
        assertThat(Files.readString(shared.logFile())).contains("\"nodeIP\": \"10.77.0.1\"");
      }
      case LiveKitDevServer.Mode.Plain _ -> assertThat(System.getenv("ROOMFLUX_NETNS")).isNotEqualTo("on");
    }
  }

  @Test
  void joinTokenCarriesTheKeyIdentityAndRoom() {
    String jwt = shared.token("alice", "lobby");

    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    assertThat(claims.path("iss").asString()).isEqualTo("devkey");
    assertThat(claims.path("sub").asString()).isEqualTo("alice");
    Map<String, Object> video = JSON.convertValue(claims.path("video"), new TypeReference<Map<String, Object>>() {});
    assertThat(video).isEqualTo(Map.of(
        "roomJoin", true, "room", "lobby", "canPublish", true, "canSubscribe", true, "canPublishData", true));
  }

  @Test
  void closeStopsTheServerForGood() throws Exception {
    LiveKitDevServer second = LiveKitDevServer.start();
    URI health = second.httpUrl();
    assertThat(health.getPort()).isNotEqualTo(shared.httpUrl().getPort());
    assertThat(get(health).statusCode()).isEqualTo(200);

    second.close();
    second.close();

    assertThat(second.isRunning()).isFalse();
    assertThatThrownBy(() -> get(health)).isInstanceOf(ConnectException.class);
    assertThatThrownBy(second::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("was closed");
    assertThat(get(shared.httpUrl()).statusCode()).isEqualTo(200);
  }

  @Test
  void startGivesUpAfterTheTimeoutAndReportsTheLog() {
    assertThatThrownBy(() -> LiveKitDevServer.start(Duration.ofMillis(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not answer OK")
        .hasMessageContaining("livekit-server-");
  }

  @Test
  void killThenRestartServesAgainOnTheSamePortsAndKeys() throws Exception {
    try (LiveKitDevServer server = LiveKitDevServer.builder().keys("chaos-key", "a-secret-of-the-chaos-test").start()) {
      LiveKitDevServer.Ports ports = server.ports();
      long firstPid = server.pid().orElseThrow();

      server.kill();
      assertThat(server.isRunning()).isFalse();
      assertThat(server.pid()).isEmpty();
      assertThatThrownBy(() -> get(server.httpUrl())).isInstanceOf(ConnectException.class);

      server.restart();
      assertThat(server.ports()).isEqualTo(ports);
      assertThat(server.pid()).isPresent().get().isNotEqualTo(firstPid);
      assertThat(get(server.httpUrl()).body().strip()).isEqualTo("OK");
      String room = "after-restart-" + System.nanoTime();
      roomService(server, "CreateRoom", "{\"name\":\"" + room + "\"}");
      assertThat(roomNames(server)).contains(room);

      server.stop();
      assertThat(server.isRunning()).isFalse();
      server.restart();
      assertThat(get(server.httpUrl()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void configYamlTakesEffectAWebhookReachesALoopbackReceiver() throws Exception {
    LinkedBlockingQueue<String> hooks = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        hooks.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    try (LiveKitDevServer server = LiveKitDevServer.builder()
        .configYaml("webhook: {api_key: devkey, urls: ['" + hookUrl + "']}")
        .start()) {
      assertThat(Files.readString(server.configFile())).contains(hookUrl);
      String room = "hooked-" + System.nanoTime();

      roomService(server, "CreateRoom", "{\"name\":\"" + room + "\"}");

      String event = hooks.poll(IO.toSeconds(), TimeUnit.SECONDS);
      assertThat(event).as("no webhook within %s", IO).isNotNull();
      JsonNode json = JSON.readTree(event);
      assertThat(json.path("event").asString()).isEqualTo("room_started");
      assertThat(json.path("room").path("name").asString()).isEqualTo(room);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void twoNodesSharingRedisSeeEachOthersRooms() throws Exception {
    try (RedisServer redis = RedisServer.start();
        LiveKitDevServer nodeA = LiveKitDevServer.builder().redis(redis).start();
        LiveKitDevServer nodeB = LiveKitDevServer.builder().redis(redis).start()) {
      assertThat(nodeB.ports()).isNotEqualTo(nodeA.ports());
      String room = "clustered-" + System.nanoTime();

      roomService(nodeA, "CreateRoom", "{\"name\":\"" + room + "\"}");

      assertThat(roomNames(nodeB)).contains(room);
      assertThat(Files.readString(nodeB.configFile())).contains(redis.address());
    }
  }
}
