package io.roomflux.spring.boot;

import java.time.Duration;

/** Checks of bound {@code roomflux.*} values that fail start-up with the property's name. */
final class PropertyChecks {
  private PropertyChecks() {
  }

  static Duration positive(Duration value, String property) {
    if (value.isNegative() || value.isZero()) {
      throw new RoomFluxPropertyException(property, "must be a positive duration, not " + value,
          "Set " + property + " to a positive duration, for example 10s.");
    }
    return value;
  }

  static Duration notNegative(Duration value, String property) {
    if (value.isNegative()) {
      throw new RoomFluxPropertyException(property, "must not be negative, not " + value,
          "Set " + property + " to zero or a positive duration, for example 30s.");
    }
    return value;
  }

  static void check(boolean ok, String property, String problem, String action) {
    if (!ok) {
      throw new RoomFluxPropertyException(property, problem, action);
    }
  }
}
