package io.roomflux.reactor;

import io.roomflux.RoomFluxException;

/**
 * The core accepted an operation but reported that it failed.
 */
public final class OperationFailedException extends RoomFluxException {
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
}
