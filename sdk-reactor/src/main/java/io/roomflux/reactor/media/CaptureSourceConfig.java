package io.roomflux.reactor.media;

import java.util.Objects;

/**
 * What a {@link CaptureSource} produces: a video generator that runs inside the native core, so
 * no frame crosses into Java. Immutable records; the core refuses a configuration it cannot run
 * (for example when it was built without its capture feature) when the source is made.
 */
public sealed interface CaptureSourceConfig {

  /**
   * The frame width in pixels.
   *
   * @return positive
   */
  int width();

  /**
   * The frame height in pixels.
   *
   * @return positive
   */
  int height();

  /**
   * Frames per second.
   *
   * @return positive
   */
  int framesPerSecond();

  /**
   * A generated test pattern.
   *
   * @param width frame width in pixels, positive
   * @param height frame height in pixels, positive
   * @param framesPerSecond frame rate, positive
   * @param pattern what is drawn
   */
  record TestPattern(int width, int height, int framesPerSecond, Pattern pattern) implements CaptureSourceConfig {
    /** Checks the values. */
    public TestPattern {
      check(width, height, framesPerSecond);
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /**
   * A rendered wall clock (millisecond resolution) showing the local time of the machine: useful
   * to see a video path's latency at a glance.
   *
   * @param width frame width in pixels, positive
   * @param height frame height in pixels, positive
   * @param framesPerSecond frame rate, positive
   */
  record Clock(int width, int height, int framesPerSecond) implements CaptureSourceConfig {
    /** Checks the values. */
    public Clock {
      check(width, height, framesPerSecond);
    }
  }

  /** What a {@link TestPattern} draws. */
  enum Pattern {
    /** A moving colour gradient. */
    GRADIENT,
    /** A bouncing logo. */
    LOGO
  }

  private static void check(int width, int height, int framesPerSecond) {
    if (width < 1 || height < 1 || framesPerSecond < 1) {
      throw new IllegalArgumentException("width, height and framesPerSecond must be positive, were "
          + width + "x" + height + " at " + framesPerSecond);
    }
  }
}
