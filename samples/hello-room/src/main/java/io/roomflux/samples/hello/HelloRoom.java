package io.roomflux.samples.hello;

import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.devserver.DevServerMain;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hello, room: {@code alice} and {@code bob} join one room, bob listens on the topic
 * {@code greetings}, alice sends {@code "hello, bob"}, and both leave.
 *
 * <p>{@link #main} starts a dev-mode livekit-server of its own (roomflux-devserver's
 * {@link LiveKitDevServer}), tells the story on standard output, checks that no native handle
 * outlived the rooms, and exits 0, or 1 with the reason on standard error. Run it with
 * {@code scripts/run-sample.sh}.
 */
public final class HelloRoom {
  /** The room both participants join; dev mode creates it on the first join. */
  public static final String ROOM = "hello-room";
  /** The topic bob listens on and alice sends to. */
  public static final String TOPIC = "greetings";
  /** What alice says. */
  public static final String GREETING = "hello, bob";

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private HelloRoom() {}

  /**
   * What happened: the greeting as bob received it, and how many native handles were still
   * live once both participants had left.
   *
   * @param sender the identity bob saw as the sender
   * @param topic the topic of the packet bob received
   * @param text the packet's text
   * @param liveHandles the core's live handle count after both left; 0 when nothing leaked
   */
  public record Outcome(String sender, String topic, String text, long liveHandles) {}

  /**
   * Tells the story. Cold: nothing happens before subscription. Both rooms are left (and their
   * native handles released) before the outcome is emitted, also on error or cancel.
   *
   * @param lk the entry point
   * @param url the server's WebSocket URL
   * @param tokens mints a join token for an identity and a room
   * @param out where each step and each event bob receives is told, one line each; called on
   *     the rooms' event threads, so it must be quick
   * @return the outcome; fails with the first error of either participant
   */
  public static Mono<Outcome> run(LiveKit lk, String url, BiFunction<String, String, String> tokens,
                                  Consumer<String> out) {
    // tag::readme[]
    Flux<RoomEvent.DataReceived> story = lk.withRoom(url, tokens.apply("bob", ROOM), RoomOptions.defaults(), bob -> {
      out.accept("bob   joined room " + bob.name() + ", listens on topic " + TOPIC);
      return lk.withRoom(url, tokens.apply("alice", ROOM), RoomOptions.defaults(), alice -> {
        out.accept("alice joined room " + alice.name());
        return bob.events()
            .doOnNext(event -> out.accept("bob   received " + describe(event)))
            // Alice speaks once bob has seen her arrive, so that he knows who is talking.
            .concatMap(event -> isArrivalOf("alice", event) ? greet(alice, out).thenReturn(event) : Mono.just(event))
            .ofType(RoomEvent.DataReceived.class)
            .filter(received -> received.packet().topic().orElse("").equals(TOPIC))
            .next();
      }).doOnComplete(() -> out.accept("alice left"));
    }).doOnComplete(() -> out.accept("bob   left"));
    // end::readme[]
    // single(), not next(): it waits for withRoom to complete, that is, for both rooms to be released.
    return story.single().map(received -> new Outcome(received.packet().senderIdentity().orElse(""),
        received.packet().topic().orElse(""), text(received.packet()), lk.diagnostics().liveHandles()));
  }

  /** Alice says hello on the topic, telling so first. */
  private static Mono<Void> greet(Room alice, Consumer<String> out) {
    out.accept("alice says \"" + GREETING + "\" on topic " + TOPIC);
    return alice.localParticipant()
        .publishData(GREETING.getBytes(StandardCharsets.UTF_8), DataOptions.reliable().withTopic(TOPIC));
  }

  private static boolean isArrivalOf(String identity, RoomEvent event) {
    return event instanceof RoomEvent.ParticipantConnected connected
        && connected.participant().identity().equals(identity);
  }

  /**
   * Runs the story against a dev-mode livekit-server started for it, and exits.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    DevServerMain.runAndExit("hello-room", server -> {
      try (LiveKit lk = LiveKit.create()) {
        Outcome outcome = run(lk, server.url().toString(), server::token, System.out::println).blockOptional(TIMEOUT)
            .orElseThrow(() -> new IllegalStateException("the story ended without an outcome"));
        System.out.println("native handles still live: " + outcome.liveHandles());
        if (!outcome.text().equals(GREETING) || outcome.liveHandles() != 0) {
          throw new IllegalStateException("unexpected outcome: " + outcome);
        }
      }
    });
  }

  /**
   * One line for an event: its type and the fields that matter here.
   *
   * @param event the event
   * @return a description
   */
  static String describe(RoomEvent event) {
    return switch (event) {
      case RoomEvent.ParticipantConnected e -> "ParticipantConnected identity=" + e.participant().identity();
      case RoomEvent.ParticipantDisconnected e ->
          "ParticipantDisconnected identity=" + e.participant().identity() + " reason=" + e.reason();
      case RoomEvent.DataReceived e -> "DataReceived identity=" + e.packet().senderIdentity().orElse("(server)")
          + " topic=" + e.packet().topic().orElse("(none)") + " text=\"" + text(e.packet()) + "\"";
      default -> event.toString();
    };
  }

  private static String text(DataPacket packet) {
    return new String(packet.bytes(), StandardCharsets.UTF_8);
  }
}
