package io.roomflux.reactor;

/**
 * Which ICE candidates the peer connections may use.
 */
public enum IceTransportPolicy {
  /** Relayed (TURN) candidates only. */
  RELAY,
  /** Every candidate but host candidates. */
  NO_HOST,
  /** Every candidate (the core's default). */
  ALL;

}
