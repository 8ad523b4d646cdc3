package io.roomflux.reactor.media;

/**
 * The upper bound of a published audio track's encoding (Opus).
 *
 * @param maxBitrate bits per second, positive
 */
public record AudioEncoding(long maxBitrate) {
  /**
   * Validates the bound.
   *
   * @throws IllegalArgumentException if it is not positive
   */
  public AudioEncoding {
    if (maxBitrate <= 0) {
      throw new IllegalArgumentException("maxBitrate must be positive, was " + maxBitrate);
    }
  }
}
