package io.roomflux.reactor.data;

/**
 * How a data packet is delivered.
 */
public enum DataKind {
  /** Ordered and retransmitted until delivered. */
  RELIABLE,
  /** Sent once; may be lost or reordered. For frequent, short-lived state. */
  LOSSY
}
