/**
 * What every RoomFlux module shares: {@link io.roomflux.RoomFluxException}, the root of every
 * exception that RoomFlux's client, server API and token modules throw or signal.
 */
module io.roomflux.common {
  requires static org.jspecify;

  exports io.roomflux;
}
