package io.roomflux.samples.tone;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Proves BlockHound is installed in this test JVM, so the sample's test runs under it. */
class BlockHoundIsActiveTest {
  @Test
  void blockingOnAParallelThreadIsReported() {
    StepVerifier.create(Mono.fromCallable(() -> {
          Thread.sleep(1);
          return "slept";
        }).subscribeOn(Schedulers.parallel()))
        .expectError(BlockingOperationError.class)
        .verify(Duration.ofSeconds(10));
  }
}
