package io.roomflux.reactor.media;

/**
 * The upper bounds of a published video track's (top layer's) encoding.
 *
 * @param maxBitrate bits per second, positive
 * @param maxFramerate frames per second, positive
 */
public record VideoEncoding(long maxBitrate, double maxFramerate) {
  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException if a bound is not positive
   */
  public VideoEncoding {
    if (maxBitrate <= 0) {
      throw new IllegalArgumentException("maxBitrate must be positive, was " + maxBitrate);
    }
    if (!(maxFramerate > 0) || Double.isInfinite(maxFramerate)) {
      throw new IllegalArgumentException("maxFramerate must be positive and finite, was " + maxFramerate);
    }
  }
}
