package io.roomflux.samples.webflux;

import io.roomflux.reactor.ConnectException;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.InvalidTokenException;
import io.roomflux.reactor.data.PayloadTooLargeException;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomClosedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The bot's HTTP API, which the page ({@code static/index.html}) uses. Every handler returns a
 * publisher and never blocks: joins, sends and leaves complete when the native core reports their
 * outcome.
 *
 * <pre>
 * POST   /rooms/{room}/join[?identity=X]      join (as roomflux-bot by default); 200 with the room as JSON, 409 if already in it
 * GET    /rooms/{room}/events                 the room's events as Server-Sent Events, until it is left
 * POST   /rooms/{room}/messages[?topic=T]     send the body's text as a reliable data packet; 204
 * DELETE /rooms/{room}                        leave; 204
 * </pre>
 *
 * Errors are RFC 9457 problem details: 404 for a room the bot is not in, 403 for a rejected
 * token, 502 for a server that cannot be joined, 413 for a message whose data packet would be over 64 000 bytes.
 */
@RestController
@RequestMapping("/rooms/{room}")
public class RoomController {
  /** The bot's identity when a join names none. */
  public static final String BOT_IDENTITY = "roomflux-bot";

  private final RoomRegistry rooms;

  /**
   * Creates the controller.
   *
   * @param rooms the bot's rooms
   */
  public RoomController(RoomRegistry rooms) {
    this.rooms = rooms;
  }

  /**
   * The room as the bot sees it right after joining.
   *
   * @param room the room's name
   * @param identity the bot's identity
   * @param participants the identities of the others there
   */
  public record JoinedRoom(String room, String identity, List<String> participants) {
    static JoinedRoom of(Room room) {
      return new JoinedRoom(room.name(), room.localParticipant().identity(),
          room.remoteParticipants().keySet().stream().sorted().toList());
    }
  }

  /**
   * Joins the room.
   *
   * @param room the room
   * @param identity the bot's identity in it, {@value #BOT_IDENTITY} if not given
   * @return the joined room
   */
  @PostMapping("/join")
  public Mono<JoinedRoom> join(@PathVariable("room") String room,
                               @RequestParam(name = "identity", defaultValue = BOT_IDENTITY) String identity) {
    return rooms.join(room, identity).map(JoinedRoom::of);
  }

  /**
   * Streams the room's events as unnamed SSE events (the browser's {@code EventSource} delivers
   * them all to {@code onmessage}) whose data is the event as JSON, {@code type} first. The first
   * event, of type {@code Watching}, is the room as the bot sees it when the stream opens (a
   * {@link JoinedRoom}); a {@code :heartbeat} comment follows every 15 s of the stream, so that
   * proxies keep it open. The stream ends after the {@code Disconnected} event.
   *
   * @param room the room
   * @return the events
   */
  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<Map<String, Object>>> events(@PathVariable("room") String room) {
    return rooms.find(room).flatMapMany(joined -> Heartbeat.every(Heartbeat.PERIOD, joined.events()
        .map(EventJson::of)
        .startWith(Mono.fromSupplier(() -> EventJson.watching(JoinedRoom.of(joined))))
        .map(json -> ServerSentEvent.builder(json).build())));
  }

  /**
   * Sends the body's text (UTF-8) to everyone in the room as a reliable data packet.
   *
   * @param room the room
   * @param topic the packet's topic, if any
   * @param text the text
   * @return 204 once the core has sent it
   */
  @PostMapping("/messages")
  public Mono<ResponseEntity<Void>> send(@PathVariable("room") String room,
                                         @RequestParam(name = "topic", required = false) Optional<String> topic,
                                         @RequestBody String text) {
    DataOptions options = topic.map(DataOptions.reliable()::withTopic).orElseGet(DataOptions::reliable);
    return rooms.find(room)
        .flatMap(joined -> joined.localParticipant().publishData(text.getBytes(StandardCharsets.UTF_8), options))
        .thenReturn(ResponseEntity.noContent().build());
  }

  /**
   * Leaves the room.
   *
   * @param room the room
   * @return 204 once the room is released
   */
  @DeleteMapping
  public Mono<ResponseEntity<Void>> leave(@PathVariable("room") String room) {
    return rooms.leave(room).thenReturn(ResponseEntity.noContent().build());
  }

  /**
   * Answers a failed request with a problem detail whose status says what went wrong.
   *
   * @param e the failure
   * @return the problem detail
   */
  @ExceptionHandler({RoomNotJoinedException.class, RoomAlreadyJoinedException.class, InvalidTokenException.class,
      ConnectException.class, PayloadTooLargeException.class, RoomClosedException.class})
  ProblemDetail problem(RuntimeException e) {
    HttpStatus status = switch (e) {
      case RoomNotJoinedException _ -> HttpStatus.NOT_FOUND;
      case RoomAlreadyJoinedException _ -> HttpStatus.CONFLICT;
      case InvalidTokenException _ -> HttpStatus.FORBIDDEN;
      case ConnectException _ -> HttpStatus.BAD_GATEWAY;
      case PayloadTooLargeException _ -> HttpStatus.CONTENT_TOO_LARGE;
      case RoomClosedException _ -> HttpStatus.GONE;
      default -> HttpStatus.INTERNAL_SERVER_ERROR; // not reached: only the exceptions above are handled here
    };
    return ProblemDetail.forStatusAndDetail(status, e.getMessage());
  }
}
