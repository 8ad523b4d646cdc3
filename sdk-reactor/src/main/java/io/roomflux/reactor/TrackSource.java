package io.roomflux.reactor;

/**
 * What a track captures, as declared by its publisher.
 */
public enum TrackSource {
  /** Not declared. */
  UNKNOWN,
  /** A camera. */
  CAMERA,
  /** A microphone. */
  MICROPHONE,
  /** A shared screen or window. */
  SCREENSHARE,
  /** The audio of a shared screen. */
  SCREENSHARE_AUDIO;

  static TrackSource of(io.roomflux.proto.TrackSource source) {
    return switch (source) {
      case SOURCE_UNKNOWN -> UNKNOWN;
      case SOURCE_CAMERA -> CAMERA;
      case SOURCE_MICROPHONE -> MICROPHONE;
      case SOURCE_SCREENSHARE -> SCREENSHARE;
      case SOURCE_SCREENSHARE_AUDIO -> SCREENSHARE_AUDIO;
    };
  }
}
