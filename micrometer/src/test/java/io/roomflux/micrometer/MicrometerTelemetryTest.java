package io.roomflux.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.roomflux.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link MicrometerTelemetry} against Micrometer's own test registries: timers with outcome and
 * error tags when operations are timed directly, observations (started, stopped, tagged, with
 * their error) when an {@link ObservationRegistry} is given, and counters by tag.
 */
class MicrometerTelemetryTest {
  private static final Telemetry.Operation RPC = new Telemetry.Operation("roomflux.rpc", "rpc greet",
      Map.of("method", "greet"), Map.of("destination", "bob", "room", "lobby"));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void operationsAreTimersTaggedWithTheirLowCardinalityTagsOutcomeAndError() {
    MicrometerTelemetry telemetry = MicrometerTelemetry.create(registry);

    telemetry.start(RPC).success();
    telemetry.start(RPC).failure(new IllegalStateException("no"));
    telemetry.start(RPC).cancel();

    assertThat(timer("roomflux.rpc", "outcome", "success", "error", "none").count()).isEqualTo(1);
    assertThat(timer("roomflux.rpc", "outcome", "error", "error", "IllegalStateException").count()).isEqualTo(1);
    assertThat(timer("roomflux.rpc", "outcome", "cancel", "error", "none").count()).isEqualTo(1);
    assertThat(registry.find("roomflux.rpc").timers()).allSatisfy(t -> {
      assertThat(t.getId().getTag("method")).isEqualTo("greet");
      assertThat(t.getId().getTag("destination")).as("high-cardinality tags are not metric tags").isNull();
      assertThat(t.getId().getTag("room")).isNull();
    });
  }

  @Test
  void withAnObservationRegistryOperationsAreObservationsStartedStoppedTaggedAndWithTheirError() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    MicrometerTelemetry telemetry = MicrometerTelemetry.create(registry, observations);

    Telemetry.Scope ok = telemetry.start(RPC);
    assertThat(observations).hasSingleObservationThat().hasNameEqualTo("roomflux.rpc").hasBeenStarted().isNotStopped();
    ok.success();
    IllegalStateException error = new IllegalStateException("no");
    telemetry.start(new Telemetry.Operation("roomflux.server.call", "RoomService/ListRooms",
        Map.of("service", "RoomService", "method", "ListRooms"), Map.of())).failure(error);

    assertThat(observations).hasNumberOfObservationsEqualTo(2)
        .hasObservationWithNameEqualTo("roomflux.rpc").that()
        .hasContextualNameEqualTo("rpc greet").hasBeenStarted().hasBeenStopped()
        .hasLowCardinalityKeyValue("method", "greet").hasLowCardinalityKeyValue("outcome", "success")
        .hasHighCardinalityKeyValue("destination", "bob").hasHighCardinalityKeyValue("room", "lobby")
        .doesNotHaveError()
        .backToTestObservationRegistry()
        .hasObservationWithNameEqualTo("roomflux.server.call").that()
        .hasContextualNameEqualTo("RoomService/ListRooms").hasBeenStarted().hasBeenStopped()
        .hasLowCardinalityKeyValue("service", "RoomService").hasLowCardinalityKeyValue("method", "ListRooms")
        .hasLowCardinalityKeyValue("outcome", "error").hasError(error);
    assertThat(registry.find("roomflux.rpc").timers())
        .as("the timer is the observation handlers' to record, not recorded twice").isEmpty();
  }

  @Test
  void aMeterObservationHandlerRecordsTheSameTimerNamesAndTagsAsDirectTiming() {
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
    MicrometerTelemetry telemetry = MicrometerTelemetry.create(registry, observations);

    telemetry.start(RPC).success();
    telemetry.start(RPC).failure(new IllegalArgumentException("bad"));

    assertThat(timer("roomflux.rpc", "method", "greet", "outcome", "success", "error", "none").count()).isEqualTo(1);
    assertThat(timer("roomflux.rpc", "method", "greet", "outcome", "error", "error", "IllegalArgumentException")
        .count()).isEqualTo(1);
    assertThat(registry.find("roomflux.rpc").timers()).hasSize(2);
  }

  @Test
  void countersAndTheCoreRequestTimerAreKeptByTag() {
    MicrometerTelemetry telemetry = MicrometerTelemetry.create(registry);

    telemetry.eventEmitted("ParticipantConnected");
    telemetry.eventEmitted("ParticipantConnected");
    telemetry.eventEmitted("DataReceived");
    telemetry.eventsDropped(3);
    telemetry.mediaFramesDropped("video", 2);
    telemetry.agentJobEnded("SUCCEEDED");
    telemetry.ffiRequest("publish_data", 1_500_000);
    telemetry.ffiRequest("publish_data", 500_000);

    assertThat(registry.get("roomflux.events.emitted").tag("type", "ParticipantConnected").counter().count()).isEqualTo(2);
    assertThat(registry.get("roomflux.events.emitted").tag("type", "DataReceived").counter().count()).isEqualTo(1);
    assertThat(registry.get("roomflux.events.dropped").counter().count()).isEqualTo(3);
    assertThat(registry.get("roomflux.media.frames.dropped").tag("kind", "video").counter().count()).isEqualTo(2);
    assertThat(registry.get("roomflux.agent.jobs").tag("status", "SUCCEEDED").counter().count()).isEqualTo(1);
    Timer requests = registry.get("roomflux.ffi.requests").tag("kind", "publish_data").timer();
    assertThat(requests.count()).isEqualTo(2);
    assertThat(requests.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(2_000);
  }

  @Test
  void highCardinalityTagsNeverBecomeLowCardinalityKeyValues() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    MicrometerTelemetry.create(registry, observations).start(RPC).cancel();

    assertThat(observations).hasSingleObservationThat().hasLowCardinalityKeyValue("outcome", "cancel")
        .doesNotHaveLowCardinalityKeyValueWithKey("destination")
        .doesNotHaveLowCardinalityKeyValueWithKey("room")
        .hasHighCardinalityKeyValue("destination", "bob");
  }

  private Timer timer(String name, String... tags) {
    List<Tag> wanted = new java.util.ArrayList<>();
    for (int i = 0; i < tags.length; i += 2) {
      wanted.add(Tag.of(tags[i], tags[i + 1]));
    }
    return registry.get(name).tags(wanted).timer();
  }
}
