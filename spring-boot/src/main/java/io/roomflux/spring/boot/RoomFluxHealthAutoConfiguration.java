package io.roomflux.spring.boot;

import io.roomflux.agents.AgentWorker;
import io.roomflux.reactor.Diagnostics;
import io.roomflux.reactor.LiveKit;
import io.roomflux.server.ServerApi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * RoomFlux's health indicator (spring-boot-health on the class path, unless
 * {@code management.health.roomflux.enabled=false}), with a probe for the native core, one for the
 * server (when there is a {@code ServerApi} bean) and one for the agent worker (when there is an
 * {@code AgentWorker} bean).
 */
@AutoConfiguration(after = {RoomFluxAutoConfiguration.class, RoomFluxServerAutoConfiguration.class,
    RoomFluxAgentAutoConfiguration.class})
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(LiveKit.class)
@ConditionalOnEnabledHealthIndicator("roomflux")
public class RoomFluxHealthAutoConfiguration {

  /** Created by Spring Boot. */
  public RoomFluxHealthAutoConfiguration() {
  }

  /**
   * The indicator over every {@link RoomFluxHealthProbe} bean.
   *
   * @param probes the probes
   * @param properties the properties ({@code roomflux.health.timeout})
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "roomFluxHealthIndicator")
  public RoomFluxHealthIndicator roomFluxHealthIndicator(ObjectProvider<RoomFluxHealthProbe> probes, RoomFluxProperties properties) {
    return new RoomFluxHealthIndicator(probes.orderedStream().toList(),
        PropertyChecks.positive(properties.getHealth().getTimeout(), "roomflux.health.timeout"));
  }

  /**
   * The native core: loaded (the {@code LiveKit} bean exists) and not panicked.
   *
   * @param liveKit the entry point
   * @return the probe
   */
  @Bean
  @ConditionalOnMissingBean(name = "roomFluxCoreHealthProbe")
  public RoomFluxHealthProbe roomFluxCoreHealthProbe(LiveKit liveKit) {
    return probe("core", () -> {
      Diagnostics diagnostics = liveKit.diagnostics();
      return Mono.just((diagnostics.panics() == 0 ? Health.up() : Health.down())
          .withDetail("panics", diagnostics.panics())
          .withDetail("roomsOpen", diagnostics.roomsOpen())
          .withDetail("liveHandles", diagnostics.liveHandles())
          .build());
    });
  }

  /** The server probe, with roomflux-server on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ServerApi.class)
  static class ServerProbeConfiguration {

    @Bean
    @ConditionalOnBean(ServerApi.class)
    @ConditionalOnMissingBean(name = "roomFluxServerHealthProbe")
    RoomFluxHealthProbe roomFluxServerHealthProbe(ServerApi api) {
      // One attempt, bounded by the indicator's timeout; the call's own retries would outlast it.
      return probe("server", () -> api.roomService().listRooms()
          .map(rooms -> Health.up().withDetail("rooms", rooms.getRoomsCount()).build()));
    }
  }

  /** The agent worker probe, with roomflux-agents on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(AgentWorker.class)
  static class AgentProbeConfiguration {

    @Bean
    @ConditionalOnBean(AgentWorker.class)
    @ConditionalOnMissingBean(name = "roomFluxAgentHealthProbe")
    RoomFluxHealthProbe roomFluxAgentHealthProbe(AgentWorker worker) {
      return probe("agent", () -> Mono.fromSupplier(() -> worker.stats().workerId()
          .map(id -> Health.up().withDetail("workerId", id))
          .orElseGet(() -> Health.down().withDetail("workerId", "not registered"))
          .withDetail("runningJobs", worker.stats().runningJobs())
          .build()));
    }
  }

  private static RoomFluxHealthProbe probe(String name, java.util.function.Supplier<Mono<Health>> check) {
    return new RoomFluxHealthProbe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Mono<Health> check() {
        return check.get();
      }
    };
  }
}
