package io.roomflux.reactor;

import io.roomflux.RoomFluxException;

/**
 * Media was asked of a track the local client is not subscribed to (or that was unpublished
 * meanwhile), or of a participant that is not in the room.
 */
public final class NoSuchTrackException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was asked for and why it is not there
   */
  public NoSuchTrackException(String message) {
    super(message);
  }
}
