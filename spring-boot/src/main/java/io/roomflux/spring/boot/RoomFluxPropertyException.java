package io.roomflux.spring.boot;

import io.roomflux.RoomFluxException;

/**
 * A {@code roomflux.*} property is missing or has a bad value. Thrown while the application
 * context starts; {@link RoomFluxFailureAnalyzer} turns it into Spring Boot's start-up failure
 * report, which names the property and says how to fix it.
 */
public class RoomFluxPropertyException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String problem;
  private final String action;

  /**
   * A bad or missing property.
   *
   * @param property the property's full name, for example {@code roomflux.api-secret}
   * @param problem what is wrong with it, for example {@code is not set}
   * @param action how to fix it
   */
  public RoomFluxPropertyException(String property, String problem, String action) {
    super(property + " " + problem);
    this.property = property;
    this.problem = problem;
    this.action = action;
  }

  /**
   * The property's full name.
   *
   * @return for example {@code roomflux.api-secret}
   */
  public String property() {
    return property;
  }

  /**
   * What is wrong with the property.
   *
   * @return the problem
   */
  public String problem() {
    return problem;
  }

  /**
   * How to fix it.
   *
   * @return the action
   */
  public String action() {
    return action;
  }
}
