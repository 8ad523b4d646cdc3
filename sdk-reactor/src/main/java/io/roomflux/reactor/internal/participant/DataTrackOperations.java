package io.roomflux.reactor.internal.participant;

import io.roomflux.core.HandleKind;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.DefineSchemaRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.GetSchemaCallback;
import io.roomflux.proto.GetSchemaRequest;
import io.roomflux.proto.PublishDataTrackCallback;
import io.roomflux.proto.PublishDataTrackRequest;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.OperationTimeoutException;
import io.roomflux.reactor.data.DataTrackException;
import io.roomflux.reactor.data.DataTrackOptions;
import io.roomflux.reactor.data.DataTrackSchemaId;
import io.roomflux.reactor.data.LocalDataTrack;
import io.roomflux.reactor.internal.data.DefaultLocalDataTrack;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.internal.wire.DataTrackWire;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The local participant's data track and schema operations; {@link DefaultLocalParticipant}
 * delegates to it. Each goes through {@link DefaultRoom#operations()}, which leases the
 * participant's handle while it is in flight.
 */
final class DataTrackOperations {
  private final DefaultRoom room;
  private final OwnedHandle participant;

  DataTrackOperations(DefaultRoom room, OwnedHandle participant) {
    this.room = room;
    this.participant = participant;
  }

  Mono<LocalDataTrack> publish(String name, DataTrackOptions options) {
    Objects.requireNonNull(name, "name");
    io.roomflux.proto.DataTrackOptions opts = DataTrackWire.toProto(name, Objects.requireNonNull(options, "options"));
    return room.operations().<LocalDataTrack>operate("publishDataTrack", participant, (p, asyncId) ->
        FfiRequest.newBuilder().setPublishDataTrack(PublishDataTrackRequest.newBuilder()
            .setLocalParticipantHandle(p).setOptions(opts).setRequestAsyncId(asyncId)).build(), event -> {
              PublishDataTrackCallback cb = event.getPublishDataTrack();
              if (cb.hasError()) {
                throw DataTrackWire.publishError(name, cb.getError());
              }
              // Owned and registered at once, even if nobody waits for it any more: the room's
              // close releases it then, and a discarded one is unpublished.
              DefaultLocalDataTrack track = new DefaultLocalDataTrack(room.streams(),
                  room.ffi().handles().own(cb.getTrack().getHandle().getId(), HandleKind.DATA_TRACK),
                  DataTrackWire.info(cb.getTrack().getInfo()));
              room.streams().track(track);
              return track;
            }, null)
        .doOnDiscard(DefaultLocalDataTrack.class, DefaultLocalDataTrack::discard);
  }

  Mono<Void> defineSchema(DataTrackSchemaId id, String definition) {
    io.roomflux.proto.DataTrackSchemaId schemaId = DataTrackWire.toProto(Objects.requireNonNull(id, "id"));
    Objects.requireNonNull(definition, "definition");
    return room.operations().<Void>operate("defineSchema", participant, (p, asyncId) -> FfiRequest.newBuilder()
        .setDefineSchema(DefineSchemaRequest.newBuilder().setLocalParticipantHandle(p).setSchemaId(schemaId)
            .setDefinition(definition).setRequestAsyncId(asyncId)).build(), event -> null, null)
        .onErrorMap(e -> e instanceof OperationFailedException && !(e instanceof OperationTimeoutException),
            e -> new DataTrackException(DataTrackException.Reason.SCHEMA, "schema '" + id.name() + "': "
                + e.getMessage()));
  }

  Mono<String> schema(String participantIdentity, DataTrackSchemaId id) {
    Objects.requireNonNull(participantIdentity, "participantIdentity");
    io.roomflux.proto.DataTrackSchemaId schemaId = DataTrackWire.toProto(Objects.requireNonNull(id, "id"));
    return room.operations().<String>operate("getSchema", participant, (p, asyncId) -> FfiRequest.newBuilder()
        .setGetSchema(GetSchemaRequest.newBuilder().setLocalParticipantHandle(p).setSchemaId(schemaId)
            .setParticipantIdentity(participantIdentity).setRequestAsyncId(asyncId)).build(), event -> {
              GetSchemaCallback cb = event.getGetSchema();
              if (!cb.hasDefinition()) {
                throw new DataTrackException(DataTrackException.Reason.SCHEMA, "getSchema '" + id.name() + "' of '"
                    + participantIdentity + "' failed: the core returned no definition");
              }
              return cb.getDefinition();
            }, null)
        .onErrorMap(e -> e instanceof OperationFailedException && !(e instanceof OperationTimeoutException),
            e -> new DataTrackException(DataTrackException.Reason.SCHEMA, "schema '" + id.name() + "' of '"
                + participantIdentity + "': " + e.getMessage()));
  }
}
