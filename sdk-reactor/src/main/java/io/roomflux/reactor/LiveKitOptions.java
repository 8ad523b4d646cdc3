package io.roomflux.reactor;

import java.util.Objects;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Settings of a {@link LiveKit} entry point.
 *
 * @param scheduler where subscribers receive events and operation results; never the core's or
 *     the dispatcher's threads. Default {@link Schedulers#parallel()}.
 * @param timer the scheduler connect timeouts run on; inject a virtual-time scheduler in tests.
 *     Default {@link Schedulers#parallel()}.
 * @param eventBufferSize how many events one slow subscriber of {@link Room#events()} may have
 *     waiting before the oldest are dropped for it (and counted in {@link Room#missedEvents()}).
 *     Memory per subscriber is bounded by this many events. Default 1024.
 */
public record LiveKitOptions(Scheduler scheduler, Scheduler timer, int eventBufferSize) {
  /** Validates the options. */
  public LiveKitOptions {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(timer, "timer");
    if (eventBufferSize < 1) {
      throw new IllegalArgumentException("eventBufferSize must be at least 1");
    }
  }

  /**
   * The defaults described on each component.
   *
   * @return default options
   */
  public static LiveKitOptions defaults() {
    return new LiveKitOptions(Schedulers.parallel(), Schedulers.parallel(), 1024);
  }

  /**
   * With another timer scheduler.
   *
   * @param value the scheduler
   * @return new options
   */
  public LiveKitOptions withTimer(Scheduler value) {
    return new LiveKitOptions(scheduler, value, eventBufferSize);
  }

  /**
   * With another per-subscriber event buffer size.
   *
   * @param value the size
   * @return new options
   */
  public LiveKitOptions withEventBufferSize(int value) {
    return new LiveKitOptions(scheduler, timer, value);
  }
}
