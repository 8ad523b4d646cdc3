package io.roomflux.reactor.participant;

/**
 * Whether a track carries audio or video.
 */
public enum TrackKind {
  /** Not reported by the publisher. */
  UNKNOWN,
  /** An audio track. */
  AUDIO,
  /** A video track. */
  VIDEO;

}
