package io.roomflux.server;

import io.roomflux.RoomFluxException;

/**
 * A server API call that got no answer because the connection failed: the server refused or did
 * not accept the connection within the connect timeout, or closed it before answering. Signalled
 * within the call's timeout; the call may or may not have reached the server when the
 * connection was lost after sending.
 */
public final class ServerConnectException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, with the server URL and the method
   * @param cause the transport's error
   */
  public ServerConnectException(String message, Throwable cause) {
    super(message, cause);
  }
}
