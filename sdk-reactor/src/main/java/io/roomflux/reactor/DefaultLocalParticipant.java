package io.roomflux.reactor;

import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.AttributesEntry;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.PublishDataRequest;
import io.roomflux.proto.SetLocalAttributesRequest;
import io.roomflux.proto.SetLocalMetadataRequest;
import io.roomflux.proto.SetLocalNameRequest;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.publisher.Mono;

final class DefaultLocalParticipant implements LocalParticipant {
  /** The largest data packet the core sends (its default negotiated SCTP message size). */
  static final int MAX_DATA_BYTES = 64_000;

  private final DefaultRoom room;
  private final OwnedHandle handle;
  private final AtomicReference<Participant> info;

  DefaultLocalParticipant(DefaultRoom room, OwnedHandle handle, Participant info) {
    this.room = room;
    this.handle = handle;
    this.info = new AtomicReference<>(info);
  }

  OwnedHandle handle() {
    return handle;
  }

  void update(Function<Participant, Participant> change) {
    info.updateAndGet(change::apply);
  }

  @Override
  public Participant info() {
    return info.get();
  }

  @Override
  public Mono<Void> publishData(byte[] payload, DataOptions options) {
    return Mono.defer(() -> {
      if (payload.length > MAX_DATA_BYTES) {
        return Mono.error(new PayloadTooLargeException("publishData", payload.length, MAX_DATA_BYTES));
      }
      // The core reads the payload through a pointer: keep the memory alive until its callback.
      Arena arena = Arena.ofShared();
      MemorySegment data = arena.allocate(Math.max(1, payload.length));
      MemorySegment.copy(payload, 0, data, ValueLayout.JAVA_BYTE, 0, payload.length);
      return room.<Void>operate("publishData", handle, (participant, asyncId) -> {
        PublishDataRequest.Builder req = PublishDataRequest.newBuilder()
            .setLocalParticipantHandle(participant)
            .setDataPtr(data.address())
            .setDataLen(payload.length)
            .setReliable(options.kind() == DataKind.RELIABLE)
            .addAllDestinationIdentities(options.destinationIdentities())
            .setRequestAsyncId(asyncId);
        options.topic().ifPresent(req::setTopic);
        return FfiRequest.newBuilder().setPublishData(req).build();
      }, event -> null, arena::close);
    });
  }

  @Override
  public Mono<Void> setMetadata(String metadata) {
    return room.<Void>operate("setMetadata", handle, (participant, asyncId) -> FfiRequest.newBuilder()
        .setSetLocalMetadata(SetLocalMetadataRequest.newBuilder().setLocalParticipantHandle(participant)
            .setMetadata(metadata).setRequestAsyncId(asyncId)).build(), event -> null, null);
  }

  @Override
  public Mono<Void> setName(String name) {
    return room.<Void>operate("setName", handle, (participant, asyncId) -> FfiRequest.newBuilder()
        .setSetLocalName(SetLocalNameRequest.newBuilder().setLocalParticipantHandle(participant)
            .setName(name).setRequestAsyncId(asyncId)).build(), event -> null, null);
  }

  @Override
  public Mono<Void> setAttributes(Map<String, String> attributes) {
    Map<String, String> copy = Map.copyOf(attributes);
    return room.<Void>operate("setAttributes", handle, (participant, asyncId) -> {
      SetLocalAttributesRequest.Builder req = SetLocalAttributesRequest.newBuilder()
          .setLocalParticipantHandle(participant).setRequestAsyncId(asyncId);
      copy.forEach((k, v) -> req.addAttributes(AttributesEntry.newBuilder().setKey(k).setValue(v)));
      return FfiRequest.newBuilder().setSetLocalAttributes(req).build();
    }, event -> null, null);
  }
}
