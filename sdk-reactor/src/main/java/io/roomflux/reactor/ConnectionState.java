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

}
