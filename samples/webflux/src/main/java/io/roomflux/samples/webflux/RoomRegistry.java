package io.roomflux.samples.webflux;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rooms the bot is in, by name: at most one participant per room. Thread-safe; every method
 * returns a cold {@code Mono} that does not block, so it can run on WebFlux's event loops.
 */
@Component
public class RoomRegistry implements DisposableBean {
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  private final LiveKit lk;
  private final LiveKitServer server;
  private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();

  /**
   * Creates the registry.
   *
   * @param lk the entry point rooms are joined with
   * @param server where they are joined
   */
  public RoomRegistry(LiveKit lk, LiveKitServer server) {
    this.lk = lk;
    this.server = server;
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
            : lk.connect(server.url(), server.token(identity, name), RoomOptions.defaults()))
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

  /** Leaves every room when the context closes; blocks Spring's closing thread meanwhile. */
  @Override
  public void destroy() {
    Flux.fromIterable(List.copyOf(rooms.keySet())).flatMap(this::leave).onErrorComplete().then()
        .block(SHUTDOWN_TIMEOUT);
  }
}
