package io.roomflux.core;

import io.roomflux.RoomFluxException;

/**
 * The core reported a panic. Every pending request and every event route fails with this
 * exception, and the client refuses further requests: the core's state is no longer trusted.
 * The JVM keeps running.
 */
public final class FfiPanicException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param coreMessage the panic message the core sent
   */
  public FfiPanicException(String coreMessage) {
    super("livekit-ffi core panicked: " + coreMessage
        + " (the core cannot be used further in this process)");
  }

  /**
   * Reports an earlier panic again, at a new call site.
   *
   * @param earlier the panic that stopped the client
   */
  public FfiPanicException(FfiPanicException earlier) {
    super(earlier.getMessage(), earlier);
  }
}
