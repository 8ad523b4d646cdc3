package io.roomflux.samples.hello;

import io.roomflux.reactor.LiveKit;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The README's sample, run against a real livekit-server. */
@LiveKitIntegrationTest
class HelloRoomTest {
  private static final Duration IO = Duration.ofSeconds(60);

  @Test
  void bobReceivesAlicesGreetingAndNoHandleOutlivesTheRooms(LiveKitDevServer server) {
    LiveKit lk = LiveKit.create();
    // The story is told on the rooms' event threads, where BlockHound forbids System.out.
    Queue<String> story = new ConcurrentLinkedQueue<>();

    StepVerifier.create(HelloRoom.run(lk, server.url().toString(), server::token, story::add))
        .assertNext(outcome -> {
          assertThat(outcome.sender()).isEqualTo("alice");
          assertThat(outcome.topic()).isEqualTo(HelloRoom.TOPIC);
          assertThat(outcome.text()).isEqualTo(HelloRoom.GREETING);
          assertThat(outcome.liveHandles()).isZero();
        })
        .expectComplete()
        .verify(IO);

    List<String> lines = List.copyOf(story);
    assertThat(lines).contains("alice says \"hello, bob\" on topic greetings", "alice left", "bob   left");
    assertThat(lines).anyMatch(line -> line.startsWith("bob   received ParticipantConnected identity=alice"));
    assertThat(lines).anyMatch(line ->
        line.equals("bob   received DataReceived identity=alice topic=greetings text=\"hello, bob\""));
    assertThat(lines.indexOf("alice left")).isLessThan(lines.indexOf("bob   left"));
    assertThat(lk.diagnostics().liveHandles()).isZero();
    assertThat(lk.diagnostics().leakedHandles()).isZero();
  }
}
