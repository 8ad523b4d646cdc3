package io.roomflux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.roomflux.Telemetry;
import io.roomflux.micrometer.LiveKitMeterBinder;
import io.roomflux.micrometer.MicrometerTelemetry;
import io.roomflux.reactor.LiveKitOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The metrics auto-configuration: with a {@link MeterRegistry} bean the RoomFlux beans report to a
 * {@link MicrometerTelemetry} and the {@code LiveKit} bean's diagnostics are bound; without a
 * registry bean, without Micrometer or roomflux-micrometer, or with a {@link Telemetry} of the
 * application's own, ours stays out.
 */
class RoomFluxMetricsAutoConfigurationTest {
  private static final String[] CONNECTION = {"roomflux.url=ws://127.0.0.1:9", "roomflux.api-key=key",
      "roomflux.api-secret=secret"};
  private static final AutoConfigurations ROOMFLUX = AutoConfigurations.of(RoomFluxAutoConfiguration.class,
      RoomFluxServerAutoConfiguration.class, RoomFluxMetricsAutoConfiguration.class);
  private static final AutoConfigurations BOOT_METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
      CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
      ObservationAutoConfiguration.class);

  private final ApplicationContextRunner withRegistry = new ApplicationContextRunner()
      .withConfiguration(BOOT_METRICS).withConfiguration(ROOMFLUX).withPropertyValues(CONNECTION);

  @Test
  void withAMeterRegistryTheLiveKitBeanReportsToMicrometerAndItsDiagnosticsAreBound() {
    withRegistry.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(MicrometerTelemetry.class).hasSingleBean(LiveKitMeterBinder.class);
      assertThat(context.getBean(LiveKitOptions.class).telemetry()).isSameAs(context.getBean(MicrometerTelemetry.class));
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.get("roomflux.rooms.open").gauge().value()).isZero();
      assertThat(registry.get("roomflux.core.panics").functionCounter().count()).isZero();
    });
  }

  @Test
  void withoutAMeterRegistryBeanOrWithoutMicrometerTheBeansReportNowhere() {
    new ApplicationContextRunner().withConfiguration(ROOMFLUX).withPropertyValues(CONNECTION).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(Telemetry.class).doesNotHaveBean(LiveKitMeterBinder.class);
      assertThat(context.getBean(LiveKitOptions.class).telemetry()).isSameAs(Telemetry.none());
    });
    withRegistry.withClassLoader(new FilteredClassLoader("io.roomflux.micrometer."))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Telemetry.class).doesNotHaveBean(LiveKitMeterBinder.class));
    new ApplicationContextRunner().withConfiguration(ROOMFLUX).withPropertyValues(CONNECTION)
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Telemetry.class));
  }

  @Test
  void aTelemetryOfTheApplicationsOwnReplacesOursAndTheBindersStays() {
    withRegistry.withUserConfiguration(OwnTelemetry.class).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerTelemetry.class).hasSingleBean(LiveKitMeterBinder.class);
      assertThat(context.getBean(LiveKitOptions.class).telemetry()).isSameAs(OwnTelemetry.TELEMETRY);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnTelemetry {
    static final Telemetry TELEMETRY = new Telemetry() { };

    @Bean
    Telemetry ownTelemetry() {
      return TELEMETRY;
    }
  }
}
