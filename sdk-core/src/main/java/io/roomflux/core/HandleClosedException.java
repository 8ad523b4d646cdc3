package io.roomflux.core;

import io.roomflux.RoomFluxException;

/**
 * A lease was asked for on a handle that is already closed: the operation was not started and
 * nothing was sent to the core.
 */
public class HandleClosedException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which handle, and why it is closed
   */
  public HandleClosedException(String message) {
    super(message);
  }
}
