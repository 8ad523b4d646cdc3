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

  io.roomflux.proto.VideoRotation toProto() {
    return switch (this) {
      case ROTATION_0 -> io.roomflux.proto.VideoRotation.VIDEO_ROTATION_0;
      case ROTATION_90 -> io.roomflux.proto.VideoRotation.VIDEO_ROTATION_90;
      case ROTATION_180 -> io.roomflux.proto.VideoRotation.VIDEO_ROTATION_180;
      case ROTATION_270 -> io.roomflux.proto.VideoRotation.VIDEO_ROTATION_270;
    };
  }

  static VideoRotation of(io.roomflux.proto.VideoRotation rotation) {
    return switch (rotation) {
      case VIDEO_ROTATION_0 -> ROTATION_0;
      case VIDEO_ROTATION_90 -> ROTATION_90;
      case VIDEO_ROTATION_180 -> ROTATION_180;
      case VIDEO_ROTATION_270 -> ROTATION_270;
    };
  }
}
