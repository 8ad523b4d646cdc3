package io.roomflux.samples.webflux;

import java.io.Serial;

/** The bot is already in the room it was asked to join. */
public final class RoomAlreadyJoinedException extends RuntimeException {
  @Serial
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param room the room
   */
  public RoomAlreadyJoinedException(String room) {
    super("the bot is already in room '" + room + "'");
  }
}
