package io.roomflux.reactor;

import io.roomflux.RoomFluxException;

/**
 * The native core could not be loaded: no build for this platform, or the library file could not
 * be extracted or opened. The message says which, and how to point RoomFlux at another build.
 */
public final class NativeLibraryException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param cause the core's own report of it
   */
  public NativeLibraryException(String message, Throwable cause) {
    super(message, cause);
  }
}
