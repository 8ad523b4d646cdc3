package io.roomflux.spring.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RoomFlux's health, {@code roomflux} in Actuator's health endpoint: {@code UP} when every
 * {@link RoomFluxHealthProbe} is (the native core loaded and not panicked; the server answering a
 * {@code ListRooms}; the agent worker registered, where there is one). The details hold each
 * probe's status and details, never a secret or a token. Thread-safe; nothing blocks: the probes
 * run concurrently, each bounded by {@code roomflux.health.timeout}.
 */
public final class RoomFluxHealthIndicator implements ReactiveHealthIndicator {
  private final List<RoomFluxHealthProbe> probes;
  private final Duration timeout;

  /**
   * An indicator over probes.
   *
   * @param probes the probes, in the order of the details
   * @param timeout how long a probe may take before it counts as {@code DOWN}
   */
  public RoomFluxHealthIndicator(List<RoomFluxHealthProbe> probes, Duration timeout) {
    this.probes = List.copyOf(probes);
    this.timeout = timeout;
  }

  @Override
  public Mono<Health> health() {
    return Flux.fromIterable(probes)
        .flatMapSequential(probe -> Mono.defer(probe::check)
            .timeout(timeout)
            .onErrorResume(error -> Mono.just(Health.down()
                .withDetail("error", error.getClass().getSimpleName()).build()))
            .map(health -> Map.entry(probe.name(), health)))
        .collectList()
        .map(results -> {
          Map<String, Object> details = new LinkedHashMap<>();
          boolean up = true;
          for (Map.Entry<String, Health> result : results) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("status", result.getValue().getStatus().getCode());
            part.putAll(result.getValue().getDetails());
            details.put(result.getKey(), part);
            up &= Status.UP.equals(result.getValue().getStatus());
          }
          return Health.status(up ? Status.UP : Status.DOWN).withDetails(details).build();
        });
  }
}
