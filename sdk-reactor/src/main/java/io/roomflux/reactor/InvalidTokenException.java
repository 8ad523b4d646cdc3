package io.roomflux.reactor;

/**
 * The server rejected the access token: malformed, badly signed, expired, or without a grant to
 * join the room.
 */
public final class InvalidTokenException extends ConnectException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the server said
   */
  public InvalidTokenException(String message) {
    super(message);
  }
}
