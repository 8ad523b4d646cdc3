package io.roomflux.spring.boot;

import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * One part of RoomFlux's health ({@code core}, {@code server}, {@code agent}): the
 * {@link RoomFluxHealthIndicator} checks every probe bean and is {@code DOWN} when one of them is.
 * An application may add its own. Implementations are thread-safe, do not block, must end within
 * a short time, and never put a secret or a token into the details.
 */
public interface RoomFluxHealthProbe {

  /**
   * The name of this part in the health details.
   *
   * @return for example {@code server}
   */
  String name();

  /**
   * Checks this part once.
   *
   * @return its health; an error counts as {@code DOWN}
   */
  Mono<Health> check();
}
