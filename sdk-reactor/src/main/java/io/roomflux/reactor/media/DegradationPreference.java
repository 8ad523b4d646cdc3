package io.roomflux.reactor.media;

/**
 * What a video encoder gives up first when bandwidth or CPU runs short.
 */
public enum DegradationPreference {
  /** A balance of frame rate and resolution. */
  BALANCED,
  /** Keep the frame rate, lower the resolution: smooth motion, e.g. for cameras. */
  MAINTAIN_FRAMERATE,
  /** Keep the resolution, lower the frame rate: sharp text, e.g. for screen shares. */
  MAINTAIN_RESOLUTION,
  /** Keep both; frames may be dropped before encoding instead. */
  MAINTAIN_FRAMERATE_AND_RESOLUTION
}
