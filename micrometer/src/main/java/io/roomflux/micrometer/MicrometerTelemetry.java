package io.roomflux.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.roomflux.Telemetry;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link Telemetry} as Micrometer meters, and optionally observations: pass it to
 * {@code LiveKitOptions.Builder.telemetry}, {@code ServerApi.Builder.telemetry} and
 * {@code AgentWorker.Builder.telemetry}. The meters and their tags are listed in
 * {@code docs/observability.md}:
 *
 * <ul>
 *   <li>operations ({@code roomflux.connect}, {@code roomflux.rpc}, {@code roomflux.server.call})
 *       become timers of the same name, tagged with the operation's low-cardinality tags plus
 *       {@code outcome} ({@code success}, {@code error} or {@code cancel}) and {@code error} (the
 *       exception's simple class name, or {@code none}). Made with an {@link ObservationRegistry}
 *       ({@link #create(MeterRegistry, ObservationRegistry)}), they become {@link Observation}s
 *       instead, with the high-cardinality tags too (for tracers), and their timers come from the
 *       registry's handlers (Spring Boot's {@code DefaultMeterObservationHandler} records the same
 *       names and tags, {@code error} included); they are not recorded twice;</li>
 *   <li>{@code roomflux.ffi.requests}: a timer of requests to the native core, tagged {@code kind};</li>
 *   <li>counters {@code roomflux.events.emitted} ({@code type}), {@code roomflux.events.dropped},
 *       {@code roomflux.media.frames.dropped} ({@code kind}) and {@code roomflux.agent.jobs}
 *       ({@code status}).</li>
 * </ul>
 *
 * <p>Thread-safe and non-blocking, as {@link Telemetry} requires: meters are looked up once per tag
 * value and cached.
 */
public final class MicrometerTelemetry implements Telemetry {
  private final MeterRegistry registry;
  private final Optional<ObservationRegistry> observations;
  private final Map<String, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> emitted = new ConcurrentHashMap<>();
  private final Map<String, Counter> framesDropped = new ConcurrentHashMap<>();
  private final Map<String, Counter> jobs = new ConcurrentHashMap<>();
  private final Counter eventsDropped;

  private MicrometerTelemetry(MeterRegistry registry, Optional<ObservationRegistry> observations) {
    this.registry = registry;
    this.observations = observations;
    this.eventsDropped = Counter.builder("roomflux.events.dropped")
        .description("Room events dropped for subscribers that did not keep up").register(registry);
  }

  /**
   * Telemetry that records operations as timers directly in {@code registry}.
   *
   * @param registry where every meter goes
   * @return the telemetry
   */
  public static MicrometerTelemetry create(MeterRegistry registry) {
    return new MicrometerTelemetry(Objects.requireNonNull(registry, "registry"), Optional.empty());
  }

  /**
   * Telemetry that makes each operation an {@link Observation} of {@code observations} (whose
   * handlers, for example a {@code DefaultMeterObservationHandler} on {@code registry}, then
   * record the operation's timer) and records its other meters in {@code registry}.
   *
   * @param registry where the counters and the core request timer go
   * @param observations where operations are observed
   * @return the telemetry
   */
  public static MicrometerTelemetry create(MeterRegistry registry, ObservationRegistry observations) {
    return new MicrometerTelemetry(Objects.requireNonNull(registry, "registry"),
        Optional.of(Objects.requireNonNull(observations, "observations")));
  }

  /**
   * Starts an operation: an {@link Observation} when this telemetry was made with an
   * {@link ObservationRegistry}, else a timer sample.
   *
   * @param operation the operation
   * @return its scope; ending it stops the observation or records the timer
   */
  @Override
  public Scope start(Operation operation) {
    if (observations.isPresent()) {
      return observed(operation, observations.get());
    }
    return timed(operation);
  }

  /**
   * Records a request to the native core in the timer {@code roomflux.ffi.requests}.
   *
   * @param kind the request's kind
   * @param nanos its duration
   */
  @Override
  public void ffiRequest(String kind, long nanos) {
    requests.computeIfAbsent(kind, k -> Timer.builder("roomflux.ffi.requests")
        .description("Requests to the native core, timed until the core answered or accepted them")
        .tag("kind", k).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Counts an event in {@code roomflux.events.emitted}.
   *
   * @param type the event's record name
   */
  @Override
  public void eventEmitted(String type) {
    emitted.computeIfAbsent(type, t -> Counter.builder("roomflux.events.emitted")
        .description("Events rooms emitted to their subscribers").tag("type", t).register(registry)).increment();
  }

  /**
   * Counts dropped events in {@code roomflux.events.dropped}.
   *
   * @param count how many
   */
  @Override
  public void eventsDropped(long count) {
    eventsDropped.increment(count);
  }

  /**
   * Counts dropped frames in {@code roomflux.media.frames.dropped}.
   *
   * @param kind {@code audio} or {@code video}
   * @param count how many
   */
  @Override
  public void mediaFramesDropped(String kind, long count) {
    framesDropped.computeIfAbsent(kind, k -> Counter.builder("roomflux.media.frames.dropped")
        .description("Media frames dropped for streams whose subscriber did not keep up").tag("kind", k)
        .register(registry)).increment(count);
  }

  /**
   * Counts an ended agent job in {@code roomflux.agent.jobs}.
   *
   * @param status how it ended
   */
  @Override
  public void agentJobEnded(String status) {
    jobs.computeIfAbsent(status, s -> Counter.builder("roomflux.agent.jobs")
        .description("Agent jobs ended, by how they ended").tag("status", s).register(registry)).increment();
  }

  /**
   * Describes this telemetry.
   *
   * @return {@code MicrometerTelemetry[registry=..., observations=...]}
   */
  @Override
  public String toString() {
    return "MicrometerTelemetry[registry=" + registry.getClass().getSimpleName() + ", observations="
        + observations.map(o -> "yes").orElse("no") + "]";
  }

  private Scope timed(Operation operation) {
    Timer.Sample sample = Timer.start(registry);
    Tags tags = Tags.of(operation.lowCardinalityTags().entrySet().stream()
        .map(e -> Tag.of(e.getKey(), e.getValue())).toList());
    return new Scope() {
      @Override
      public void success() {
        stop("success", "none");
      }

      @Override
      public void failure(Throwable error) {
        stop("error", error.getClass().getSimpleName());
      }

      @Override
      public void cancel() {
        stop("cancel", "none");
      }

      private void stop(String outcome, String error) {
        sample.stop(Timer.builder(operation.name()).description(description(operation.name()))
            .tags(tags).tag("outcome", outcome).tag("error", error).register(registry));
      }
    };
  }

  private static Scope observed(Operation operation, ObservationRegistry observations) {
    Observation observation = Observation.createNotStarted(operation.name(), observations)
        .contextualName(operation.contextualName())
        .lowCardinalityKeyValues(keyValues(operation.lowCardinalityTags()))
        .highCardinalityKeyValues(keyValues(operation.highCardinalityTags()))
        .start();
    return new Scope() {
      @Override
      public void success() {
        observation.lowCardinalityKeyValue("outcome", "success").stop();
      }

      @Override
      public void failure(Throwable error) {
        // The error key value is the handlers' (DefaultMeterObservationHandler adds it).
        observation.lowCardinalityKeyValue("outcome", "error").error(error).stop();
      }

      @Override
      public void cancel() {
        observation.lowCardinalityKeyValue("outcome", "cancel").stop();
      }
    };
  }

  private static KeyValues keyValues(Map<String, String> tags) {
    return KeyValues.of(tags.entrySet().stream().map(e -> KeyValue.of(e.getKey(), e.getValue())).toList());
  }

  private static String description(String operation) {
    return switch (operation) {
      case "roomflux.connect" -> "Room connects, by outcome";
      case "roomflux.rpc" -> "RPC calls this participant performed, by method and outcome";
      case "roomflux.server.call" -> "Server API (Twirp) calls, by service, method and outcome";
      default -> "RoomFlux operation " + operation;
    };
  }
}
