package io.roomflux.samples.hello.docs;

import io.roomflux.reactor.ConnectException;
import io.roomflux.reactor.ConnectTimeoutException;
import io.roomflux.reactor.Diagnostics;
import io.roomflux.reactor.InvalidTokenException;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.ServerUnreachableException;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/** The code that docs/troubleshooting.md shows, between {@code tag::NAME[]} markers. */
final class TroubleshootingSnippets {
  private TroubleshootingSnippets() {}

  /** Says what to do about each kind of failed connect. */
  static Mono<Room> join(LiveKit lk, String url, String token, Consumer<String> log) {
    // tag::connect-errors[]
    Mono<Room> joined = lk.connect(url, token, RoomOptions.defaults().withConnectTimeout(Duration.ofSeconds(10)))
        .doOnError(ConnectException.class, e -> log.accept(switch (e) {
          case InvalidTokenException invalid -> "mint a new token: " + invalid.getMessage();
          case ServerUnreachableException unreachable -> "check the URL and the server: " + unreachable.getMessage();
          case ConnectTimeoutException timeout -> "no room within 10 s: " + timeout.getMessage();
          default -> "the core could not join: " + e.getMessage();
        }));
    // end::connect-errors[]
    return joined;
  }

  /** An entry point that leaves the core's log lines to the core. */
  static LiveKit withoutCoreLogs() {
    // tag::core-logs-off[]
    LiveKit lk = LiveKit.create(LiveKitOptions.builder().coreLogs(false).build());
    // end::core-logs-off[]
    return lk;
  }

  /** What is still held. */
  static String leftovers(LiveKit lk) {
    // tag::diagnostics[]
    Diagnostics d = lk.diagnostics();
    String report = "rooms open " + d.roomsOpen() + ", native handles " + d.liveHandlesByKind()
        + ", drop failures " + d.dropFailures() + ", leaked " + d.leakedHandles();
    // end::diagnostics[]
    return report;
  }
}
