package io.roomflux.reactor;

import java.util.Map;

/**
 * A snapshot of how RoomFlux and its native core are doing, from {@link LiveKit#diagnostics()}:
 * the numbers tests assert on and metrics report. Immutable; cheap to take (counters only).
 *
 * <p>Handle counts are process-wide (the native core is one per process); room and operation
 * counts are this entry point's.
 *
 * @param liveHandlesByKind native handles RoomFlux owns now, by kind (for example
 *     {@code ROOM}, {@code PARTICIPANT}, {@code AUDIO_SOURCE}); kinds with none are absent
 * @param roomsOpen rooms this entry point joined and has not released yet
 * @param unroutedEvents events from the core that named a handle or request nobody was waiting
 *     for (their handles were dropped); harmless, counted for diagnosis
 * @param upcallFailures callbacks from the core whose hand-off failed; should stay 0
 * @param panics core panics (0 or 1: after a panic the core serves nothing more)
 * @param dropFailures handle drops the core did not recognise; should stay 0
 * @param leakedHandles handles that became unreachable without being closed and were dropped by
 *     a cleaner; should stay 0
 * @param operationsWithdrawn operations that found their room closing after they registered and
 *     withdrew without sending anything
 * @param callbacksAbandoned operations whose callback never came within the grace period after
 *     their room closed, and whose leases were released
 */
public record Diagnostics(Map<String, Long> liveHandlesByKind, int roomsOpen, long unroutedEvents,
                          long upcallFailures, long panics, long dropFailures, long leakedHandles,
                          long operationsWithdrawn, long callbacksAbandoned) {
  /** Copies the map. */
  public Diagnostics {
    liveHandlesByKind = Map.copyOf(liveHandlesByKind);
  }

  /**
   * All native handles RoomFlux owns now.
   *
   * @return the sum of {@link #liveHandlesByKind()}
   */
  public long liveHandles() {
    return liveHandlesByKind.values().stream().mapToLong(Long::longValue).sum();
  }
}
