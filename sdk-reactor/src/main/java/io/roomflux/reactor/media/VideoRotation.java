package io.roomflux.reactor.media;

/**
 * The clockwise rotation a receiver applies to a frame before displaying it.
 */
public enum VideoRotation {
  /** Displayed as stored. */
  ROTATION_0(0),
  /** Rotated a quarter turn clockwise. */
  ROTATION_90(90),
  /** Upside down. */
  ROTATION_180(180),
  /** Rotated a quarter turn counter-clockwise. */
  ROTATION_270(270);

  private final int degrees;

  VideoRotation(int degrees) {
    this.degrees = degrees;
  }

  /**
   * The rotation in degrees.
   *
   * @return 0, 90, 180 or 270
   */
  public int degrees() {
    return degrees;
  }

}
