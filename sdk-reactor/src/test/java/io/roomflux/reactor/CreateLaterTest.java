package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@link LiveKit#createLater}: an entry point made from a Reactor non-blocking thread without
 * blocking it (BlockHound, installed in this JVM, would fail the test otherwise), on a thread of
 * {@code boundedElastic}.
 */
class CreateLaterTest {

  @Test
  void anEntryPointIsMadeOffTheSubscribersNonBlockingThread() {
    AtomicReference<String> madeOn = new AtomicReference<>();
    Mono<LiveKit> made = Mono.defer(() -> LiveKit.createLater(LiveKitOptions.defaults())
            .doOnNext(lk -> madeOn.set(Thread.currentThread().getName())))
        .subscribeOn(Schedulers.parallel());
    StepVerifier.create(made)
        .assertNext(lk -> {
          assertThat(lk.diagnostics().roomsOpen()).isZero();
          lk.closeRooms().block(Duration.ofSeconds(10));
        })
        .expectComplete()
        .verify(Duration.ofSeconds(60));
    assertThat(madeOn.get()).startsWith("boundedElastic");
  }
}
