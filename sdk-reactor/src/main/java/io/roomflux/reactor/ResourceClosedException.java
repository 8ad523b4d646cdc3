package io.roomflux.reactor;

import io.roomflux.RoomFluxException;

/**
 * An operation was refused because the resource it needs (a source, track, resampler, stream
 * reader or writer) was closed; the message names the operation and the resource.
 */
public final class ResourceClosedException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was refused, and why
   */
  public ResourceClosedException(String message) {
    super(message);
  }
}
