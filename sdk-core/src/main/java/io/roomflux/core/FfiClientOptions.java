package io.roomflux.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the process-wide {@link FfiClient}, taken when it is first opened.
 *
 * @param captureLogs forward the core's logs to SLF4J (under {@code io.roomflux.ffi}); when
 *     false the core prints them itself, filtered by {@code RUST_LOG}. Default true.
 * @param explainWait how long {@link FfiClient#explain} waits for the core's logged reason for
 *     a refused request. Default 250 ms.
 * @param shutdownTimeout how long {@link FfiClient#close()} waits for open rooms to disconnect
 *     before disposing the core. Default 10 s.
 */
public record FfiClientOptions(boolean captureLogs, Duration explainWait, Duration shutdownTimeout) {
  /** Validates the options. */
  public FfiClientOptions {
    Objects.requireNonNull(explainWait, "explainWait");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    if (explainWait.isNegative() || shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /**
   * The defaults described on each component.
   *
   * @return the default options
   */
  public static FfiClientOptions defaults() {
    return new FfiClientOptions(true, Duration.ofMillis(250), Duration.ofSeconds(10));
  }
}
