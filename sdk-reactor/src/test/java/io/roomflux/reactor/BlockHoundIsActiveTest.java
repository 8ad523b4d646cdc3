package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Proves BlockHound is installed in this test JVM, so every other test runs under it. */
class BlockHoundIsActiveTest {
  @Test
  void blockingOnAParallelThreadIsReported() {
    StepVerifier.create(Mono.fromCallable(() -> {
          Thread.sleep(1);
          return "slept";
        }).subscribeOn(Schedulers.parallel()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BlockingOperationError.class))
        .verify(Duration.ofSeconds(10));
  }
}
