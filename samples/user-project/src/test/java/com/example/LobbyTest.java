package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Starts a real livekit-server with the test kit (one per test JVM) and joins a room on it. */
@LiveKitIntegrationTest
class LobbyTest {
  @Test
  void aliceJoinsTheLobbyOnARealServer(LiveKitDevServer server) {
    try (LiveKit lk = LiveKit.create()) {
      String joined = new Lobby(lk).whoIsWhere(server.url().toString(), server.token("alice", "lobby"))
          .block(Duration.ofSeconds(30));

      assertEquals("alice in lobby", joined);
    }
  }
}
