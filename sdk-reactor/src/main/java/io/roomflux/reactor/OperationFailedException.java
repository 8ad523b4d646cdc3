package io.roomflux.reactor;

import io.roomflux.RoomFluxException;

/**
 * The core refused an operation or reported that it failed; the message names the operation and
 * the core's reason. {@link OperationTimeoutException} is the one subclass: the core did not
 * answer in time.
 */
public class OperationFailedException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the operation, e.g. {@code publishData}
   * @param coreError the error the core reported
   */
  public OperationFailedException(String operation, String coreError) {
    super(operation + " failed: " + coreError);
  }

  /**
   * Creates the exception with the core's own report as its cause.
   *
   * @param operation the operation, e.g. {@code publishData}
   * @param coreError the error the core reported
   * @param cause the core's report
   */
  public OperationFailedException(String operation, String coreError, Throwable cause) {
    super(operation + " failed: " + coreError, cause);
  }
}
