package io.roomflux.reactor;

import io.roomflux.reactor.data.DataOptions;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A burst of 10 000 packets with one slow subscriber: the others get everything, the slow one
 * loses the oldest events beyond its bounded buffer, and the loss is counted.
 */
@LiveKitIntegrationTest
class SlowSubscriberTest {
  private static final int BURST = 10_000;
  private static final int BUFFER = 256;

  @Test
  void aSlowSubscriberMissesCountedEventsWithoutSlowingTheOthers(LiveKitDevServer server) {
    LiveKit lk = LiveKit.create(LiveKitOptions.defaults().withEventBufferSize(BUFFER));
    String room = "burst-" + UUID.randomUUID();
    Room alice = lk.connect(server.url().toString(), server.token("alice", room), RoomOptions.defaults())
        .block(Duration.ofSeconds(30));
    Room bob = lk.connect(server.url().toString(), server.token("bob", room), RoomOptions.defaults())
        .block(Duration.ofSeconds(30));
    assertThat(alice).isNotNull();
    assertThat(bob).isNotNull();

    AtomicLong slowSeen = new AtomicLong();
    Disposable slow = bob.dataPackets("burst")
        .concatMap(p -> Mono.delay(Duration.ofMillis(2)).thenReturn(p), 1)
        .subscribe(p -> slowSeen.incrementAndGet());

    StepVerifier.create(bob.dataPackets("burst").take(BURST))
        .then(() -> Flux.range(0, BURST)
            .flatMap(i -> alice.localParticipant().publishData(new byte[] {i.byteValue()},
                DataOptions.reliable().withTopic("burst")), 64)
            .subscribe())
        .expectNextCount(BURST)
        .expectComplete()
        .verify(Duration.ofSeconds(120));

    slow.dispose();
    assertThat(bob.missedEvents()).isPositive();
    assertThat(slowSeen.get()).isLessThan(BURST);
    Mono.when(alice.disconnect(), bob.disconnect()).block(Duration.ofSeconds(30));
    assertThat(lk.diagnostics().liveHandles()).isZero();
  }
}
