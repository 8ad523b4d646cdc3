package io.roomflux.samples.webflux;

import java.time.Duration;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

/**
 * Keeps an event stream alive through proxies that close idle connections: a comment line
 * ({@code :heartbeat}) goes out at a fixed period while the stream is open.
 */
final class Heartbeat {
  /** The period the sample uses: well under the usual proxy idle timeouts of 30 to 60 s. */
  static final Duration PERIOD = Duration.ofSeconds(15);

  private Heartbeat() {}

  /**
   * The events with a heartbeat comment every {@code period}; the heartbeats stop when the events
   * complete, fail or are cancelled. Heartbeats tick on Reactor's parallel scheduler.
   *
   * @param events the events
   * @param period the time between two heartbeats
   * @param <T> the events' data
   * @return the events and heartbeats, merged
   */
  static <T> Flux<ServerSentEvent<T>> every(Duration period, Flux<ServerSentEvent<T>> events) {
    return events.publish(shared -> Flux.merge(shared,
        Flux.interval(period, period)
            .map(tick -> ServerSentEvent.<T>builder().comment("heartbeat").build())
            .takeUntilOther(shared.ignoreElements())));
  }
}
