package io.roomflux.samples.hello.docs;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.data.StreamOptions;
import io.roomflux.reactor.data.TextStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The code that docs/streams.md shows, between {@code tag::NAME[]} markers. */
final class StreamSnippets {
  private StreamSnippets() {}

  /** A whole text as one stream. */
  static Mono<StreamInfo> sendText(Room alice, String report) {
    // tag::send-text[]
    Mono<StreamInfo> sent = alice.localParticipant()
        .sendText(report, StreamOptions.topic("reports").withAttributes(Map.of("lang", "en")));
    // end::send-text[]
    return sent;
  }

  /** Text written piece by piece, as a language model produces it. */
  static Mono<Void> streamText(Room alice, Flux<String> tokens) {
    // tag::stream-text[]
    Mono<Void> answered = alice.localParticipant().streamText(StreamOptions.topic("llm").to("bob"))
        .flatMap(writer -> tokens.concatMap(writer::write).then(writer.close()));
    // end::stream-text[]
    return answered;
  }

  /** Bytes, whole. */
  static Mono<StreamInfo> sendBytes(Room alice, byte[] png) {
    // tag::send-bytes[]
    Mono<StreamInfo> sent = alice.localParticipant()
        .sendBytes(png, StreamOptions.topic("images").withMimeType("image/png").withName("chart.png"));
    // end::send-bytes[]
    return sent;
  }

  /** A file, read by the core. */
  static Mono<StreamInfo> sendFile(Room alice, Path file) {
    // tag::send-file[]
    Mono<StreamInfo> sent = alice.localParticipant().sendFile(file, StreamOptions.topic("files"));
    // end::send-file[]
    return sent;
  }

  /** Bytes written piece by piece, with their total size announced. */
  static Mono<Void> streamBytes(Room alice, List<byte[]> parts, long totalSize) {
    // tag::stream-bytes[]
    StreamOptions options = StreamOptions.topic("files").withName("capture.raw").withTotalSize(totalSize);
    Mono<Void> written = alice.localParticipant().streamBytes(options)
        .flatMap(writer -> Flux.fromIterable(parts).concatMap(writer::write).then(writer.close()));
    // end::stream-bytes[]
    return written;
  }

  /** Every text stream of a topic, whole. */
  static Flux<String> readTexts(Room bob) {
    // tag::read-all[]
    Flux<String> reports = bob.textStreams("reports")
        .concatMap(reader -> reader.readAll()
            .map(text -> reader.info().senderIdentity() + " sent " + text.length() + " characters"));
    // end::read-all[]
    return reports;
  }

  /** Text streams as they arrive, chunk by chunk. */
  static Flux<String> readChunks(Room bob) {
    // tag::chunks[]
    Flux<String> tokens = bob.textStreams("llm").concatMap(TextStreamReader::chunks);
    // end::chunks[]
    return tokens;
  }

  /** Byte streams into files, others discarded. */
  static Flux<Path> saveFiles(Room bob, Path inbox) {
    // tag::write-to-file[]
    Flux<Path> saved = bob.byteStreams("files").concatMap(reader -> {
      if (reader.info().totalSize().orElse(0L) > 100_000_000L) {
        reader.discard(); // too large: the core abandons it
        return Mono.empty();
      }
      return reader.writeToFile(inbox);
    });
    // end::write-to-file[]
    return saved;
  }

  /** Byte chunks with a larger buffer for a slow consumer. */
  static Mono<Long> countBytes(Room bob) {
    // tag::buffer[]
    Mono<Long> received = bob.byteStreams("images").next()
        .flatMapMany(reader -> reader.chunks(1024))
        .map(chunk -> (long) chunk.remaining())
        .reduce(0L, Long::sum);
    // end::buffer[]
    return received;
  }
}
