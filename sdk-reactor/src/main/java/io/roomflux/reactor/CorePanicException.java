package io.roomflux.reactor;

import io.roomflux.RoomFluxException;

/**
 * The native core panicked. Every operation pending at that moment fails with this exception,
 * every open room ends with it, and later operations fail with it too; the JVM keeps running, but
 * the process's core cannot be used again (LiveKit's core can be started once per process).
 */
public final class CorePanicException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param cause the core's own report of it
   */
  public CorePanicException(String message, Throwable cause) {
    super(message, cause);
  }
}
