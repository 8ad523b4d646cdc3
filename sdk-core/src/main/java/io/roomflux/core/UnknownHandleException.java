package io.roomflux.core;

/**
 * A request named a handle the core does not know: never issued, or already dropped.
 */
public final class UnknownHandleException extends FfiRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param requestKind the protocol message of the request
   * @param coreReason the core's reason
   */
  public UnknownHandleException(String requestKind, String coreReason) {
    super(requestKind, coreReason);
  }
}
