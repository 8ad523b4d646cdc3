/**
 * RoomFlux's telemetry in Micrometer: {@link io.roomflux.micrometer.MicrometerTelemetry} turns
 * what the client, the server API and agent workers report into meters and observations, and
 * {@link io.roomflux.micrometer.LiveKitMeterBinder} reports a {@code LiveKit}'s diagnostics as
 * gauges and function counters. The SDK modules themselves depend on no metrics library.
 */
module io.roomflux.micrometer {
  requires transitive io.roomflux.common;
  requires transitive io.roomflux.reactor;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires micrometer.commons;
  requires static org.jspecify;

  exports io.roomflux.micrometer;
}
