package io.roomflux.reactor;

/**
 * The quality of a participant's connection to the server, as the server rates it.
 */
public enum ConnectionQuality {
  /** Media flows, with loss or delay a person notices. */
  POOR,
  /** Media flows well. */
  GOOD,
  /** Media flows very well. */
  EXCELLENT,
  /** No media has reached the server for a while. */
  LOST;

}
