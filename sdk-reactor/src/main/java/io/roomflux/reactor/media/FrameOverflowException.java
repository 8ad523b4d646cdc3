package io.roomflux.reactor.media;

import io.roomflux.RoomFluxException;

/**
 * A stream of received frames with {@link FrameOverflow#ERROR} ended because its subscriber fell
 * more than its options' {@code maxBufferedFrames} behind.
 */
public final class FrameOverflowException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param what the stream, e.g. {@code video of track TR_abc}
   * @param maxBufferedFrames the bound that was exceeded
   */
  public FrameOverflowException(String what, int maxBufferedFrames) {
    super(what + ": the subscriber fell more than " + maxBufferedFrames + " frame(s) behind; the stream was ended");
  }
}
