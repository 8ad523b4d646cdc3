package io.roomflux.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The heartbeat of the event streams, in virtual time. */
class HeartbeatTest {
  private static final Duration PERIOD = Duration.ofSeconds(15);

  @Test
  void aHeartbeatCommentGoesOutEveryPeriodBetweenEventsAndStopsWhenTheEventsComplete() {
    StepVerifier.withVirtualTime(() -> Heartbeat.every(PERIOD, Flux.concat(
            Mono.just(event("a")).delayElement(Duration.ofSeconds(20)),
            Mono.just(event("b")).delayElement(Duration.ofSeconds(20)))))
        .thenAwait(Duration.ofSeconds(15))
        .assertNext(HeartbeatTest::isHeartbeat)
        .thenAwait(Duration.ofSeconds(5))
        .assertNext(sse -> assertThat(sse.data()).isEqualTo("a"))
        .thenAwait(Duration.ofSeconds(10))
        .assertNext(HeartbeatTest::isHeartbeat)
        .thenAwait(Duration.ofSeconds(10))
        .assertNext(sse -> assertThat(sse.data()).isEqualTo("b"))
        // Completed with the events: no heartbeat keeps the stream open.
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void theHeartbeatsStopWhenTheEventsFail() {
    StepVerifier.withVirtualTime(() -> Heartbeat.every(PERIOD,
            Mono.<ServerSentEvent<String>>error(new IllegalStateException("room lost"))
                .delaySubscription(Duration.ofSeconds(16)).flux()))
        .thenAwait(Duration.ofSeconds(15))
        .assertNext(HeartbeatTest::isHeartbeat)
        .thenAwait(Duration.ofSeconds(1))
        .expectErrorMessage("room lost")
        .verify(Duration.ofSeconds(5));
  }

  private static ServerSentEvent<String> event(String data) {
    return ServerSentEvent.builder(data).build();
  }

  private static void isHeartbeat(ServerSentEvent<String> sse) {
    assertThat(sse.comment()).isEqualTo("heartbeat");
    assertThat(sse.data()).isNull();
  }
}
