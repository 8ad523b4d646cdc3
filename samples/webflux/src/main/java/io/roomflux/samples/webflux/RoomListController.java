package io.roomflux.samples.webflux;

import io.roomflux.RoomFluxException;
import io.roomflux.server.ServerApi;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The server's rooms, as the page lists them: {@code GET /rooms} asks the server API
 * ({@code ListRooms}) on each request. Never blocks; answers on the server API's event loop.
 * A server that does not answer is a 502 problem detail.
 */
@RestController
public class RoomListController {
  private final ServerApi server;

  /**
   * Creates the controller.
   *
   * @param server the server API
   */
  public RoomListController(ServerApi server) {
    this.server = server;
  }

  /**
   * A room as the server lists it.
   *
   * @param name the room's name
   * @param createdAt when the server created it
   */
  public record ListedRoom(String name, Instant createdAt) {}

  /**
   * Lists the server's rooms, by name.
   *
   * @return the rooms
   */
  @GetMapping("/rooms")
  public Mono<List<ListedRoom>> rooms() {
    return server.roomService().listRooms().map(response -> response.getRoomsList().stream()
        .map(room -> new ListedRoom(room.getName(), Instant.ofEpochSecond(room.getCreationTime())))
        .sorted(Comparator.comparing(ListedRoom::name))
        .toList());
  }

  /**
   * Answers a failed {@code ListRooms} with a 502 problem detail.
   *
   * @param e the server API's failure
   * @return the problem detail
   */
  @ExceptionHandler(RoomFluxException.class)
  ProblemDetail serverFailed(RoomFluxException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "ListRooms failed: " + e.getMessage());
  }
}
