package io.roomflux.reactor.internal.data;

import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.data.TextStreamWriter;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.TextStreamWriterCloseCallback;
import io.roomflux.proto.TextStreamWriterCloseRequest;
import io.roomflux.proto.TextStreamWriterWriteCallback;
import io.roomflux.proto.TextStreamWriterWriteRequest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;

public final class DefaultTextStreamWriter extends AbstractStreamWriter implements TextStreamWriter {
  public DefaultTextStreamWriter(DataStreams streams, OwnedHandle handle, StreamInfo info) {
    super(streams, handle, info);
  }

  @Override
  public String kind() {
    return "text stream";
  }

  @Override
  public Mono<Void> write(String text) {
    Objects.requireNonNull(text, "text");
    return enqueueWrite("write", (writer, asyncId) -> FfiRequest.newBuilder().setTextStreamWrite(
        TextStreamWriterWriteRequest.newBuilder().setWriterHandle(writer).setText(text).setRequestAsyncId(asyncId))
        .build(), event -> {
          TextStreamWriterWriteCallback cb = event.getTextStreamWriterWrite();
          return cb.hasError() ? Optional.of(cb.getError()) : Optional.empty();
        });
  }

  @Override
  public Mono<Void> close(Map<String, String> trailerAttributes) {
    Map<String, String> attributes = Map.copyOf(trailerAttributes);
    return enqueueClose("close", (writer, asyncId) -> FfiRequest.newBuilder().setTextStreamClose(
        TextStreamWriterCloseRequest.newBuilder().setWriterHandle(writer).putAllAttributes(attributes)
            .setRequestAsyncId(asyncId))
        .build(), event -> {
          TextStreamWriterCloseCallback cb = event.getTextStreamWriterClose();
          return cb.hasError() ? Optional.of(cb.getError()) : Optional.empty();
        });
  }
}
