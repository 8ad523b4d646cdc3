package io.roomflux.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.roomflux.reactor.Diagnostics;
import io.roomflux.reactor.LiveKit;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Reports a {@link LiveKit}'s {@link LiveKit#diagnostics()} as meters: the gauges
 * {@code roomflux.rooms.open} and {@code roomflux.handles.live} (one per handle kind, tagged
 * {@code kind}), and function counters of the core's health ({@code roomflux.core.panics},
 * {@code roomflux.core.unrouted.events}, {@code roomflux.core.upcall.failures},
 * {@code roomflux.core.drop.failures}, {@code roomflux.core.leaked.handles},
 * {@code roomflux.operations.withdrawn}, {@code roomflux.callbacks.abandoned}).
 *
 * <p>A {@code roomflux.handles.live} gauge is registered for each kind of handle present when
 * {@link #bindTo} runs and for each kind that appears later, found whenever one of this binder's
 * meters is read (a scrape); a kind's gauge then stays, reading 0 when no handle of the kind is
 * live. The meters read the diagnostics when they are read, on the reading thread; they hold the
 * {@code LiveKit} weakly, as Micrometer's function meters do. Thread-safe; bind it to any number
 * of registries.
 */
public final class LiveKitMeterBinder implements MeterBinder {
  private final LiveKit liveKit;

  /**
   * A binder for one entry point.
   *
   * @param liveKit the entry point whose diagnostics to report
   */
  public LiveKitMeterBinder(LiveKit liveKit) {
    this.liveKit = Objects.requireNonNull(liveKit, "liveKit");
  }

  /**
   * Registers the meters in {@code registry}.
   *
   * @param registry the registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Set<String> kinds = ConcurrentHashMap.newKeySet();
    Gauge.builder("roomflux.rooms.open", liveKit, lk -> discover(registry, kinds, lk.diagnostics()).roomsOpen())
        .description("Rooms this LiveKit entry point joined and has not released yet").register(registry);
    counter(registry, kinds, "roomflux.core.panics", "Panics of the native core (0 or 1)", Diagnostics::panics);
    counter(registry, kinds, "roomflux.core.unrouted.events",
        "Events from the core that named a handle or request nobody was waiting for", Diagnostics::unroutedEvents);
    counter(registry, kinds, "roomflux.core.upcall.failures", "Callbacks from the core whose hand-off failed",
        Diagnostics::upcallFailures);
    counter(registry, kinds, "roomflux.core.drop.failures", "Handle drops the core did not recognise",
        Diagnostics::dropFailures);
    counter(registry, kinds, "roomflux.core.leaked.handles",
        "Handles that became unreachable without being closed and were dropped by a cleaner",
        Diagnostics::leakedHandles);
    counter(registry, kinds, "roomflux.operations.withdrawn",
        "Operations that found their room closing and withdrew without sending anything",
        Diagnostics::operationsWithdrawn);
    counter(registry, kinds, "roomflux.callbacks.abandoned",
        "Operations whose callback never came within the grace period after their room closed",
        Diagnostics::callbacksAbandoned);
    discover(registry, kinds, liveKit.diagnostics());
  }

  /**
   * Describes this binder.
   *
   * @return {@code LiveKitMeterBinder[...]}
   */
  @Override
  public String toString() {
    return "LiveKitMeterBinder[" + liveKit + "]";
  }

  private void counter(MeterRegistry registry, Set<String> kinds, String name, String description,
                       ToDoubleFunction<Diagnostics> value) {
    FunctionCounter.builder(name, liveKit, lk -> value.applyAsDouble(discover(registry, kinds, lk.diagnostics())))
        .description(description).register(registry);
  }

  /** Registers a live-handle gauge for each kind seen for the first time; returns the diagnostics. */
  private Diagnostics discover(MeterRegistry registry, Set<String> kinds, Diagnostics diagnostics) {
    for (String kind : diagnostics.liveHandlesByKind().keySet()) {
      if (kinds.add(kind)) {
        Gauge.builder("roomflux.handles.live", liveKit, lk -> lk.diagnostics().liveHandlesByKind().getOrDefault(kind, 0L))
            .description("Native handles RoomFlux owns now, by kind (process-wide)").tag("kind", kind)
            .register(registry);
      }
    }
    return diagnostics;
  }
}
