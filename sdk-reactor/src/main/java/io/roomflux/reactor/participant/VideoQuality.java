package io.roomflux.reactor.participant;

/**
 * A simulcast layer of a remote video track, as {@link Subscriptions#setVideoQuality} asks the
 * server for it.
 */
public enum VideoQuality {
  /** The lowest layer (smallest resolution and bitrate). */
  LOW,
  /** The middle layer. */
  MEDIUM,
  /** The highest layer the publisher sends. */
  HIGH
}
