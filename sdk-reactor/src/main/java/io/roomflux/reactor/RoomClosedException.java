package io.roomflux.reactor;

import io.roomflux.RoomFluxException;

/**
 * An operation was called on a room that is disconnecting or disconnected, or was still in flight
 * when the room closed. Nothing was sent to the core for an operation refused this way.
 */
public final class RoomClosedException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which room and operation
   */
  public RoomClosedException(String message) {
    super(message);
  }
}
