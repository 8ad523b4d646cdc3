package io.roomflux.reactor.data;

import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.reactor.RoomClosedException;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * An outgoing text stream opened by {@link LocalParticipant#streamText(StreamOptions)}: write
 * text in pieces, then close it.
 *
 * <p>Writes are sent one after another in the order their {@code Mono}s are subscribed, each
 * after the core confirmed the previous one; cancelling a write only stops waiting for it (a
 * subscribed write is sent). The writer owns a native handle: {@link #close()} releases it, and
 * so does the room's disposal (receivers then see the stream end with an error). Every method
 * refuses with {@link RoomClosedException} once the room is disconnecting.
 */
public interface TextStreamWriter {
  /**
   * The header of the stream, as receivers see it.
   *
   * @return the header
   */
  StreamInfo info();

  /**
   * Sends one piece of text.
   *
   * @param text the text
   * @return completes when the core sent it; fails with {@link DataStreamException} if the
   *     stream is closed (or the core reported an error), {@link RoomClosedException} if the
   *     room is
   */
  Mono<Void> write(String text);

  /**
   * Ends the stream normally, after the writes subscribed before it, and releases the writer.
   * Idempotent: every call returns the outcome of the first.
   *
   * @return completes when the core sent the stream's trailer
   */
  default Mono<Void> close() {
    return close(Map.of());
  }

  /**
   * Ends the stream normally with attributes in its trailer (receivers see them at the end of
   * the stream). Idempotent: a later call returns the first call's outcome and its attributes
   * are ignored.
   *
   * @param trailerAttributes attributes sent with the end of the stream
   * @return completes when the core sent the stream's trailer
   */
  Mono<Void> close(Map<String, String> trailerAttributes);
}
