package io.roomflux.core;

import io.roomflux.RoomFluxException;

/**
 * The livekit-ffi library could not be found or loaded: an unsupported platform, a missing
 * natives jar, or a configured path that does not exist. The message says how to fix it.
 */
public final class NativeLibraryException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and how to fix it
   */
  public NativeLibraryException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed and how to fix it
   * @param cause the underlying failure
   */
  public NativeLibraryException(String message, Throwable cause) {
    super(message, cause);
  }
}
