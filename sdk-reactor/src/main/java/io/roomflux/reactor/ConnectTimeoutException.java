package io.roomflux.reactor;

import java.time.Duration;

/**
 * The room was not joined within {@link RoomOptions#connectTimeout()}. A room that the core
 * delivers after this is disconnected and released, never left half-open.
 */
public final class ConnectTimeoutException extends ConnectException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param timeout the timeout that passed
   */
  public ConnectTimeoutException(Duration timeout) {
    super("the room was not joined within " + timeout);
  }
}
