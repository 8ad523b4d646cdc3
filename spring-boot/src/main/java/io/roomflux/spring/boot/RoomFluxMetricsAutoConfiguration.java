package io.roomflux.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.roomflux.Telemetry;
import io.roomflux.micrometer.LiveKitMeterBinder;
import io.roomflux.micrometer.MicrometerTelemetry;
import io.roomflux.reactor.LiveKit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * RoomFlux's meters and observations (roomflux-micrometer and Micrometer on the class path, and a
 * {@link MeterRegistry} bean, as Spring Boot's metrics auto-configuration makes one): a
 * {@link MicrometerTelemetry} that the auto-configured {@code LiveKit}, {@code ServerApi} and
 * {@code AgentWorker} report to (connects, RPCs and server calls become {@code Observation}s when
 * there is an {@link ObservationRegistry}, their timers then coming from its meter handler), and a
 * {@link LiveKitMeterBinder} for the {@code LiveKit} bean's diagnostics, which Spring Boot binds to
 * its registries. The meters are listed in docs/observability.md.
 */
@AutoConfiguration(after = RoomFluxAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({MicrometerTelemetry.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class RoomFluxMetricsAutoConfiguration {

  /** Created by Spring Boot. */
  public RoomFluxMetricsAutoConfiguration() {
  }

  /**
   * The telemetry the RoomFlux beans report to.
   *
   * @param registry the meter registry
   * @param observations the observation registry, if the application has one
   * @return observations and meters when there is an observation registry, else meters only
   */
  @Bean
  @ConditionalOnMissingBean(Telemetry.class)
  public MicrometerTelemetry roomFluxTelemetry(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations) {
    ObservationRegistry observationRegistry = observations.getIfUnique();
    return observationRegistry == null || observationRegistry.isNoop()
        ? MicrometerTelemetry.create(registry)
        : MicrometerTelemetry.create(registry, observationRegistry);
  }

  /**
   * The {@code LiveKit} bean's diagnostics as gauges and function counters.
   *
   * @param liveKit the entry point
   * @return the binder, bound by Spring Boot to every registry
   */
  @Bean
  @ConditionalOnBean(LiveKit.class)
  @ConditionalOnMissingBean
  public LiveKitMeterBinder roomFluxMeterBinder(LiveKit liveKit) {
    return new LiveKitMeterBinder(liveKit);
  }
}
