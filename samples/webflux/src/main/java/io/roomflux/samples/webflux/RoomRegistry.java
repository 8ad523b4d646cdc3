package io.roomflux.samples.webflux;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.spring.boot.LiveKitConnectionDetails;
import io.roomflux.spring.boot.TokenIssuer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The rooms the bot is in, by name: at most one participant per room. Thread-safe; every method
 * returns a cold {@code Mono} that does not block, so it can run on WebFlux's event loops. When the
 * context closes, the starter disconnects every room of the {@code LiveKit} bean, and they leave
 * the registry.
 */
@Component
public class RoomRegistry {
  private final LiveKit lk;
  private final LiveKitConnectionDetails server;
  private final TokenIssuer tokens;
  private final RoomOptions options;
  private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();

  /**
   * Creates the registry.
   *
   * @param lk the entry point rooms are joined with
   * @param server where they are joined
   * @param tokens mints the bot's join tokens
   * @param options how rooms are joined ({@code roomflux.room.*})
   */
  public RoomRegistry(LiveKit lk, LiveKitConnectionDetails server, TokenIssuer tokens, RoomOptions options) {
    this.lk = lk;
    this.server = server;
    this.tokens = tokens;
    this.options = options;
  }

  /**
   * Joins {@code name} as {@code identity}. The room stays in the registry until it is left,
   * here or by the server.
   *
   * @param name the room
   * @param identity the bot's identity there
   * @return the joined room; fails with {@link RoomAlreadyJoinedException}, or with the
   *     {@link io.roomflux.reactor.ConnectException} of a failed join
   */
  public Mono<Room> join(String name, String identity) {
    return Mono.defer(() -> rooms.containsKey(name)
            ? Mono.error(new RoomAlreadyJoinedException(name))
            : lk.connect(server.url(), tokens.joinJwt(name, identity), options))
        .flatMap(room -> {
          if (rooms.putIfAbsent(name, room) != null) {
            // A concurrent join of the same room won: leave this second one again.
            return room.disconnect().then(Mono.error(new RoomAlreadyJoinedException(name)));
          }
          // However the room ends (a DELETE, the server closing it), it leaves the registry.
          room.onClose().onErrorComplete().doFinally(signal -> rooms.remove(name, room)).subscribe();
          return Mono.just(room);
        });
  }

  /**
   * The joined room {@code name}.
   *
   * @param name the room
   * @return the room; fails with {@link RoomNotJoinedException}
   */
  public Mono<Room> find(String name) {
    return Mono.defer(() -> Mono.justOrEmpty(rooms.get(name)))
        .switchIfEmpty(Mono.error(() -> new RoomNotJoinedException(name)));
  }

  /**
   * Leaves {@code name}: disconnects and releases it.
   *
   * @param name the room
   * @return completes once the room is released; fails with {@link RoomNotJoinedException}
   */
  public Mono<Void> leave(String name) {
    return Mono.defer(() -> {
      Room room = rooms.remove(name);
      return room == null ? Mono.error(new RoomNotJoinedException(name)) : room.disconnect();
    });
  }

  /**
   * The names of the joined rooms now.
   *
   * @return a snapshot
   */
  public List<String> names() {
    return List.copyOf(rooms.keySet());
  }
}
