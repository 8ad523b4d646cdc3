package io.roomflux.reactor.data;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomClosedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An incoming text stream, as {@link Room#textStreams(String)} delivers it: its header at once,
 * its content by reading it exactly once, with {@link #chunks()} or {@link #readAll()}.
 *
 * <p><b>Resources.</b> Until it is read, the reader holds a native handle, and the core keeps
 * the stream's arriving chunks for it. Reading hands the stream over to the core's reader task;
 * a reader you do not want must be {@link #discard() discarded} (otherwise it is released when
 * the room closes). Readers that a subscriber cancelled before receiving them are discarded by
 * RoomFlux.
 */
public interface TextStreamReader {
  /**
   * The stream's header.
   *
   * @return the header, with the sender's identity
   */
  StreamInfo info();

  /**
   * The stream's text in the chunks the sender wrote, as they arrive. Cold but single-use: the
   * first subscription starts the read (a second subscription, or one after {@link #readAll()}
   * or {@link #discard()}, fails with {@link IllegalStateException}).
   *
   * <p>Completes at the end of the stream; fails with {@link DataStreamException} if the stream
   * ended with an error, with {@link RoomClosedException} if the room closed first, and with
   * {@link StreamBufferOverflowException} if the subscriber falls more than
   * {@link #DEFAULT_MAX_BUFFERED_CHUNKS} chunks behind (see {@link #chunks(int)}). Signals arrive
   * on the room's scheduler. Cancelling stops the delivery; the core reads the rest of the
   * stream in the background and RoomFlux ignores it (the protocol cannot stop a started read).
   *
   * @return the chunks
   */
  default Flux<String> chunks() {
    return chunks(DEFAULT_MAX_BUFFERED_CHUNKS);
  }

  /**
   * {@link #chunks()} with another buffer bound. The core pushes chunks as they arrive and cannot
   * be slowed down, so chunks wait for a slow subscriber in a buffer of at most this many
   * (memory: up to this many times the sender's chunk size, about 15 kB for the LiveKit SDKs);
   * past it the read fails with {@link StreamBufferOverflowException}.
   *
   * @param maxBufferedChunks the buffer bound, at least 1
   * @return the chunks
   */
  Flux<String> chunks(int maxBufferedChunks);

  /**
   * The whole text, once the stream ended. Single-use like {@link #chunks()}; the core collects
   * the text (up to the room's incoming stream size limit). Fails with
   * {@link DataStreamException} if the stream ended with an error, with
   * {@link RoomClosedException} if the room closed first.
   *
   * @return the text, on the room's scheduler
   */
  Mono<String> readAll();

  /**
   * Releases the stream without reading it: the core abandons it. Idempotent; does nothing once
   * a read started.
   */
  void discard();

  /** The chunk buffer bound of {@link #chunks()}. */
  int DEFAULT_MAX_BUFFERED_CHUNKS = 256;
}
