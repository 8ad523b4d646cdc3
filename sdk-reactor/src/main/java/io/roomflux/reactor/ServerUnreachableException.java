package io.roomflux.reactor;

/**
 * The server could not be reached at the given URL (refused, unresolvable, or not a LiveKit
 * server), or the URL itself is malformed.
 */
public final class ServerUnreachableException extends ConnectException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public ServerUnreachableException(String message) {
    super(message);
  }
}
