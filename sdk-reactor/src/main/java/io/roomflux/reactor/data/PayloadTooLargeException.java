package io.roomflux.reactor.data;

import io.roomflux.RoomFluxException;

/**
 * A payload is larger than the protocol accepts for that operation; nothing was sent.
 */
public final class PayloadTooLargeException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param what the operation
   * @param size the payload size in bytes
   * @param limit the largest accepted size in bytes
   */
  public PayloadTooLargeException(String what, long size, long limit) {
    super(what + " payload of " + size + " bytes exceeds the limit of " + limit
        + " bytes; send larger data as a byte or text stream");
  }
}
