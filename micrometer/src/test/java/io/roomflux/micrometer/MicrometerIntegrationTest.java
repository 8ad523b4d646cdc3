package io.roomflux.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.server.ServerApi;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * RoomFlux's meters against a real livekit-server: a {@link LiveKit} reporting to
 * {@link MicrometerTelemetry} and bound with {@link LiveKitMeterBinder} joins a room, a second
 * participant joins, answers an RPC and leaves, and the meters follow; a {@link ServerApi} with
 * the same telemetry times its calls.
 */
@LiveKitIntegrationTest
class MicrometerIntegrationTest {
  private static final Duration IO = Duration.ofSeconds(30);

  private final LiveKitDevServer server;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerTelemetry telemetry = MicrometerTelemetry.create(registry);
  private final String roomName = "metrics-" + UUID.randomUUID();

  MicrometerIntegrationTest(LiveKitDevServer server) {
    this.server = server;
  }

  @Test
  void aRoomsMetersFollowItsParticipantsAndTheirRpcAndReturnToZeroWhenItIsClosed() throws Exception {
    LiveKit lk = LiveKit.create(LiveKitOptions.builder().telemetry(telemetry).build());
    LiveKit peers = LiveKit.create();
    new LiveKitMeterBinder(lk).bindTo(registry);
    try {
      assertThat(gauge("roomflux.rooms.open").value()).isZero();
      Room alice = lk.connect(server.url().toString(), server.token("alice", roomName)).block(IO);
      assertThat(alice).isNotNull();
      assertThat(gauge("roomflux.rooms.open").value()).isEqualTo(1);
      assertThat(registry.get("roomflux.handles.live").tag("kind", "ROOM").gauge().value()).isGreaterThanOrEqualTo(1);

      CompletableFuture<RoomEvent> bobArrived = alice.events()
          .filter(e -> e instanceof RoomEvent.ParticipantConnected c && c.participant().identity().equals("bob"))
          .next().toFuture();
      Room bob = peers.connect(server.url().toString(), server.token("bob", roomName)).block(IO);
      assertThat(bob).isNotNull();
      bobArrived.get(IO.toSeconds(), TimeUnit.SECONDS);
      bob.localParticipant().registerRpcMethod("greet", invocation -> Mono.just("hello " + invocation.payload()));
      StepVerifier.create(alice.localParticipant().performRpc("bob", "greet", "alice", Duration.ofSeconds(10)))
          .expectNext("hello alice").expectComplete().verify(IO);

      CompletableFuture<RoomEvent> bobLeft = alice.events()
          .filter(e -> e instanceof RoomEvent.ParticipantDisconnected d && d.participant().identity().equals("bob"))
          .next().toFuture();
      bob.disconnect().block(IO);
      bobLeft.get(IO.toSeconds(), TimeUnit.SECONDS);
      alice.disconnect().block(IO);
      assertThat(gauge("roomflux.rooms.open").value()).isZero();
    } finally {
      lk.close(IO);
      peers.close(IO);
    }

    assertThat(gauge("roomflux.rooms.open").value()).isZero();
    Collection<Gauge> handles = registry.find("roomflux.handles.live").gauges();
    assertThat(handles).extracting(g -> g.getId().getTag("kind")).contains("ROOM", "PARTICIPANT");
    assertThat(handles).as("live handles by kind after close").allSatisfy(g -> assertThat(g.value()).isZero());
    assertThat(registry.get("roomflux.core.panics").functionCounter().count()).isZero();

    assertThat(registry.get("roomflux.events.emitted").tag("type", "ParticipantConnected").counter().count())
        .isGreaterThanOrEqualTo(1);
    assertThat(registry.get("roomflux.events.emitted").tag("type", "ParticipantDisconnected").counter().count())
        .isGreaterThanOrEqualTo(1);
    Collection<Timer> connects = registry.find("roomflux.connect").timers();
    assertThat(connects).as("one connect timer, of outcome success").singleElement().satisfies(t -> {
      assertThat(t.getId().getTag("outcome")).isEqualTo("success");
      assertThat(t.getId().getTag("error")).isEqualTo("none");
      assertThat(t.count()).isEqualTo(1);
    });
    Timer rpc = registry.get("roomflux.rpc").tag("method", "greet").tag("outcome", "success").timer();
    assertThat(rpc.count()).isEqualTo(1);
    assertThat(registry.get("roomflux.ffi.requests").tag("kind", "connect").timer().count()).isEqualTo(1);
    assertThat(registry.get("roomflux.ffi.requests").tag("kind", "perform_rpc").timer().count()).isEqualTo(1);
    Reference.reachabilityFence(lk);
  }

  @Test
  void aServerApiCallIsTimedByServiceMethodAndOutcome() {
    try (ServerApi api = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret())
        .telemetry(telemetry).build()) {
      StepVerifier.create(api.roomService().listRooms()).expectNextCount(1).expectComplete().verify(IO);
    }

    Timer calls = registry.get("roomflux.server.call").tag("service", "RoomService").tag("method", "ListRooms")
        .tag("outcome", "success").tag("error", "none").timer();
    assertThat(calls.count()).isEqualTo(1);
  }

  private Gauge gauge(String name) {
    return registry.get(name).gauge();
  }
}
