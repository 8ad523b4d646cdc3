package io.roomflux.reactor.internal.data;

import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.data.TextStreamReader;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.TextStreamReaderEvent;
import io.roomflux.proto.TextStreamReaderReadAllCallback;
import io.roomflux.proto.TextStreamReaderReadAllRequest;
import io.roomflux.proto.TextStreamReaderReadIncrementalRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public final class DefaultTextStreamReader extends AbstractStreamReader<String> implements TextStreamReader {
  public DefaultTextStreamReader(DataStreams streams, OwnedHandle handle, StreamInfo info) {
    super(streams, handle, info);
  }

  @Override
  public String kind() {
    return "text stream";
  }

  @Override
  public FfiRequest readIncrementalRequest(long readerHandle) {
    return FfiRequest.newBuilder().setTextReadIncremental(
        TextStreamReaderReadIncrementalRequest.newBuilder().setReaderHandle(readerHandle)).build();
  }

  @Override
  public Decoded<String> decode(FfiEvent event) {
    TextStreamReaderEvent e = event.getTextStreamReaderEvent();
    return switch (e.getDetailCase()) {
      case CHUNK_RECEIVED -> Decoded.chunk(e.getChunkReceived().getContent());
      case EOS -> Decoded.end(e.getEos().hasError() ? e.getEos().getError().getDescription() : null);
      case DETAIL_NOT_SET -> Decoded.nothing();
    };
  }

  @Override
  public Flux<String> chunks(int maxBufferedChunks) {
    return readChunks(maxBufferedChunks);
  }

  @Override
  public Mono<String> readAll() {
    return readOnce("readAll", (readerHandle, asyncId) -> FfiRequest.newBuilder().setTextReadAll(
        TextStreamReaderReadAllRequest.newBuilder().setReaderHandle(readerHandle).setRequestAsyncId(asyncId))
        .build(), event -> {
          TextStreamReaderReadAllCallback cb = event.getTextStreamReaderReadAll();
          if (cb.hasError()) {
            throw streamError("readAll", cb.getError().getDescription());
          }
          return cb.getContent();
        });
  }
}
