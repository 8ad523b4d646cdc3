package io.roomflux.reactor.internal.data;

import io.roomflux.RoomFluxException;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.LocalDataTrackIsPublishedRequest;
import io.roomflux.proto.LocalDataTrackTryPushRequest;
import io.roomflux.proto.LocalDataTrackTryPushResponse;
import io.roomflux.proto.LocalDataTrackUnpublishRequest;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.data.DataTrackException;
import io.roomflux.reactor.data.DataTrackFrame;
import io.roomflux.reactor.data.DataTrackInfo;
import io.roomflux.reactor.data.LocalDataTrack;
import io.roomflux.reactor.internal.wire.DataTrackWire;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A published local data track and the handle it owns. Registered with the room's
 * {@link DataStreams} from the moment its handle is owned, so the room's close releases it if
 * nobody unpublished it; {@link #unpublish()} and that release each close the handle, which is
 * dropped once, after the last request in flight (a lease) is over.
 */
public final class DefaultLocalDataTrack implements LocalDataTrack, DataStreams.StreamResource {
  private final DataStreams streams;
  private final OwnedHandle handle;
  private final DataTrackInfo info;

  public DefaultLocalDataTrack(DataStreams streams, OwnedHandle handle, DataTrackInfo info) {
    this.streams = streams;
    this.handle = handle;
    this.info = info;
  }

  @Override
  public DataTrackInfo info() {
    return info;
  }

  @Override
  public boolean tryPush(DataTrackFrame frame) {
    io.roomflux.proto.DataTrackFrame proto = DataTrackWire.toProto(Objects.requireNonNull(frame, "frame"));
    LocalDataTrackTryPushResponse response;
    try (Lease lease = lease("tryPush")) {
      response = streams.room().ffi().request(FfiRequest.newBuilder().setLocalDataTrackTryPush(
          LocalDataTrackTryPushRequest.newBuilder().setTrackHandle(lease.id()).setFrame(proto)).build())
          .getLocalDataTrackTryPush();
    } catch (OperationFailedException e) {
      throw new DataTrackException(DataTrackException.Reason.OTHER, "tryPush to data track '" + info.name()
          + "' refused: " + e.getMessage());
    }
    if (!response.hasError()) {
      return true;
    }
    if (DataTrackWire.queueFull(response.getError())) {
      return false;
    }
    throw DataTrackWire.pushError(info.name(), response.getError());
  }

  @Override
  public Mono<Long> push(Publisher<DataTrackFrame> frames) {
    Objects.requireNonNull(frames, "frames");
    return Flux.from(frames).filter(this::tryPush).count();
  }

  @Override
  public boolean isPublished() {
    Lease lease;
    try {
      lease = handle.lease();
    } catch (HandleClosedException e) {
      return false;
    }
    try (lease) {
      return streams.room().ffi().request(FfiRequest.newBuilder().setLocalDataTrackIsPublished(
          LocalDataTrackIsPublishedRequest.newBuilder().setTrackHandle(lease.id())).build())
          .getLocalDataTrackIsPublished().getIsPublished();
    }
  }

  @Override
  public Mono<Void> unpublish() {
    return Mono.<Void>fromRunnable(this::unpublishNow).publishOn(streams.room().options().scheduler());
  }

  /** Tells the core to unpublish (if the handle is still open), then releases the handle. */
  private void unpublishNow() {
    Lease lease;
    try {
      lease = handle.lease();
    } catch (HandleClosedException e) {
      return; // unpublished already, or released with the room
    }
    try (lease) {
      streams.room().ffi().request(FfiRequest.newBuilder().setLocalDataTrackUnpublish(
          LocalDataTrackUnpublishRequest.newBuilder().setTrackHandle(lease.id())).build());
    } finally {
      streams.untrack(this);
      handle.close();
    }
  }

  /** The track was published but nobody received it (the caller cancelled): unpublish it. */
  public void discard() {
    try {
      unpublishNow();
    } catch (RuntimeException e) {
      handle.close();
    }
  }

  /**
   * Releases the handle because the room closed (the core unpublishes with the room).
   *
   * @param error why, unused: a local track has no reader to tell
   * @return completes when the handle was dropped
   */
  @Override
  public CompletableFuture<Void> release(RoomFluxException error) {
    handle.close();
    return handle.onDropped();
  }

  private Lease lease(String operation) {
    try {
      return handle.lease();
    } catch (HandleClosedException e) {
      throw new DataTrackException(DataTrackException.Reason.UNPUBLISHED, operation + " refused: data track '"
          + info.name() + "' (" + info.sid() + ") is unpublished");
    }
  }

  @Override
  public String toString() {
    return "LocalDataTrack[" + info.name() + ", " + info.sid() + "]";
  }
}
