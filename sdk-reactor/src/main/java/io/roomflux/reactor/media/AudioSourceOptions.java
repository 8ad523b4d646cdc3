package io.roomflux.reactor.media;

import java.time.Duration;
import java.util.Objects;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Settings of an {@link AudioSource}.
 *
 * @param sampleRate samples per second per channel of every captured frame, a multiple of 100
 *     (WebRTC works in 10 ms chunks). Default 48000.
 * @param numChannels channels of every captured frame. Default 1.
 * @param queueSize how much audio the source buffers ahead of real time, a whole number of 10 ms
 *     (the core insists). {@link AudioSource#captureFrame} completes as soon as the frame fits
 *     into the queue, so this is both the latency the queue adds and the head start a producer
 *     gets. {@link Duration#ZERO} selects the core's unbuffered path: frames are passed on at once
 *     and must each be exactly 10 ms long; nothing paces the producer then. Default 1 s, the
 *     core's own default.
 * @param echoCancellation WebRTC echo cancellation on the published track. Default off.
 * @param noiseSuppression WebRTC noise suppression on the published track. Default off.
 * @param autoGainControl WebRTC automatic gain control on the published track. Default off.
 * @param scheduler where {@link AudioSource#captureFrame} and {@link AudioSource#waitForPlayout}
 *     signal, and the timer of the latter; never the core's threads. Default
 *     {@link Schedulers#parallel()}.
 */
public record AudioSourceOptions(int sampleRate, int numChannels, Duration queueSize, boolean echoCancellation,
                                 boolean noiseSuppression, boolean autoGainControl, Scheduler scheduler) {
  private static final Duration DEFAULT_QUEUE = Duration.ofSeconds(1);

  /** Validates the options. */
  public AudioSourceOptions {
    if (sampleRate <= 0 || sampleRate % 100 != 0) {
      throw new IllegalArgumentException("sampleRate must be a positive multiple of 100 Hz, was " + sampleRate);
    }
    if (numChannels <= 0) {
      throw new IllegalArgumentException("numChannels must be positive, was " + numChannels);
    }
    Objects.requireNonNull(queueSize, "queueSize");
    Objects.requireNonNull(scheduler, "scheduler");
    // The core sizes its queue in 32-bit sample counts.
    if (queueSize.getSeconds() * (double) sampleRate * numChannels > Integer.MAX_VALUE / 2.0) {
      throw new IllegalArgumentException("queueSize " + queueSize + " is too large for " + sampleRate + " Hz, "
          + numChannels + " channel(s)");
    }
    // The core asserts (and aborts the process) unless the queue is a whole number of 10 ms.
    if (queueSize.isNegative() || queueSize.toNanos() % 10_000_000L != 0) {
      throw new IllegalArgumentException("queueSize must be a whole number of 10 ms, was " + queueSize);
    }
  }

  /**
   * The defaults for a format: a 1 s queue, no audio processing, the parallel scheduler.
   *
   * @param sampleRate the sample rate in Hz, a multiple of 100
   * @param numChannels the channel count
   * @return the options
   */
  public static AudioSourceOptions of(int sampleRate, int numChannels) {
    return new AudioSourceOptions(sampleRate, numChannels, DEFAULT_QUEUE, false, false, false,
        Schedulers.parallel());
  }

  /**
   * With another queue size.
   *
   * @param value a whole number of 10 ms, or zero for the unbuffered path
   * @return new options
   */
  public AudioSourceOptions withQueueSize(Duration value) {
    return new AudioSourceOptions(sampleRate, numChannels, value, echoCancellation, noiseSuppression,
        autoGainControl, scheduler);
  }

  /**
   * With WebRTC's audio processing switched on or off for the published track.
   *
   * @param echo echo cancellation
   * @param noise noise suppression
   * @param gain automatic gain control
   * @return new options
   */
  public AudioSourceOptions withProcessing(boolean echo, boolean noise, boolean gain) {
    return new AudioSourceOptions(sampleRate, numChannels, queueSize, echo, noise, gain, scheduler);
  }

  /**
   * With another scheduler for signals and timers.
   *
   * @param value the scheduler
   * @return new options
   */
  public AudioSourceOptions withScheduler(Scheduler value) {
    return new AudioSourceOptions(sampleRate, numChannels, queueSize, echoCancellation, noiseSuppression,
        autoGainControl, value);
  }
}
