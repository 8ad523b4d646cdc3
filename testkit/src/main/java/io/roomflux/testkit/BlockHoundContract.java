package io.roomflux.testkit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The proof that BlockHound is installed in a test JVM, so that every other test in it runs under
 * it. A module whose tests run under BlockHound extends this class once; the build then runs one
 * proof in each of its two test JVMs: the unit tests' and the integration tests' (tagged
 * {@value LiveKitIntegrationTest#TAG}, see {@link LiveKitIntegrationTest}).
 *
 * <p>Needs {@code reactor-core} and {@code blockhound} on the test class path (optional
 * dependencies of the test kit); {@link #assertBlockingOnAParallelThreadIsReported()} serves a
 * test that cannot extend this class.
 */
public abstract class BlockHoundContract {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** For subclasses. */
  protected BlockHoundContract() {}

  /**
   * Sleeps on one of Reactor's parallel (non-blocking) threads and asserts that BlockHound
   * reports it. Blocks the calling (JUnit) thread up to 10 s.
   *
   * @throws AssertionError if the sleep was not reported as a {@link BlockingOperationError}
   */
  public static void assertBlockingOnAParallelThreadIsReported() {
    @Nullable Throwable reported = Mono.fromCallable(() -> {
          Thread.sleep(1);
          return "slept";
        })
        .subscribeOn(Schedulers.parallel())
        .then(Mono.<Throwable>empty())
        .onErrorResume(Mono::just)
        .block(TIMEOUT);
    if (!(reported instanceof BlockingOperationError)) {
      throw new AssertionError("a sleep on a parallel thread was not reported by BlockHound: it is not installed"
          + " in this JVM (reported: " + reported + ")", reported);
    }
  }

  /** The proof in the unit tests' JVM. */
  @Test
  public void blockingOnAParallelThreadIsReported() {
    assertBlockingOnAParallelThreadIsReported();
  }

  /** The proof in the integration tests' JVM. */
  @Test
  @Tag(LiveKitIntegrationTest.TAG)
  public void blockingOnAParallelThreadIsReportedInTheIntegrationTestJvm() {
    assertBlockingOnAParallelThreadIsReported();
  }
}
