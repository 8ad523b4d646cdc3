package io.roomflux.reactor.internal.room;

import io.roomflux.RoomFluxException;
import io.roomflux.Telemetry;
import io.roomflux.reactor.RoomEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * A room's hot event stream. Emissions come from the dispatcher thread (and, for the terminal
 * signal after a panic or a client close, from the closing thread, serialized by a retrying
 * failure handler). There is no hidden shared buffer: each subscriber gets its own bounded buffer
 * that drops its oldest events when it falls behind (counted in {@link #missed()}). Until the
 * first subscriber arrives, events are held (up to the same bound) and handed to it in order.
 */
final class EventHub {
  private static final Duration RETRY_FOR = Duration.ofMillis(100);

  private final Scheduler scheduler;
  private final int bufferSize;
  private final Telemetry telemetry;
  private final LongAdder missed = new LongAdder();
  private final Sinks.Many<RoomEvent> sink = Sinks.many().multicast().directBestEffort();
  private final Object lock = new Object();
  // Volatile so that emit() skips the lock once the first subscriber took the held events.
  private volatile @Nullable List<RoomEvent> early = new ArrayList<>();
  /** Every event as it is emitted, held for no one: what the room's own waits watch (never the early buffer). */
  private final Sinks.Many<RoomEvent> watch = Sinks.many().multicast().directBestEffort();
  // Serializes the watch's signals (the dispatcher's events, a closing thread's end), so none is
  // refused as non-serialized and none can throw into the main stream's path.
  private final Object watchLock = new Object();

  /** A hub reporting each emitted event and each dropped one to {@code telemetry} (guarded). */
  EventHub(Scheduler scheduler, int bufferSize, Telemetry telemetry) {
    this.scheduler = scheduler;
    this.bufferSize = bufferSize;
    this.telemetry = telemetry;
  }

  /** The events from now on (the held ones first, for the first subscriber), on the scheduler. */
  Flux<RoomEvent> events() {
    return Flux.defer(this::live)
        .onBackpressureBuffer(bufferSize, dropped -> dropped(), BufferOverflowStrategy.DROP_OLDEST)
        .publishOn(scheduler, 32);
  }

  /**
   * The events from now on, on the emitting thread (the dispatcher), not taking the events held
   * for the first subscriber of {@link #events()}; it ends when the room's stream ends. For the
   * room's own short, non-blocking waits.
   */
  Flux<RoomEvent> watch() {
    return watch.asFlux();
  }

  /** Events dropped for slow subscribers, and while held for the first one. */
  long missed() {
    return missed.sum();
  }

  private void dropped() {
    missed.increment();
    telemetry.eventsDropped(1);
  }

  private Flux<RoomEvent> live() {
    synchronized (lock) {
      List<RoomEvent> held = early;
      if (held == null) {
        return sink.asFlux();
      }
      // The first subscriber takes what was held since the room was joined. It subscribes to
      // the sink while holding the lock that emit() takes while events are still held, so no
      // event falls between the held ones and the live ones.
      early = null;
      Sinks.Many<RoomEvent> relay = Sinks.many().unicast().onBackpressureBuffer();
      held.forEach(relay::tryEmitNext);
      Disposable upstream = sink.asFlux().subscribe(relay::tryEmitNext, relay::tryEmitError, relay::tryEmitComplete);
      return relay.asFlux().doFinally(signal -> upstream.dispose());
    }
  }

  void emit(RoomEvent event) {
    telemetry.eventEmitted(event.getClass().getSimpleName());
    synchronized (watchLock) {
      watch.tryEmitNext(event); // no watcher: nothing to do
    }
    if (early != null) {
      synchronized (lock) {
        List<RoomEvent> held = early;
        if (held != null) {
          if (held.size() == bufferSize) {
            held.remove(0);
            dropped();
          }
          held.add(event);
          return;
        }
      }
    }
    sink.emitNext(event, retry());
  }

  /**
   * Ends the stream: completes it, or fails it with {@code error}. A completion still reaches a
   * first subscriber that comes later, after the held events; an error drops what was held.
   */
  void terminate(@Nullable RoomFluxException error) {
    if (error != null) {
      synchronized (lock) {
        early = null;
      }
      sink.emitError(error, retry());
    } else {
      sink.emitComplete(retry());
    }
    synchronized (watchLock) {
      if (error != null) {
        watch.tryEmitError(error);
      } else {
        watch.tryEmitComplete();
      }
    }
  }

  /**
   * A handler that retries a concurrent emission (the dispatcher and a closing thread) for up to
   * {@link #RETRY_FOR}. One per emission: Reactor's busy-looping handler fixes its deadline when
   * it is created, so a shared one would stop retrying {@code RETRY_FOR} after it was made.
   */
  private static Sinks.EmitFailureHandler retry() {
    return Sinks.EmitFailureHandler.busyLooping(RETRY_FOR);
  }
}
