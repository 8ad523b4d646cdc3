package io.roomflux.reactor.data;

import io.roomflux.reactor.Room;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An incoming byte stream (a file, an image, any binary content), as
 * {@link Room#byteStreams(String)} delivers it: its header at once, its content by reading it
 * exactly once, with {@link #chunks()}, {@link #readAll()} or {@link #writeToFile(Path)}.
 *
 * <p><b>Resources.</b> As for {@link TextStreamReader}: until it is read the reader holds a
 * native handle; a reader you do not want must be {@link #discard() discarded} (otherwise it is
 * released when the room closes).
 */
public interface ByteStreamReader {
  /**
   * The stream's header.
   *
   * @return the header, with the sender's identity and the file name
   */
  StreamInfo info();

  /**
   * The stream's bytes as they arrive, one read-only buffer per chunk (about 15 kB each from
   * the LiveKit SDKs). Single-use, with the completion, errors, threads and cancellation
   * described on {@link TextStreamReader#chunks()}.
   *
   * @return the chunks
   */
  default Flux<ByteBuffer> chunks() {
    return chunks(TextStreamReader.DEFAULT_MAX_BUFFERED_CHUNKS);
  }

  /**
   * {@link #chunks()} with another buffer bound; see {@link TextStreamReader#chunks(int)}.
   * Memory: up to {@code maxBufferedChunks} chunks of about 15 kB each.
   *
   * @param maxBufferedChunks the buffer bound, at least 1
   * @return the chunks
   */
  Flux<ByteBuffer> chunks(int maxBufferedChunks);

  /**
   * All the bytes, once the stream ended, in one read-only buffer. Single-use; the core
   * collects the content in memory (up to the room's incoming stream size limit). Fails as
   * {@link TextStreamReader#readAll()} does.
   *
   * @return the content, on the room's scheduler
   */
  Mono<ByteBuffer> readAll();

  /**
   * Lets the core write the stream into a file in {@code directory} as it arrives. Single-use.
   * The file is named after {@link StreamInfo#name()}, which the sender chose: an existing file
   * of that name is overwritten, and a name that is not a plain file name (path separators,
   * {@code ..}) makes the write fail with {@link DataStreamException}.
   *
   * @param directory an existing, writable directory
   * @return the written file's path, once the stream ended, on the room's scheduler
   */
  Mono<Path> writeToFile(Path directory);

  /**
   * Releases the stream without reading it: the core abandons it. Idempotent; does nothing once
   * a read started.
   */
  void discard();
}
