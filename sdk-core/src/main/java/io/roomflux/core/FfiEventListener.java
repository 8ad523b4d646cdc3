package io.roomflux.core;

import io.roomflux.RoomFluxException;

import io.roomflux.proto.FfiEvent;

/**
 * Receives the events routed to one handle. Runs on the dispatcher thread, in the order the core
 * sent the events; must not block and should hand work off quickly. The listener of an audio
 * stream runs on the core thread that emitted its events instead (see {@link FfiClient}), still
 * one event at a time and in order, so it must not block the core either.
 */
public interface FfiEventListener {
  /**
   * One event for the handle.
   *
   * @param event the decoded event
   */
  void onEvent(FfiEvent event);

  /**
   * Whether this listener takes the frames of an audio stream as samples
   * ({@link #onAudioFrame}) instead of as {@code FrameReceived} events. Asked for every frame.
   *
   * @return false unless overridden
   */
  default boolean takesAudioFrames() {
    return false;
  }

  /**
   * One frame of the audio stream this route is for, when {@link #takesAudioFrames()}: the
   * samples already copied out of the core's buffer, whose handle is already dropped. Runs on the
   * core thread that emitted the frame (see {@link FfiClient}), in order; must not block.
   *
   * @param samples interleaved 16-bit samples, {@code numChannels * samplesPerChannel} of them
   * @param sampleRate in Hz
   * @param numChannels the number of interleaved channels
   */
  default void onAudioFrame(short[] samples, int sampleRate, int numChannels) {
  }

  /**
   * The core panicked or the client closed: no more events will come on this route.
   *
   * @param error an {@link FfiPanicException} or {@link FfiClosedException}
   */
  default void onTerminated(RoomFluxException error) {
  }
}
