package io.roomflux;

/**
 * The root of every exception RoomFlux throws or signals: catching it covers the client, the
 * server API and tokens. Unchecked, like Reactor's own errors; subclasses say what happened.
 */
public class RoomFluxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what happened
   */
  public RoomFluxException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what happened
   * @param cause the underlying failure
   */
  public RoomFluxException(String message, Throwable cause) {
    super(message, cause);
  }
}
