package io.roomflux.reactor.e2ee;

import io.roomflux.reactor.RoomOptions;
import io.roomflux.RoomFluxException;

/**
 * An end-to-end encryption operation was asked of a room joined without
 * {@link RoomOptions#withEncryption encryption}: the core has no key provider for it and would
 * silently ignore the request. Join with {@link EncryptionOptions} to use {@link E2eeManager}.
 */
public final class E2eeNotConfiguredException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the refused operation, e.g. {@code setSharedKey}
   * @param room the room's name
   */
  public E2eeNotConfiguredException(String operation, String room) {
    super(operation + " refused: room '" + room + "' was joined without end-to-end encryption "
        + "(RoomOptions.withEncryption)");
  }
}
