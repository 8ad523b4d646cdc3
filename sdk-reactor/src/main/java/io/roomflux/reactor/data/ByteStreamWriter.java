package io.roomflux.reactor.data;

import io.roomflux.reactor.participant.LocalParticipant;
import java.nio.ByteBuffer;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * An outgoing byte stream opened by {@link LocalParticipant#streamBytes(StreamOptions)}: write
 * bytes in pieces, then close it. Ordering, cancellation, resources and errors as described on
 * {@link TextStreamWriter}.
 */
public interface ByteStreamWriter {
  /**
   * The header of the stream, as receivers see it.
   *
   * @return the header
   */
  StreamInfo info();

  /**
   * Sends one piece of the content. The bytes are copied when the write is subscribed.
   *
   * @param bytes the bytes (from position to limit; the buffer's position is not changed)
   * @return completes when the core sent them; fails as {@link TextStreamWriter#write(String)}
   */
  Mono<Void> write(ByteBuffer bytes);

  /**
   * Sends one piece of the content. The array is copied when the write is subscribed.
   *
   * @param bytes the bytes
   * @return completes when the core sent them
   */
  default Mono<Void> write(byte[] bytes) {
    return write(ByteBuffer.wrap(bytes));
  }

  /**
   * Ends the stream normally and releases the writer; idempotent.
   *
   * @return completes when the core sent the stream's trailer
   */
  default Mono<Void> close() {
    return close(Map.of());
  }

  /**
   * Ends the stream normally with attributes in its trailer; idempotent (see
   * {@link TextStreamWriter#close(Map)}).
   *
   * @param trailerAttributes attributes sent with the end of the stream
   * @return completes when the core sent the stream's trailer
   */
  Mono<Void> close(Map<String, String> trailerAttributes);
}
