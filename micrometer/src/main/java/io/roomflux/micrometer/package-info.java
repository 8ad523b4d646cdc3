/**
 * Micrometer support for RoomFlux: {@link io.roomflux.micrometer.MicrometerTelemetry} and
 * {@link io.roomflux.micrometer.LiveKitMeterBinder}. The meters are listed in
 * {@code docs/observability.md}.
 */
@NullMarked
package io.roomflux.micrometer;

import org.jspecify.annotations.NullMarked;
