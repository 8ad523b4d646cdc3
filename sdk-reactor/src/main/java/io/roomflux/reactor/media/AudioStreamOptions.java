package io.roomflux.reactor.media;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import reactor.core.scheduler.Scheduler;

/**
 * How a remote audio track is received ({@link io.roomflux.reactor.Room#audioFrames}).
 *
 * @param sampleRate the sample rate of the frames delivered, in Hz; the core resamples the
 *     track to it. Default 48000.
 * @param numChannels the channel count of the frames delivered; the core remixes to it.
 *     Default 1.
 * @param frameSize how much audio each frame holds, a whole number of milliseconds. Default
 *     empty: what WebRTC delivers, 10 ms.
 * @param queueSize how many frames may wait for the subscriber before {@code overflow} applies;
 *     at least 1. Memory per stream is bounded by it. Default 50 (half a second of 10 ms frames).
 * @param overflow what happens when the subscriber falls further behind. Default
 *     {@link FrameOverflow#DROP_OLDEST}.
 * @param scheduler where frames are delivered. Default empty: the room's scheduler
 *     ({@link io.roomflux.reactor.LiveKitOptions#scheduler()}). Never the core's threads.
 */
public record AudioStreamOptions(int sampleRate, int numChannels, Optional<Duration> frameSize, int queueSize,
                                 FrameOverflow overflow, Optional<Scheduler> scheduler) {
  private static final int DEFAULT_QUEUE = 50;

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if the rate, channel count or queue size is not positive,
   *     or the frame size is not a positive whole number of milliseconds
   */
  public AudioStreamOptions {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive, was " + sampleRate);
    }
    if (numChannels <= 0) {
      throw new IllegalArgumentException("numChannels must be positive, was " + numChannels);
    }
    Objects.requireNonNull(frameSize, "frameSize");
    frameSize.ifPresent(size -> {
      if (size.isNegative() || size.isZero() || size.toNanos() % 1_000_000L != 0 || size.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("frameSize must be a positive whole number of milliseconds, was " + size);
      }
    });
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be at least 1, was " + queueSize);
    }
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * The defaults: 48 kHz mono 10 ms frames, a queue of 50 frames, dropping the oldest, on the
   * room's scheduler.
   *
   * @return the options
   */
  public static AudioStreamOptions defaults() {
    return of(48_000, 1);
  }

  /**
   * The defaults for another format.
   *
   * @param sampleRate the sample rate in Hz
   * @param numChannels the channel count
   * @return the options
   */
  public static AudioStreamOptions of(int sampleRate, int numChannels) {
    return new AudioStreamOptions(sampleRate, numChannels, Optional.empty(), DEFAULT_QUEUE, FrameOverflow.DROP_OLDEST,
        Optional.empty());
  }

  /**
   * With frames of another length.
   *
   * @param value a positive whole number of milliseconds
   * @return new options
   */
  public AudioStreamOptions withFrameSize(Duration value) {
    return new AudioStreamOptions(sampleRate, numChannels, Optional.of(value), queueSize, overflow, scheduler);
  }

  /**
   * With another queue size.
   *
   * @param value at least 1
   * @return new options
   */
  public AudioStreamOptions withQueueSize(int value) {
    return new AudioStreamOptions(sampleRate, numChannels, frameSize, value, overflow, scheduler);
  }

  /**
   * With another overflow policy.
   *
   * @param value the policy
   * @return new options
   */
  public AudioStreamOptions withOverflow(FrameOverflow value) {
    return new AudioStreamOptions(sampleRate, numChannels, frameSize, queueSize, value, scheduler);
  }

  /**
   * With frames delivered on another scheduler.
   *
   * @param value the scheduler
   * @return new options
   */
  public AudioStreamOptions withScheduler(Scheduler value) {
    return new AudioStreamOptions(sampleRate, numChannels, frameSize, queueSize, overflow, Optional.of(value));
  }
}
