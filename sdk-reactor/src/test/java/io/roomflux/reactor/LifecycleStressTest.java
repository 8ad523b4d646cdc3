package io.roomflux.reactor;

import io.roomflux.reactor.internal.room.RoomProbe;
import io.roomflux.reactor.internal.room.RoomClient;
import io.roomflux.reactor.internal.core.FfmCore;
import io.roomflux.core.FfiClientOptions;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.participant.LocalParticipant;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The race of the seed crash (a room handle disposed while its disconnect is still running) and
 * its cousins, under load, against the real server and core: operations racing a disconnect,
 * scopes cancelled mid-flight, double disconnects, connects cancelled at any moment.
 */
@LiveKitIntegrationTest
class LifecycleStressTest {
  private static final Logger log = LoggerFactory.getLogger(LifecycleStressTest.class);
  private static final byte[] PAYLOAD = "racing the disconnect".getBytes(StandardCharsets.UTF_8);

  private final LiveKitDevServer server;
  private final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
  // The entry point's implementation, with a probe whose lifecycle counters the tests read.
  private RoomClient lk;
  private RoomProbe probe;
  private String run;

  LifecycleStressTest(LiveKitDevServer server) {
    this.server = server;
  }

  @BeforeEach
  void setUp() {
    probe = new RoomProbe();
    lk = new RoomClient(FfmCore.open(FfiClientOptions.defaults()), LiveKitOptions.defaults(), probe);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void nothingLeaksAndTheCoreNeverPanicked() {
    lk.closeRooms().block(Duration.ofSeconds(60));
    assertThat(unexpected).isEmpty();
    assertThat(lk.diagnostics().panics()).isZero();
    assertThat(lk.diagnostics().liveHandlesByKind()).isEmpty();
    assertThat(lk.diagnostics().leakedHandles()).isZero();
    assertThat(lk.diagnostics().dropFailures()).isZero();
    assertThat(lk.diagnostics().upcallFailures()).isZero();
  }

  @Test
  void fiveHundredCyclesOfOperationsRacingDisconnectCancelAndDoubleDisconnectStayClean() {
    int cycles = 500;
    AtomicInteger completed = new AtomicInteger();
    long start = System.nanoTime();

    Flux.range(0, cycles)
        .flatMap(i -> cycle(i).doOnSuccess(v -> completed.incrementAndGet()), 8)
        .then()
        .block(Duration.ofMinutes(10));

    log.info("{} lifecycle cycles in {} ms; operations without a callback after the room closed: {}; operations "
        + "that met the closing room after registering and withdrew unsent: {}", cycles,
        (System.nanoTime() - start) / 1_000_000, probe.callbacksAbandoned(),
        probe.operationsWithdrawn());
    assertThat(completed).hasValue(cycles);
  }

  // One participant's life in one of four rooms shared by the cycles running at the same time.
  private Mono<Void> cycle(int i) {
    String room = "stress-" + run + "-" + (i % 4);
    String identity = "p" + i;
    String token = tokenAllowedToUpdateItself(identity, room);
    return switch (i % 4) {
      case 0 -> operationsRacingDisconnect(token);
      case 1 -> scopeCancelledWhileOperating(token);
      case 2 -> doubleDisconnectWhileOperating(token);
      default -> operationsThenDisconnect(token);
    };
  }

  private String tokenAllowedToUpdateItself(String identity, String room) {
    return AccessToken.builder().apiKey(server.apiKey()).apiSecret(server.apiSecret()).identity(identity)
        .videoGrant(VideoGrant.builder().roomJoin(true).room(room).canPublish(true).canSubscribe(true)
            .canPublishData(true).canUpdateOwnMetadata(true).build())
        .build().toJwt();
  }

  private Mono<Void> operationsRacingDisconnect(String token) {
    return lk.connect(server.url().toString(), token, RoomOptions.defaults()).flatMap(room -> {
      Mono<List<RoomEvent>> seen = room.events().collectList().cache();
      seen.subscribe();
      operations(room).subscribe();
      return room.disconnect().then(verifyEnded((DefaultRoom) room, seen));
    });
  }

  private Mono<Void> scopeCancelledWhileOperating(String token) {
    AtomicReference<Room> held = new AtomicReference<>();
    return Flux.usingWhen(lk.connect(server.url().toString(), token, RoomOptions.defaults()), room -> {
          held.set(room);
          return Flux.merge(operations(room), Flux.never());
        }, Room::disconnect, (room, error) -> room.disconnect(), Room::disconnect)
        .take(Duration.ofMillis(ThreadLocalRandom.current().nextInt(0, 50)))
        .then(Mono.defer(() -> held.get() == null ? Mono.empty() : held.get().onClose()))
        .doOnError(unexpected::add)
        .onErrorComplete();
  }

  private Mono<Void> doubleDisconnectWhileOperating(String token) {
    return lk.connect(server.url().toString(), token, RoomOptions.defaults()).flatMap(room -> {
      Mono<List<RoomEvent>> seen = room.events().collectList().cache();
      seen.subscribe();
      operations(room).subscribe();
      return Mono.when(room.disconnect(), room.disconnect(), operations(room))
          .then(verifyEnded((DefaultRoom) room, seen));
    });
  }

  private Mono<Void> operationsThenDisconnect(String token) {
    return lk.connect(server.url().toString(), token, RoomOptions.defaults()).flatMap(room -> {
      Mono<List<RoomEvent>> seen = room.events().collectList().cache();
      seen.subscribe();
      return operations(room).then(room.disconnect()).then(verifyEnded((DefaultRoom) room, seen));
    });
  }

  // Data packets and participant updates; a RoomClosedException is the only acceptable failure.
  private Mono<Void> operations(Room room) {
    LocalParticipant me = room.localParticipant();
    return Flux.merge(
            tolerateClosed(me.publishData(PAYLOAD, DataOptions.reliable().withTopic("race"))),
            tolerateClosed(me.publishData(PAYLOAD, DataOptions.lossy())),
            tolerateClosed(me.setMetadata("m")),
            tolerateClosed(me.setAttributes(Map.of("k", "v"))),
            tolerateClosed(me.publishData(PAYLOAD, DataOptions.reliable())))
        .then();
  }

  private Mono<Void> tolerateClosed(Mono<Void> operation) {
    return operation
        .onErrorResume(RoomClosedException.class, e -> Mono.empty())
        .doOnError(unexpected::add)
        .onErrorComplete();
  }

  private Mono<Void> verifyEnded(DefaultRoom room, Mono<List<RoomEvent>> seen) {
    return seen.timeout(Duration.ofSeconds(30)).doOnNext(events -> {
      assertThat(events).isNotEmpty();
      assertThat(events.getLast()).isInstanceOf(RoomEvent.Disconnected.class);
      assertThat(events).filteredOn(e -> e instanceof RoomEvent.Disconnected).hasSize(1);
      assertThat(room.disconnectedStep()).isPositive();
      assertThat(room.disposedStep()).isGreaterThan(room.disconnectedStep());
    }).doOnError(unexpected::add).onErrorComplete().then();
  }

  @Test
  void twoHundredConnectsCancelledAtAnyMomentLeaveNoHandleAndNoPanic() {
    long attachedBefore = probe.roomsAttached();
    long readyBefore = probe.readyHandshakesSent();
    String room = "cancel-" + run;
    AtomicInteger delivered = new AtomicInteger();

    Flux.range(0, 200)
        .concatMap(i -> lk.connect(server.url().toString(), server.token("c" + i, room), RoomOptions.defaults())
            .take(Duration.ofMillis(ThreadLocalRandom.current().nextInt(0, 400)))
            .flatMap(r -> {
              delivered.incrementAndGet();
              return r.disconnect();
            })
            .doOnError(unexpected::add)
            .onErrorComplete())
        .then()
        .block(Duration.ofMinutes(5));
    lk.closeRooms().block(Duration.ofSeconds(60));

    long attached = probe.roomsAttached() - attachedBefore;
    log.info("200 cancelled connects: {} rooms arrived after or before the cancel, {} delivered", attached,
        delivered.get());
    assertThat(probe.readyHandshakesSent() - readyBefore).isEqualTo(attached);
    assertThat(lk.diagnostics().liveHandles()).isZero();

    // The core closes a room and panics 15 s after a connect whose ready handshake never came.
    // A room joined now would end with an error if that happened during the next 16 s.
    Room witness = lk.connect(server.url().toString(), server.token("witness", room), RoomOptions.defaults())
        .block(Duration.ofSeconds(30));
    assertThat(witness).isNotNull();
    StepVerifier.create(witness.events().filter(e -> e instanceof RoomEvent.Disconnected))
        .expectSubscription()
        .expectNoEvent(Duration.ofSeconds(16))
        .thenCancel()
        .verify(Duration.ofSeconds(30));
    witness.disconnect().block(Duration.ofSeconds(30));
  }
}
