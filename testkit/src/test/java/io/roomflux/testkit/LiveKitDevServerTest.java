package io.roomflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.devserver.LiveKitDevServer;
import java.io.IOException;
import java.net.ConnectException;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@LiveKitIntegrationTest
class LiveKitDevServerTest {

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    try (HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      return http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void answersOkOverHttpOnLoopback(LiveKitDevServer server) throws Exception {
    HttpResponse<String> response = get(server.httpUrl());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body().strip()).isEqualTo("OK");
    assertThat(server.httpUrl().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.url()).hasScheme("ws").hasHost("127.0.0.1").hasPort(server.httpUrl().getPort());
  }

  @Test
  void writesItsLogUnderTheBuildDirectory(LiveKitDevServer server) throws Exception {
    Path buildDir = Path.of(System.getProperty("roomflux.buildDir", "target")).toAbsolutePath();

    assertThat(server.logFile()).isAbsolute().startsWith(buildDir).isRegularFile();
    assertThat(server.logFile().getFileName().toString()).matches("livekit-server-\\d{8}-\\d{6}-\\d{3}\\.log");
    assertThat(Files.readString(server.logFile())).contains("starting LiveKit server");
  }

  @Test
  void sharesTheJvmsNetworkWhichInNamespaceModeHoldsOnlyTheTestLinks(LiveKitDevServer server) throws Exception {
    switch (server.mode()) {
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
        assertThat(Files.readString(server.logFile())).contains("\"nodeIP\": \"10.77.0.1\"");
      }
      case LiveKitDevServer.Mode.Plain _ -> assertThat(System.getenv("ROOMFLUX_NODE_IP")).isNull();
    }
  }

  @Test
  void joinTokenCarriesTheDevKeyIdentityAndRoom(LiveKitDevServer server) {
    String jwt = server.token("alice", "lobby");

    String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    Map<String, Object> claims = (Map<String, Object>) Json.parse(payload);
    assertThat(claims).containsEntry("iss", "devkey").containsEntry("sub", "alice");
    assertThat(claims.get("video"))
        .isEqualTo(
            Map.of(
                "roomJoin", true, "room", "lobby", "canPublish", true, "canSubscribe", true, "canPublishData", true));
  }

  @Test
  void closeStopsTheServerAndCanBeRepeated(LiveKitDevServer shared) throws Exception {
    LiveKitDevServer second = LiveKitDevServer.start();
    URI health = second.httpUrl();
    assertThat(health.getPort()).isNotEqualTo(shared.httpUrl().getPort());
    assertThat(get(health).statusCode()).isEqualTo(200);

    second.close();
    second.close();

    assertThatThrownBy(() -> get(health)).isInstanceOf(ConnectException.class);
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
  void roomServiceListsNoUnknownRooms(LiveKitDevServer server) {
    List<String> rooms = RoomServiceClient.of(server).listRooms();

    assertThat(rooms).doesNotContain("no-such-room-" + System.nanoTime());
  }
}
