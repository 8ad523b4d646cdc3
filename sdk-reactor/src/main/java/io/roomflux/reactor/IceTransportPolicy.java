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

  io.roomflux.proto.IceTransportType toProto() {
    return switch (this) {
      case RELAY -> io.roomflux.proto.IceTransportType.TRANSPORT_RELAY;
      case NO_HOST -> io.roomflux.proto.IceTransportType.TRANSPORT_NOHOST;
      case ALL -> io.roomflux.proto.IceTransportType.TRANSPORT_ALL;
    };
  }
}
