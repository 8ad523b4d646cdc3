package io.roomflux.reactor;

import io.roomflux.reactor.data.ByteStreamReader;
import io.roomflux.reactor.data.ByteStreamWriter;
import io.roomflux.reactor.data.DataStreamException;
import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.reactor.data.StreamBufferOverflowException;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.data.StreamOptions;
import io.roomflux.reactor.data.TextStreamReader;
import io.roomflux.reactor.data.TextStreamWriter;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.LiveKitIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.util.function.Tuples;

/**
 * Data streams end to end: text and bytes, whole and written in pieces, files, readers per
 * topic, cancelled and overflowing reads, writers after close and after disconnect, against a
 * real livekit-server with two participants.
 */
@LiveKitIntegrationTest
class DataStreamTest {
  private static final Duration IO = Duration.ofSeconds(30);

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("streams");

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(List<ByteBuffer> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer b : chunks) {
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      out.writeBytes(copy);
    }
    return out.toByteArray();
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return copy;
  }

  private long live(String kind) {
    return rooms.lk().diagnostics().liveHandlesByKind().getOrDefault(kind, 0L);
  }

  @Test
  void aWholeTextArrivesWithItsHeader() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    String text = "hello \u2603 ".repeat(5_000); // several chunks
    AtomicReference<StreamInfo> sent = new AtomicReference<>();
    AtomicReference<StreamInfo> got = new AtomicReference<>();

    StepVerifier.create(bob.textStreams("notes").next()
            .flatMap(r -> r.readAll().map(t -> Tuples.of(r.info(), t))))
        .then(() -> sent.set(alice.localParticipant()
            .sendText(text, StreamOptions.topic("notes").withAttributes(Map.of("lang", "en"))).block(IO)))
        .assertNext(received -> {
          StreamInfo info = received.getT1();
          assertThat(received.getT2()).isEqualTo(text);
          got.set(info);
          assertThat(info.topic()).isEqualTo("notes");
          assertThat(info.mimeType()).isEqualTo("text/plain");
          assertThat(info.attributes()).containsEntry("lang", "en");
          assertThat(info.senderIdentity()).isEqualTo("alice");
          assertThat(info.name()).isEmpty();
        })
        .expectComplete()
        .verify(IO);
    // Compared here: the receiver may see the stream before the sender's Mono completes.
    assertThat(got.get().id()).isEqualTo(sent.get().id());
    assertThat(sent.get().senderIdentity()).isEqualTo("alice");
    assertThat(sent.get().topic()).isEqualTo("notes");
  }

  @Test
  void compressedTextAndBytesArriveAsSent() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    String text = "the same line, again and again\n".repeat(10_000);
    byte[] payload = random(100 * 1024);

    StepVerifier.create(bob.textStreams("zipped").next().flatMap(TextStreamReader::readAll))
        .then(() -> alice.localParticipant().sendText(text, StreamOptions.topic("zipped").withCompression(true))
            .block(IO))
        .expectNext(text)
        .expectComplete()
        .verify(IO);
    StepVerifier.create(bob.byteStreams("zipped-bytes").next()
            .flatMap(r -> r.chunks().collectList()))
        .then(() -> alice.localParticipant().sendBytes(payload,
            StreamOptions.topic("zipped-bytes").withCompression(true)).block(IO))
        .assertNext(chunks -> assertThat(concat(chunks)).isEqualTo(payload))
        .expectComplete()
        .verify(IO);
    assertThat(StreamOptions.topic("t").compress()).as("unset: the core's default").isEmpty();
  }

  @Test
  void textWrittenInPiecesArrivesInOrderAsTheSameText() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    List<String> pieces = List.of("The ", "quick ", "brown ", "fox ", "x".repeat(20_000), " jumps.");
    AtomicReference<StreamInfo> opened = new AtomicReference<>();

    StepVerifier.create(bob.textStreams("llm").next()
            .flatMap(r -> r.chunks().collectList().map(chunks -> Tuples.of(r.info(), String.join("", chunks)))))
        .then(() -> {
          TextStreamWriter writer = alice.localParticipant()
              .streamText(StreamOptions.topic("llm").withAttributes(Map.of("k", "v"))).block(IO);
          assertThat(writer).isNotNull();
          opened.set(writer.info());
          // Subscribed one after another without waiting: the writer keeps their order.
          Mono.when(pieces.stream().map(writer::write).toList()).block(IO);
          writer.close().block(IO);
        })
        .assertNext(received -> {
          assertThat(received.getT2()).isEqualTo(String.join("", pieces));
          assertThat(received.getT1().id()).isEqualTo(opened.get().id());
          assertThat(received.getT1().attributes()).containsEntry("k", "v");
          assertThat(received.getT1().senderIdentity()).isEqualTo("alice");
          assertThat(received.getT1().totalSize()).isEmpty();
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void bytesSentWholeArriveEqualInChunksAndWithTheirSize() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    byte[] payload = random(200 * 1024);

    StepVerifier.create(bob.byteStreams("blob").next()
            .flatMap(r -> r.chunks().collectList().map(chunks -> Tuples.of(r.info(), chunks))))
        .then(() -> alice.localParticipant().sendBytes(payload,
            StreamOptions.topic("blob").withMimeType("application/x-test").withName("blob.bin")).block(IO))
        .assertNext(received -> {
          StreamInfo info = received.getT1();
          assertThat(received.getT2()).hasSizeGreaterThan(1);
          assertThat(concat(received.getT2())).isEqualTo(payload);
          assertThat(info.mimeType()).isEqualTo("application/x-test");
          assertThat(info.name()).contains("blob.bin");
          assertThat(info.totalSize()).contains((long) payload.length);
          assertThat(info.senderIdentity()).isEqualTo("alice");
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void bytesWrittenInPiecesArriveEqualThroughReadAll() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    byte[] payload = random(200 * 1024);

    StepVerifier.create(bob.byteStreams("blob").next().flatMap(ByteStreamReader::readAll))
        .then(() -> {
          ByteStreamWriter writer = alice.localParticipant()
              .streamBytes(StreamOptions.topic("blob").withTotalSize(payload.length)).block(IO);
          assertThat(writer).isNotNull();
          for (int at = 0; at < payload.length; at += 50 * 1024) {
            writer.write(ByteBuffer.wrap(payload, at, Math.min(50 * 1024, payload.length - at))).block(IO);
          }
          writer.close().block(IO);
        })
        .assertNext(all -> assertThat(bytesOf(all)).isEqualTo(payload))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void aFileArrivesWithItsNameAndContent(@TempDir Path dir) throws IOException {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    byte[] content = random(100 * 1024);
    Path file = Files.write(dir.resolve("report.bin"), content);
    Path inbox = Files.createDirectory(dir.resolve("inbox"));
    AtomicReference<StreamInfo> sent = new AtomicReference<>();
    AtomicReference<StreamInfo> got = new AtomicReference<>();

    StepVerifier.create(bob.byteStreams("files").next()
            .flatMap(r -> r.writeToFile(inbox).map(path -> Tuples.of(r.info(), path))))
        .then(() -> sent.set(alice.localParticipant().sendFile(file, StreamOptions.topic("files")).block(IO)))
        .assertNext(received -> {
          assertThat(received.getT1().name()).contains("report.bin");
          assertThat(received.getT1().totalSize()).contains((long) content.length);
          got.set(received.getT1());
          assertThat(received.getT2().getParent()).isEqualTo(inbox.toAbsolutePath());
          try {
            assertThat(Files.readAllBytes(received.getT2())).isEqualTo(content);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        })
        .expectComplete()
        .verify(IO);
    assertThat(got.get().id()).isEqualTo(sent.get().id());
    assertThat(sent.get().name()).contains("report.bin");
  }

  @Test
  void readersArePerTopicAndStreamsWithoutSubscriberAreReleasedAtOnce() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");

    StepVerifier.create(bob.textStreams("wanted").next())
        .then(() -> {
          // Both come from alice over one reliable channel, so "other" is announced first.
          alice.localParticipant().sendText("not for you", StreamOptions.topic("other")).block(IO);
          alice.localParticipant().sendText("for you", StreamOptions.topic("wanted")).block(IO);
        })
        .assertNext(reader -> {
          assertThat(reader.info().topic()).isEqualTo("wanted");
          // The "other" stream had no subscriber: released when it arrived, before this one.
          assertThat(live("TEXT_STREAM_READER")).isEqualTo(1);
          reader.discard();
          assertThat(live("TEXT_STREAM_READER")).isZero();
          StepVerifier.create(reader.readAll()).expectError(IllegalStateException.class).verify(IO);
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void aTopicHasAtMostOneSubscriberAndItsStreamEndsWithTheRoom() {
    Room bob = rooms.join("bob");
    StepVerifier.create(bob.textStreams("t"))
        .then(() -> StepVerifier.create(bob.textStreams("t")).expectError(IllegalStateException.class).verify(IO))
        .then(() -> bob.disconnect().block(IO))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void aReaderCancelledMidStreamReleasesItsHandleAndIgnoresTheRest() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    AtomicReference<ByteStreamWriter> writer = new AtomicReference<>();

    StepVerifier.create(bob.byteStreams("live").next().flatMapMany(r -> r.chunks().take(1)))
        .then(() -> {
          writer.set(alice.localParticipant().streamBytes(StreamOptions.topic("live")).block(IO));
          writer.get().write(random(1_000)).block(IO);
        })
        .assertNext(chunk -> assertThat(chunk.remaining()).isEqualTo(1_000))
        .expectComplete()
        .verify(IO);

    assertThat(live("BYTE_STREAM_READER")).isZero();
    // The sender goes on undisturbed; what arrives for the cancelled read is dropped.
    writer.get().write(random(1_000)).block(IO);
    StepVerifier.create(writer.get().close()).expectComplete().verify(IO);
    assertThat(live("BYTE_STREAM_WRITER")).isZero();
  }

  @Test
  void aSubscriberFallingBehindTheChunkBufferGetsStreamBufferOverflowException() throws Exception {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    Sinks.Empty<Void> overflowed = Sinks.empty();
    CompletableFuture<ByteStreamReader> next = bob.byteStreams("big").next().toFuture();
    alice.localParticipant().sendBytes(random(200 * 1024), StreamOptions.topic("big")).block(IO);
    ByteStreamReader reader = next.get(IO.toSeconds(), TimeUnit.SECONDS);

    StepVerifier.create(reader.chunks(1)
            // The chunk the full buffer could not take is discarded: the overflow signal.
            .doOnDiscard(ByteBuffer.class, b -> overflowed.tryEmitEmpty()), 0)
        .then(() -> overflowed.asMono().block(IO))
        .thenRequest(Long.MAX_VALUE)
        .thenConsumeWhile(b -> true)
        .expectError(StreamBufferOverflowException.class)
        .verify(IO);
  }

  @Test
  void aWriterRefusesWritesAfterCloseAndCloseIsIdempotent() {
    Room alice = rooms.join("alice");
    rooms.join("bob");
    TextStreamWriter writer = alice.localParticipant().streamText(StreamOptions.topic("t")).block(IO);
    assertThat(writer).isNotNull();
    assertThat(live("TEXT_STREAM_WRITER")).isEqualTo(1);

    writer.write("one").block(IO);
    StepVerifier.create(writer.close(Map.of("done", "yes"))).expectComplete().verify(IO);
    StepVerifier.create(writer.close()).expectComplete().verify(IO);
    StepVerifier.create(writer.write("late"))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DataStreamException.class).hasMessageContaining("closed"))
        .verify(IO);
    assertThat(live("TEXT_STREAM_WRITER")).isZero();
  }

  @Test
  void textOptionsWithByteOnlyFieldsAreRefused() {
    Room alice = rooms.join("alice");
    StepVerifier.create(alice.localParticipant().sendText("x", StreamOptions.topic("t").withMimeType("text/html")))
        .expectError(IllegalArgumentException.class)
        .verify(IO);
  }

  @Test
  void disconnectReleasesOpenWritersAndEndsReadsInProgress() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    AtomicReference<TextStreamWriter> writer = new AtomicReference<>();

    StepVerifier.create(bob.textStreams("open").next().flatMapMany(TextStreamReader::chunks))
        .then(() -> {
          writer.set(alice.localParticipant().streamText(StreamOptions.topic("open")).block(IO));
          writer.get().write("first").block(IO);
        })
        .expectNext("first")
        .then(() -> bob.disconnect().block(IO))
        .expectError(RoomClosedException.class)
        .verify(IO);

    assertThat(live("TEXT_STREAM_WRITER")).isEqualTo(1);
    alice.disconnect().block(IO);
    assertThat(live("TEXT_STREAM_WRITER")).isZero();
    StepVerifier.create(writer.get().write("after")).expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(writer.get().close()).expectError(RoomClosedException.class).verify(IO);
  }

  @Test
  void streamOperationsAfterDisconnectFailWithRoomClosedException(@TempDir Path dir) throws IOException {
    Room alice = rooms.join("alice");
    Path file = Files.write(dir.resolve("f.txt"), new byte[] {1, 2, 3});
    alice.disconnect().block(IO);
    LocalParticipant me = alice.localParticipant();
    StreamOptions options = StreamOptions.topic("t");

    StepVerifier.create(me.sendText("x", options)).expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(me.streamText(options)).expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(me.sendBytes(new byte[] {1}, options)).expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(me.streamBytes(options)).expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(me.sendFile(file, options)).expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(alice.textStreams("t")).expectComplete().verify(IO);
    StepVerifier.create(alice.byteStreams("t")).expectComplete().verify(IO);
  }
}
