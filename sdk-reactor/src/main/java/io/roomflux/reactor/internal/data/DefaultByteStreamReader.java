package io.roomflux.reactor.internal.data;

import io.roomflux.reactor.data.ByteStreamReader;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.ByteStreamReaderEvent;
import io.roomflux.proto.ByteStreamReaderReadAllCallback;
import io.roomflux.proto.ByteStreamReaderReadAllRequest;
import io.roomflux.proto.ByteStreamReaderReadIncrementalRequest;
import io.roomflux.proto.ByteStreamReaderWriteToFileCallback;
import io.roomflux.proto.ByteStreamReaderWriteToFileRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public final class DefaultByteStreamReader extends AbstractStreamReader<ByteBuffer> implements ByteStreamReader {
  public DefaultByteStreamReader(DataStreams streams, OwnedHandle handle, StreamInfo info) {
    super(streams, handle, info);
  }

  @Override
  public String kind() {
    return "byte stream";
  }

  @Override
  public FfiRequest readIncrementalRequest(long readerHandle) {
    return FfiRequest.newBuilder().setByteReadIncremental(
        ByteStreamReaderReadIncrementalRequest.newBuilder().setReaderHandle(readerHandle)).build();
  }

  @Override
  public Decoded<ByteBuffer> decode(FfiEvent event) {
    ByteStreamReaderEvent e = event.getByteStreamReaderEvent();
    return switch (e.getDetailCase()) {
      // The event was decoded into a fresh ByteString already: no native memory to release.
      case CHUNK_RECEIVED -> Decoded.chunk(e.getChunkReceived().getContent().asReadOnlyByteBuffer());
      case EOS -> Decoded.end(e.getEos().hasError() ? e.getEos().getError().getDescription() : null);
      case DETAIL_NOT_SET -> Decoded.nothing();
    };
  }

  @Override
  public Flux<ByteBuffer> chunks(int maxBufferedChunks) {
    return readChunks(maxBufferedChunks);
  }

  @Override
  public Mono<ByteBuffer> readAll() {
    return readOnce("readAll", (readerHandle, asyncId) -> FfiRequest.newBuilder().setByteReadAll(
        ByteStreamReaderReadAllRequest.newBuilder().setReaderHandle(readerHandle).setRequestAsyncId(asyncId))
        .build(), event -> {
          ByteStreamReaderReadAllCallback cb = event.getByteStreamReaderReadAll();
          if (cb.hasError()) {
            throw streamError("readAll", cb.getError().getDescription());
          }
          return cb.getContent().asReadOnlyByteBuffer();
        });
  }

  @Override
  public Mono<Path> writeToFile(Path directory) {
    String dir = Objects.requireNonNull(directory, "directory").toAbsolutePath().toString();
    return readOnce("writeToFile", (readerHandle, asyncId) -> FfiRequest.newBuilder().setByteWriteToFile(
        ByteStreamReaderWriteToFileRequest.newBuilder().setReaderHandle(readerHandle)
            .setRequestAsyncId(asyncId).setDirectory(dir))
        .build(), event -> {
          ByteStreamReaderWriteToFileCallback cb = event.getByteStreamReaderWriteToFile();
          if (cb.hasError()) {
            throw streamError("writeToFile", cb.getError().getDescription());
          }
          return Path.of(cb.getFilePath());
        });
  }
}
