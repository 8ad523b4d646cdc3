package io.roomflux.reactor.data;

/**
 * A subscriber of a stream's chunks fell further behind than its buffer allows. The core does
 * not slow a sender down for a slow receiver, so RoomFlux ends the read with this error rather
 * than dropping chunks silently (which would corrupt the content). The rest of the stream is
 * not delivered.
 */
public final class StreamBufferOverflowException extends DataStreamException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param streamId the stream
   * @param maxBufferedChunks the buffer bound that was exceeded
   */
  public StreamBufferOverflowException(String streamId, int maxBufferedChunks) {
    super("stream " + streamId + ": the subscriber fell more than " + maxBufferedChunks
        + " chunks behind; the read was ended");
  }
}
