package io.roomflux.reactor.data;

import io.roomflux.RoomFluxException;

/**
 * A data stream failed: the core reported an error while sending, writing or receiving it (for
 * example a sender that left or aborted mid-stream, or a stream larger than the receiver
 * allows), or the stream was used after it was closed or discarded.
 */
public class DataStreamException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which stream and what happened
   */
  public DataStreamException(String message) {
    super(message);
  }
}
