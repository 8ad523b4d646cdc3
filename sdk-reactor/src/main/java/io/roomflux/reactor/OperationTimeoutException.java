package io.roomflux.reactor;

import java.time.Duration;

/**
 * An operation of a room had no answer from the core within {@link RoomOptions#operationTimeout()}
 * (typically because the room was reconnecting). It is an {@link OperationFailedException}, so code
 * that handles failed operations handles it too. Whether the core still carries the operation out
 * later is not known; the room itself is not affected.
 */
public final class OperationTimeoutException extends OperationFailedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the operation, e.g. {@code publishData}
   * @param timeout how long it waited
   */
  public OperationTimeoutException(String operation, Duration timeout) {
    super(operation, "no answer from the core within " + timeout + " (RoomOptions.operationTimeout)");
  }
}
