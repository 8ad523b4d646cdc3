package io.roomflux.reactor.media;

import reactor.core.publisher.Mono;

/**
 * A video producer that runs inside the native core (a test pattern or a clock), made by
 * {@link Media#captureSource}: the core generates the frames and feeds them into
 * {@link #videoSource()}, from which a local track is made and published as usual; no frame
 * crosses into Java.
 *
 * <p>{@link #run()} starts the capture and completes when it ends. Thread-safe.
 * {@link #close()} stops a running capture and releases the capture and its video source (close
 * the tracks made from it first, or with it).
 */
public interface CaptureSource extends AutoCloseable {

  /**
   * The video source the capture feeds: make the track from it ({@link Media#videoTrack}). Owned by
   * this capture source and closed with it.
   *
   * @return the source
   */
  VideoSource videoSource();

  /**
   * Starts the capture on subscription and completes when it ends: after {@link #stop()}, at the
   * end of the producer's stream, or on {@link #close()}. Cancelling stops the capture. One run at
   * a time.
   *
   * @return the end of the capture; fails with {@link io.roomflux.reactor.OperationFailedException}
   *     if the core could not start it or the capture failed, {@link IllegalStateException} if a
   *     run is already active, {@link io.roomflux.reactor.ResourceClosedException} once closed
   */
  Mono<CaptureEnd> run();

  /**
   * Asks a running capture to stop after the frame in progress; {@link #run()} then completes.
   * Does nothing if no capture runs.
   */
  void stop();

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /** Stops the capture if it runs and releases the native capture and its video source. Idempotent. */
  @Override
  void close();

  /**
   * How a capture ended.
   *
   * @param framesCaptured frames the capture fed into the video source
   * @param endOfStream true if the producer ran out of frames, false if the capture was stopped
   */
  record CaptureEnd(long framesCaptured, boolean endOfStream) {
  }
}
