package io.roomflux.samples.webflux;

import java.io.Serial;

/** The bot is not in the room a request names. */
public final class RoomNotJoinedException extends RuntimeException {
  @Serial
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param room the room
   */
  public RoomNotJoinedException(String room) {
    super("the bot is not in room '" + room + "'");
  }
}
