package io.roomflux.micrometer.docs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.roomflux.Telemetry;
import io.roomflux.agents.AgentWorker;
import io.roomflux.micrometer.LiveKitMeterBinder;
import io.roomflux.micrometer.MicrometerTelemetry;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.server.ServerApi;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;

/**
 * The code docs/observability.md shows: compiled by the build, compared with the page by
 * {@link ObservabilityDocSnippetTest}.
 */
final class ObservabilityDocExamples {
  private ObservabilityDocExamples() {}

  static LiveKit plain(String url, String apiKey, String apiSecret) {
    // tag::plain[]
    MeterRegistry registry = new SimpleMeterRegistry();                  // or Prometheus, OTLP, ...
    Telemetry telemetry = MicrometerTelemetry.create(registry);          // operations timed directly

    LiveKit lk = LiveKit.create(LiveKitOptions.builder().telemetry(telemetry).build());
    new LiveKitMeterBinder(lk).bindTo(registry);                         // rooms, handles, core health
    ServerApi api = ServerApi.builder(url, apiKey, apiSecret).telemetry(telemetry).build();
    AgentWorker worker = AgentWorker.builder(url, apiKey, apiSecret)
        .telemetry(telemetry)                                            // job ends; its own LiveKit too
        .onJob(job -> Mono.never())
        .build();
    // end::plain[]
    api.close();
    return lk;
  }

  static Telemetry observations(MeterRegistry registry) {
    // tag::observations[]
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(registry)); // the timers
    // ... and a tracing handler (micrometer-tracing) for spans
    Telemetry telemetry = MicrometerTelemetry.create(registry, observations);
    // end::observations[]
    return telemetry;
  }

  static Telemetry own() {
    // tag::own[]
    LongAdder dropped = new LongAdder();
    Telemetry telemetry = new Telemetry() {                               // override only what you need
      @Override
      public void eventsDropped(long count) {
        dropped.add(count);
      }
    };
    // end::own[]
    return telemetry;
  }
}
