package io.roomflux.reactor.media;

import java.util.Objects;
import java.util.Optional;
import reactor.core.scheduler.Scheduler;

/**
 * How a remote video track is received ({@link io.roomflux.reactor.Room#videoFrames}).
 *
 * @param format the layout frames are delivered in; the core converts each decoded frame to it.
 *     One of {@code VideoBufferType.I420.conversionTargets()} (I420, RGBA, BGRA, ARGB, ABGR,
 *     RGB24), because the decoder produces I420. Default empty: the decoder's layout, I420.
 * @param queueSize how many frames may wait for the subscriber before {@code overflow} applies;
 *     at least 1. Memory per stream is bounded by it times the frame size. Default 4.
 * @param overflow what happens when the subscriber falls further behind. Default
 *     {@link FrameOverflow#DROP_OLDEST}.
 * @param scheduler where frames are delivered. Default empty: the room's scheduler
 *     ({@link io.roomflux.reactor.LiveKitOptions#scheduler()}). Never the core's threads.
 */
public record VideoStreamOptions(Optional<VideoBufferType> format, int queueSize, FrameOverflow overflow,
                                 Optional<Scheduler> scheduler) {
  private static final int DEFAULT_QUEUE = 4;

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if the queue size is not positive or the format is not one
   *     the core converts decoded (I420) frames to
   */
  public VideoStreamOptions {
    Objects.requireNonNull(format, "format");
    // Checked here: some conversions the core does not support abort the process there.
    format.ifPresent(f -> {
      if (!VideoBufferType.I420.conversionTargets().contains(f)) {
        throw new IllegalArgumentException("received frames cannot be delivered as " + f + "; choose one of "
            + VideoBufferType.I420.conversionTargets());
      }
    });
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be at least 1, was " + queueSize);
    }
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * The defaults: the decoder's layout (I420), a queue of 4 frames, dropping the oldest, on the
   * room's scheduler.
   *
   * @return the options
   */
  public static VideoStreamOptions defaults() {
    return new VideoStreamOptions(Optional.empty(), DEFAULT_QUEUE, FrameOverflow.DROP_OLDEST, Optional.empty());
  }

  /**
   * The defaults, with frames delivered in a layout.
   *
   * @param format the layout
   * @return the options
   */
  public static VideoStreamOptions of(VideoBufferType format) {
    return defaults().withFormat(format);
  }

  /**
   * With frames delivered in another layout.
   *
   * @param value the layout
   * @return new options
   */
  public VideoStreamOptions withFormat(VideoBufferType value) {
    return new VideoStreamOptions(Optional.of(value), queueSize, overflow, scheduler);
  }

  /**
   * With another queue size.
   *
   * @param value at least 1
   * @return new options
   */
  public VideoStreamOptions withQueueSize(int value) {
    return new VideoStreamOptions(format, value, overflow, scheduler);
  }

  /**
   * With another overflow policy.
   *
   * @param value the policy
   * @return new options
   */
  public VideoStreamOptions withOverflow(FrameOverflow value) {
    return new VideoStreamOptions(format, queueSize, value, scheduler);
  }

  /**
   * With frames delivered on another scheduler.
   *
   * @param value the scheduler
   * @return new options
   */
  public VideoStreamOptions withScheduler(Scheduler value) {
    return new VideoStreamOptions(format, queueSize, overflow, Optional.of(value));
  }
}
