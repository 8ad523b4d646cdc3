package io.roomflux.reactor.participant;

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

}
