package io.roomflux.server;

import io.roomflux.RoomFluxException;

/**
 * A server API call that did not complete within its timeout ({@link ServerApi.Builder#timeout}),
 * retries included. The server may still carry the call out.
 */
public final class ServerTimeoutException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which call timed out after how long
   */
  public ServerTimeoutException(String message) {
    super(message);
  }
}
