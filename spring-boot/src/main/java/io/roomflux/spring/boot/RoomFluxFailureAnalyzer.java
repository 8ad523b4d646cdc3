package io.roomflux.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link RoomFluxPropertyException} that stopped start-up as Spring Boot's
 * "APPLICATION FAILED TO START" description and action, naming the property. Registered in
 * {@code META-INF/spring.factories}; instantiated by Spring Boot. Stateless and thread-safe.
 */
public final class RoomFluxFailureAnalyzer extends AbstractFailureAnalyzer<RoomFluxPropertyException> {

  /** Creates the analyzer (Spring Boot does). */
  public RoomFluxFailureAnalyzer() {
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, RoomFluxPropertyException cause) {
    return new FailureAnalysis("RoomFlux could not be configured: the property " + cause.property() + " "
        + cause.problem() + ".", cause.action(), cause);
  }
}
