package io.roomflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.devserver.LiveKitDevServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Python LiveKit peer on its own: two of them in a room, and one that cannot connect. */
@LiveKitIntegrationTest
class PythonPeerTest {
  private static final Duration IO = Duration.ofSeconds(30);

  private final LiveKitDevServer server;

  PythonPeerTest(LiveKitDevServer server) {
    this.server = server;
  }

  @Test
  void onePeerHearsTheOthersToneAndBothLeaveWhenClosed() {
    String room = "peer-" + System.nanoTime();
    PythonPeer speaker = PythonPeer.builder(server.url(), server.token("speaker", room)).name("speaker")
        .publishTone(440, Duration.ZERO).start();
    PythonPeer listener = null;
    try {
      speaker.awaitReport(r -> r.is("published"), IO);
      listener = PythonPeer.builder(server.url(), server.token("listener", room)).name("listener")
          .listen("speaker", 440).start();
      assertThat(listener.awaitReport(r -> r.is("connected"), IO).text("room")).contains(room);
      PythonPeer.Report heard = listener.awaitReport(r -> r.is("audio") && r.number("ratio") > 0.9, IO);
      assertThat(heard.text("participant")).contains("speaker");
      assertThat(heard.number("samples")).isGreaterThan(40_000);
    } finally {
      if (listener != null) {
        listener.close();
      }
      speaker.close();
    }
    assertThat(speaker.isAlive()).isFalse();
    assertThat(speaker.reports().getLast().text("reason")).isEqualTo(Optional.of("stdin closed"));
    assertThat(listener.reports().getLast().is("exit")).isTrue();
  }

  @Test
  void aPeerThatCannotConnectReportsAnErrorAndExits() {
    try (PythonPeer peer = PythonPeer.builder(URI.create("ws://127.0.0.1:1"), server.token("nobody", "nowhere"))
        .name("unreachable").start()) {
      assertThat(peer.awaitReport(r -> r.is("error"), IO).text("message")).isPresent();
      assertThat(peer.awaitReport(r -> r.is("exit"), IO).text("reason")).contains("error");
      assertThatThrownBy(() -> peer.awaitReport(r -> r.is("connected"), IO))
          .isInstanceOf(AssertionError.class).hasMessageContaining("exited");
    }
  }
}
