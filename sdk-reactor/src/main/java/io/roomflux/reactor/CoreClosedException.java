package io.roomflux.reactor;

import io.roomflux.RoomFluxException;

/**
 * The native core of this process was disposed (at JVM shutdown, or by a test that ends the
 * core): what was pending fails with this exception, and nothing more can be sent.
 */
public final class CoreClosedException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param cause the core's own report of it
   */
  public CoreClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
