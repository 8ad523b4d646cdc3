package io.roomflux.reactor;

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

  static TrackKind of(io.roomflux.proto.TrackKind kind) {
    return switch (kind) {
      case KIND_UNKNOWN -> UNKNOWN;
      case KIND_AUDIO -> AUDIO;
      case KIND_VIDEO -> VIDEO;
    };
  }
}
