package io.roomflux.reactor;

/**
 * The state of the local client's connection to the room.
 */
public enum ConnectionState {
  /** Not connected (before joining or after leaving). */
  DISCONNECTED,
  /** Connected and exchanging signalling and media. */
  CONNECTED,
  /** Lost the connection and trying to resume it. */
  RECONNECTING;

  static ConnectionState of(io.roomflux.proto.ConnectionState state) {
    return switch (state) {
      case CONN_DISCONNECTED -> DISCONNECTED;
      case CONN_CONNECTED -> CONNECTED;
      case CONN_RECONNECTING -> RECONNECTING;
    };
  }
}
