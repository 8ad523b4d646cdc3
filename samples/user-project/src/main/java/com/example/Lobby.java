package com.example;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.RoomOptions;
import reactor.core.publisher.Mono;

/** The application's code: joins a room, says who is where, and leaves. */
public final class Lobby {
  private final LiveKit lk;

  /**
   * @param lk the entry point to LiveKit rooms
   */
  public Lobby(LiveKit lk) {
    this.lk = lk;
  }

  /**
   * Joins the room that {@code token} grants and leaves it again.
   *
   * @param url the server's URL, such as {@code ws://127.0.0.1:7880}
   * @param token an access token with a join grant
   * @return "identity in room", once the room is left
   */
  public Mono<String> whoIsWhere(String url, String token) {
    return lk.withRoomMono(url, token, RoomOptions.defaults(),
        room -> Mono.just(room.localParticipant().identity() + " in " + room.name()));
  }
}
