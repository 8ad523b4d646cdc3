package io.roomflux.reactor.internal.data;

import io.roomflux.reactor.data.ByteStreamWriter;
import io.roomflux.reactor.data.StreamInfo;
import com.google.protobuf.ByteString;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.ByteStreamWriterCloseCallback;
import io.roomflux.proto.ByteStreamWriterCloseRequest;
import io.roomflux.proto.ByteStreamWriterWriteCallback;
import io.roomflux.proto.ByteStreamWriterWriteRequest;
import io.roomflux.proto.FfiRequest;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;

public final class DefaultByteStreamWriter extends AbstractStreamWriter implements ByteStreamWriter {
  public DefaultByteStreamWriter(DataStreams streams, OwnedHandle handle, StreamInfo info) {
    super(streams, handle, info);
  }

  @Override
  public String kind() {
    return "byte stream";
  }

  @Override
  public Mono<Void> write(ByteBuffer bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return Mono.defer(() -> {
      ByteString copy = ByteString.copyFrom(bytes.duplicate());
      return enqueueWrite("write", (writer, asyncId) -> FfiRequest.newBuilder().setByteStreamWrite(
          ByteStreamWriterWriteRequest.newBuilder().setWriterHandle(writer).setBytes(copy)
              .setRequestAsyncId(asyncId))
          .build(), event -> {
            ByteStreamWriterWriteCallback cb = event.getByteStreamWriterWrite();
            return cb.hasError() ? Optional.of(cb.getError()) : Optional.empty();
          });
    });
  }

  @Override
  public Mono<Void> close(Map<String, String> trailerAttributes) {
    Map<String, String> attributes = Map.copyOf(trailerAttributes);
    return enqueueClose("close", (writer, asyncId) -> FfiRequest.newBuilder().setByteStreamClose(
        ByteStreamWriterCloseRequest.newBuilder().setWriterHandle(writer).putAllAttributes(attributes)
            .setRequestAsyncId(asyncId))
        .build(), event -> {
          ByteStreamWriterCloseCallback cb = event.getByteStreamWriterClose();
          return cb.hasError() ? Optional.of(cb.getError()) : Optional.empty();
        });
  }
}
