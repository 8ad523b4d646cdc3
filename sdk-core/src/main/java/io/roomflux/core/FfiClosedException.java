package io.roomflux.core;

import io.roomflux.RoomFluxException;

/**
 * The client was closed (the core disposed), so the request or route cannot be served.
 */
public final class FfiClosedException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be done
   */
  public FfiClosedException(String message) {
    super(message);
  }
}
