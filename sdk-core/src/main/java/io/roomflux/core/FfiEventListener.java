package io.roomflux.core;

import io.roomflux.RoomFluxException;

import io.roomflux.proto.FfiEvent;

/**
 * Receives the events routed to one handle. Runs on the dispatcher thread, in the order the core
 * sent the events; must not block and should hand work off quickly.
 */
public interface FfiEventListener {
  /**
   * One event for the handle.
   *
   * @param event the decoded event
   */
  void onEvent(FfiEvent event);

  /**
   * The core panicked or the client closed: no more events will come on this route.
   *
   * @param error an {@link FfiPanicException} or {@link FfiClosedException}
   */
  default void onTerminated(RoomFluxException error) {
  }
}
