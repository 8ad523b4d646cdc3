package io.roomflux.reactor;

import io.roomflux.RoomFluxException;

/**
 * Joining a room failed. Subclasses say why where it can be told: {@link InvalidTokenException},
 * {@link ServerUnreachableException}, {@link ConnectTimeoutException}. No native handle is left
 * behind by a failed connect.
 */
public class ConnectException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the core or server said, secrets redacted
   */
  public ConnectException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public ConnectException(String message, Throwable cause) {
    super(message, cause);
  }
}
