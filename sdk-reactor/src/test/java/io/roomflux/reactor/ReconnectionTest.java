package io.roomflux.reactor;

import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackSource;
import static io.roomflux.reactor.PublishedTrack.await;
import static io.roomflux.reactor.PublishedTrack.subscribedTrack;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.LiveKitIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Reconnection against a real livekit-server and the real core, provoked with
 * {@link Room#simulateScenario}: the events the room emits, the state it shows when each is seen,
 * and that the room works afterwards. What each scenario did here is described on
 * {@link SimulatedScenario} and in {@code docs/events.md}.
 */
@LiveKitIntegrationTest
class ReconnectionTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final String DISPATCHER = "roomflux-ffi-dispatch";
  /** The share of a received window's power at the tone's frequency that counts as hearing it. */
  private static final double HEARD = 0.9;

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("reconnect");

  /** Alice and bob in one room, alice already knowing bob. */
  private record Pair(Room alice, Room bob) {
  }

  /**
   * An event as a subscriber saw it, with what the room showed at that moment.
   *
   * @param event the event
   * @param state the room's connection state then
   * @param published the local participant's published track sids then
   * @param nanos when ({@link System#nanoTime()})
   */
  private record Seen(RoomEvent event, ConnectionState state, Set<String> published, long nanos) {
  }

  /**
   * Joins alice, then bob, and waits until alice's room has bob: had bob's arrival not reached
   * alice yet, it would come in the middle of the reconnection.
   */
  private Pair joinAliceAndBob() {
    Room alice = rooms.join("alice");
    CompletableFuture<RoomEvent.ParticipantConnected> bobSeen = alice.events()
        .ofType(RoomEvent.ParticipantConnected.class)
        .filter(c -> c.participant().identity().equals("bob"))
        .next()
        .toFuture();
    Room bob = rooms.join("bob");
    await(bobSeen, IO);
    return new Pair(alice, bob);
  }

  /**
   * The room's connection events and the events of participants and local tracks, each with
   * what the room showed when the subscriber saw it, up to and including {@code Reconnected}
   * (or {@code Disconnected}, which would end the sequence early and fail the expectations).
   */
  private static Flux<Seen> reconnection(Room room) {
    return room.events()
        .filter(e -> e instanceof RoomEvent.ConnectionStateChanged || e instanceof RoomEvent.Reconnecting
            || e instanceof RoomEvent.Reconnected || e instanceof RoomEvent.Disconnected
            || e instanceof RoomEvent.ParticipantConnected || e instanceof RoomEvent.ParticipantDisconnected
            || e instanceof RoomEvent.LocalTrackPublished || e instanceof RoomEvent.LocalTrackUnpublished
            || e instanceof RoomEvent.LocalTrackRepublished)
        .map(e -> new Seen(e, room.connectionState(), room.localParticipant().publishedTrackSids(), System.nanoTime()))
        .takeUntil(s -> s.event() instanceof RoomEvent.Reconnected || s.event() instanceof RoomEvent.Disconnected);
  }

  /** Prints when each event was seen, counted from the scenario's start, to the test's output. */
  private static Flux<Seen> timed(String scenario, Flux<Seen> seen, AtomicLong start) {
    return seen.doOnNext(s -> System.out.printf("%s: +%d ms %s (state %s)%n", scenario,
        (s.nanos() - start.get()) / 1_000_000, s.event().getClass().getSimpleName(), s.state()));
  }

  /**
   * Expects {@code event} seen with the room's connection state one of {@code states} (the first
   * is the one the event sets; others are states a later event may already have set).
   */
  private static Consumer<Seen> seen(RoomEvent event, ConnectionState... states) {
    return s -> {
      assertThat(s.event()).isEqualTo(event);
      assertThat(s.state()).as("the connection state with %s", event).isIn((Object[]) states);
    };
  }

  /** Sends a reliable packet from {@code from} and expects {@code to} to receive it. */
  private static void expectPacket(Room from, Room to, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    StepVerifier.create(to.dataPackets("after-reconnect").next())
        .then(() -> from.localParticipant()
            .publishData(payload, DataOptions.reliable().withTopic("after-reconnect")).block(IO))
        .assertNext(packet -> {
          assertThat(packet.bytes()).isEqualTo(payload);
          assertThat(packet.senderIdentity()).contains(from.localParticipant().identity());
        })
        .expectComplete()
        .verify(IO);
  }

  /**
   * A resume: the core opens a new signalling connection and keeps the session. Observed here:
   * the four connection events below, the last two about 3 s after the first two (the core
   * finishes the resume then), no participant leaving or joining, no local track republished.
   * With that gap, the state the subscriber reads with each event is the one the event set.
   */
  @Test
  void aSignalReconnectEmitsReconnectingThenReconnectedAndTheRoomKeepsWorking() {
    Pair pair = joinAliceAndBob();
    Room alice = pair.alice();
    String bobSid = alice.remoteParticipants().get("bob").sid();
    AtomicReference<String> completedOn = new AtomicReference<>();
    AtomicLong start = new AtomicLong();

    StepVerifier.create(timed("SIGNAL_RECONNECT", reconnection(alice), start))
        .then(() -> start.set(System.nanoTime()))
        .then(() -> alice.simulateScenario(SimulatedScenario.SIGNAL_RECONNECT)
            .doOnSuccess(v -> {
              completedOn.set(Thread.currentThread().getName());
              System.out.printf("SIGNAL_RECONNECT: +%d ms simulateScenario completed%n",
                  (System.nanoTime() - start.get()) / 1_000_000);
            })
            .block(IO))
        .assertNext(seen(new RoomEvent.ConnectionStateChanged(ConnectionState.RECONNECTING),
            ConnectionState.RECONNECTING))
        .assertNext(seen(new RoomEvent.Reconnecting(), ConnectionState.RECONNECTING))
        .assertNext(seen(new RoomEvent.ConnectionStateChanged(ConnectionState.CONNECTED), ConnectionState.CONNECTED))
        .assertNext(seen(new RoomEvent.Reconnected(), ConnectionState.CONNECTED))
        .expectComplete()
        .verify(IO);

    assertThat(completedOn.get()).isNotNull().isNotEqualTo(DISPATCHER);
    assertThat(alice.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    // The session was resumed, not replaced: bob is still the participant he was.
    assertThat(alice.remoteParticipants().get("bob").sid()).isEqualTo(bobSid);
    expectPacket(alice, pair.bob(), "after a signal reconnect");
  }

  /**
   * A full reconnect: a new session, the local track published again under a new sid. Observed
   * here, in about 0.1 s: bob leaves alice's room, the connection goes to RECONNECTING, bob
   * comes back, the track is republished, then CONNECTED and {@code Reconnected}. The events of
   * the first half are emitted within milliseconds of each other, so a subscriber reading the
   * state with {@code Reconnecting} may already see the state a later event set (as
   * {@code docs/events.md} allows); with the last two, it sees exactly what they set.
   */
  @Test
  void aFullReconnectRepublishesTheLocalTrackUnderANewSidAndTheOtherParticipantGetsItAgain() {
    Pair pair = joinAliceAndBob();
    Room alice = pair.alice();
    Room bob = pair.bob();
    CompletableFuture<String> firstSubscription = subscribedTrack(bob, "alice", TrackKind.AUDIO);
    ToneTrack tone = rooms.closeAfter(ToneTrack.publish(alice, 440, IO));
    String previousSid = await(firstSubscription, IO);
    assertThat(previousSid).isEqualTo(tone.sid());
    assertThat(alice.localParticipant().publishedTrackSids()).containsExactly(previousSid);
    CompletableFuture<String> resubscription = bob.events().ofType(RoomEvent.TrackSubscribed.class)
        .filter(e -> e.identity().equals("alice") && !e.track().sid().equals(previousSid))
        .map(e -> e.track().sid())
        .next()
        .toFuture();
    AtomicReference<String> newSid = new AtomicReference<>();
    AtomicLong start = new AtomicLong();

    StepVerifier.create(timed("FULL_RECONNECT", reconnection(alice), start))
        .then(() -> start.set(System.nanoTime()))
        .then(() -> alice.simulateScenario(SimulatedScenario.FULL_RECONNECT)
            .doOnSuccess(v -> System.out.printf("FULL_RECONNECT: +%d ms simulateScenario completed%n",
                (System.nanoTime() - start.get()) / 1_000_000))
            .block(IO))
        .assertNext(s -> assertThat(s.event()).isInstanceOfSatisfying(RoomEvent.ParticipantDisconnected.class,
            d -> assertThat(d.participant().identity()).isEqualTo("bob")))
        // These two come within milliseconds of later events: CONNECTED may already be set.
        .assertNext(seen(new RoomEvent.ConnectionStateChanged(ConnectionState.RECONNECTING),
            ConnectionState.RECONNECTING, ConnectionState.CONNECTED))
        .assertNext(seen(new RoomEvent.Reconnecting(), ConnectionState.RECONNECTING, ConnectionState.CONNECTED))
        .assertNext(s -> assertThat(s.event()).isInstanceOfSatisfying(RoomEvent.ParticipantConnected.class,
            c -> assertThat(c.participant().identity()).isEqualTo("bob")))
        .assertNext(s -> assertThat(s.event()).isInstanceOfSatisfying(RoomEvent.LocalTrackRepublished.class, r -> {
          assertThat(r.previousSid()).isEqualTo(previousSid);
          assertThat(r.publication().sid()).isNotEmpty().isNotEqualTo(previousSid);
          assertThat(r.publication().name()).isEqualTo("tone-440");
          assertThat(r.publication().kind()).isEqualTo(TrackKind.AUDIO);
          assertThat(r.publication().source()).isEqualTo(TrackSource.MICROPHONE);
          // Nothing after it changes the published sids: this is exact.
          assertThat(s.published()).containsExactly(r.publication().sid());
          newSid.set(r.publication().sid());
        }))
        .assertNext(seen(new RoomEvent.ConnectionStateChanged(ConnectionState.CONNECTED), ConnectionState.CONNECTED))
        .assertNext(seen(new RoomEvent.Reconnected(), ConnectionState.CONNECTED))
        .expectComplete()
        .verify(IO);

    String republished = newSid.get();
    assertThat(alice.localParticipant().publishedTrackSids()).containsExactly(republished);
    assertThat(alice.remoteParticipants()).containsKey("bob");
    // Bob saw alice's track again, under its new sid, and hears it.
    assertThat(await(resubscription, IO)).isEqualTo(republished);
    assertThat(bob.publications("alice")).containsKey(republished).doesNotContainKey(previousSid);
    StepVerifier.create(ToneTrack.windows(bob, republished, 440).filter(w -> w.ratio() > HEARD).next())
        .assertNext(w -> System.out.printf("after a full reconnect bob hears 440 Hz on %s: ratio %.4f%n",
            republished, w.ratio()))
        .expectComplete()
        .verify(IO);
    // The room's own bookkeeping follows the new sid: muting by it reaches bob.
    StepVerifier.create(bob.events().ofType(RoomEvent.TrackMuted.class).next())
        .then(() -> alice.localParticipant().setMuted(republished, true).block(IO))
        .assertNext(m -> {
          assertThat(m.identity()).isEqualTo("alice");
          assertThat(m.trackSid()).isEqualTo(republished);
        })
        .expectComplete()
        .verify(IO);
    expectPacket(alice, bob, "after a full reconnect");
  }

  @Test
  void simulateScenarioAfterDisconnectFailsWithRoomClosedExceptionAndSendsNothing() {
    Room alice = rooms.join("alice");
    alice.disconnect().block(IO);
    long sent = ((DefaultRoom) alice).operationsSent();

    StepVerifier.create(alice.simulateScenario(SimulatedScenario.SIGNAL_RECONNECT))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RoomClosedException.class)
            .hasMessageContaining("simulateScenario refused"))
        .verify(IO);

    assertThat(((DefaultRoom) alice).operationsSent()).as("requests handed to the core").isEqualTo(sent);
    assertThat(alice.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
  }
}
