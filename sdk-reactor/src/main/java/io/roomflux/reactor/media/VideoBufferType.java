package io.roomflux.reactor.media;

/**
 * The pixel layout of a raw video frame, and the shape of its planes.
 *
 * <p>Packed layouts have one plane of {@code width * bytesPerPixel} bytes per row. Planar
 * layouts list their planes in order: Y, U, V (and A for {@link #I420A}); Y and interleaved UV
 * for {@link #NV12}. Chroma planes of 4:2:0 layouts have {@code (width + 1) / 2} samples per row
 * and {@code (height + 1) / 2} rows. Strides are always in bytes.
 */
public enum VideoBufferType {
  /** Packed, 4 bytes per pixel: R, G, B, A. */
  RGBA,
  /** Packed, 4 bytes per pixel: A, B, G, R. */
  ABGR,
  /** Packed, 4 bytes per pixel: A, R, G, B. */
  ARGB,
  /** Packed, 4 bytes per pixel: B, G, R, A. */
  BGRA,
  /** Packed, 3 bytes per pixel: R, G, B. */
  RGB24,
  /** Planar 4:2:0: Y, U, V; chroma halved both ways. What WebRTC encodes. */
  I420,
  /** {@link #I420} plus a full-size alpha plane. */
  I420A,
  /** Planar 4:2:2: Y, U, V; chroma halved horizontally. */
  I422,
  /** Planar 4:4:4: Y, U, V, all full size. */
  I444,
  /** {@link #I420} with 10-bit samples stored in 16 bits (2 bytes per sample, native order). */
  I010,
  /** Semi-planar 4:2:0: a Y plane, then one plane of interleaved U and V. */
  NV12;

  /**
   * Whether the layout has a single plane of interleaved components.
   *
   * @return true for RGBA, ABGR, ARGB, BGRA and RGB24
   */
  public boolean isPacked() {
    return switch (this) {
      case RGBA, ABGR, ARGB, BGRA, RGB24 -> true;
      default -> false;
    };
  }

  /**
   * How many planes a frame of this layout has.
   *
   * @return 1 for packed layouts, 2 for NV12, 4 for I420A, else 3
   */
  public int planeCount() {
    return switch (this) {
      case RGBA, ABGR, ARGB, BGRA, RGB24 -> 1;
      case NV12 -> 2;
      case I420A -> 4;
      case I420, I422, I444, I010 -> 3;
    };
  }

  /**
   * The bytes one row of a plane holds at least: the smallest stride that plane may have.
   *
   * @param plane the plane index, from 0
   * @param width the frame's width in pixels
   * @return bytes per row without padding
   * @throws IndexOutOfBoundsException if the layout has no such plane
   */
  public int rowBytes(int plane, int width) {
    java.util.Objects.checkIndex(plane, planeCount());
    int half = (width + 1) / 2;
    return switch (this) {
      case RGBA, ABGR, ARGB, BGRA -> Math.multiplyExact(width, 4);
      case RGB24 -> Math.multiplyExact(width, 3);
      case I444 -> width;
      case I420, I420A, I422 -> plane == 0 || plane == 3 ? width : half;
      case I010 -> plane == 0 ? Math.multiplyExact(width, 2) : half * 2;
      case NV12 -> plane == 0 ? width : half * 2;
    };
  }

  /**
   * How many rows a plane has.
   *
   * @param plane the plane index, from 0
   * @param height the frame's height in pixels
   * @return the plane's rows
   * @throws IndexOutOfBoundsException if the layout has no such plane
   */
  public int rows(int plane, int height) {
    java.util.Objects.checkIndex(plane, planeCount());
    int half = (height + 1) / 2;
    return switch (this) {
      case RGBA, ABGR, ARGB, BGRA, RGB24, I422, I444 -> height;
      case I420, I420A, I010, NV12 -> plane == 0 || plane == 3 ? height : half;
    };
  }

  /**
   * The size of a tightly packed frame: every plane with the smallest stride, one after another.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @return the frame's size in bytes
   * @throws ArithmeticException if it does not fit an {@code int}
   */
  public int frameSize(int width, int height) {
    int total = 0;
    for (int p = 0; p < planeCount(); p++) {
      total = Math.addExact(total, Math.multiplyExact(rowBytes(p, width), rows(p, height)));
    }
    return total;
  }

  /**
   * The layouts {@link VideoFrame#convert} produces from this one with the bundled core
   * (livekit-ffi 0.13.2). Pairs outside this set are refused before reaching the core: some
   * would fail, and some (every conversion from {@link #ABGR}, NV12 to NV12) trip an assertion
   * in the core that aborts the process.
   *
   * @return the targets, possibly empty
   */
  public java.util.Set<VideoBufferType> conversionTargets() {
    return switch (this) {
      case RGBA -> java.util.EnumSet.of(BGRA, I420);
      case BGRA -> java.util.EnumSet.of(RGBA, I420);
      case ARGB, RGB24 -> java.util.EnumSet.of(I420);
      case ABGR -> java.util.EnumSet.noneOf(VideoBufferType.class);
      case I420 -> java.util.EnumSet.of(RGBA, ABGR, ARGB, BGRA, RGB24, I420);
      case I420A -> java.util.EnumSet.of(I420, I420A);
      case I422 -> java.util.EnumSet.of(RGBA, ABGR, ARGB, I420, I422);
      case I444 -> java.util.EnumSet.of(RGBA, BGRA, I420, I444);
      case I010, NV12 -> java.util.EnumSet.of(RGBA, BGRA, I420);
    };
  }

}
