package io.roomflux.reactor.internal.data;

import io.roomflux.core.HandleClosedException;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.RemoteDataTrackIsPublishedRequest;
import io.roomflux.proto.RemoteDataTrackPipelineOptions;
import io.roomflux.proto.RemoteDataTrackSetPipelineOptionsRequest;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.data.DataTrackException;
import io.roomflux.reactor.data.DataTrackFrame;
import io.roomflux.reactor.data.DataTrackInfo;
import io.roomflux.reactor.data.DataTrackSubscribeOptions;
import io.roomflux.reactor.data.RemoteDataTrack;
import io.roomflux.reactor.internal.room.DefaultRoom;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A view of a remote data track: the handle stays the room's ({@code RoomResources}), looked up
 * by sid for each operation and leased while the request is in flight.
 */
public final class DefaultRemoteDataTrack implements RemoteDataTrack {
  private final DefaultRoom room;
  private final String publisherIdentity;
  private final DataTrackInfo info;

  public DefaultRemoteDataTrack(DefaultRoom room, String publisherIdentity, DataTrackInfo info) {
    this.room = room;
    this.publisherIdentity = publisherIdentity;
    this.info = info;
  }

  /**
   * A view of a data track the room keeps.
   *
   * @param room the room
   * @param entry the track as the room keeps it
   * @return the view
   */
  public static DefaultRemoteDataTrack of(DefaultRoom room, io.roomflux.reactor.internal.room.RoomResources.RemoteDataTrack entry) {
    return new DefaultRemoteDataTrack(room, entry.publisherIdentity(), entry.info());
  }

  @Override
  public DataTrackInfo info() {
    return info;
  }

  @Override
  public String publisherIdentity() {
    return publisherIdentity;
  }

  @Override
  public boolean isPublished() {
    Lease lease;
    try {
      lease = lease("isPublished");
    } catch (DataTrackException e) {
      return false;
    }
    try (lease) {
      return room.ffi().request(FfiRequest.newBuilder().setRemoteDataTrackIsPublished(
          RemoteDataTrackIsPublishedRequest.newBuilder().setTrackHandle(lease.id())).build())
          .getRemoteDataTrackIsPublished().getIsPublished();
    }
  }

  @Override
  public Flux<DataTrackFrame> subscribe(DataTrackSubscribeOptions options) {
    Objects.requireNonNull(options, "options");
    // The dispatcher thread emits frames (and the subscribing thread an immediate failure); the
    // subscriber's thread is the room's scheduler. Prefetch 1: one frame waits there at most.
    return Flux.<DataTrackFrame>create(sink -> DataTrackSubscription.open(this, options, sink))
        .publishOn(room.options().scheduler(), 1);
  }

  @Override
  public Mono<Void> setMaxPartialFrames(int frames) {
    if (frames < 1) {
      throw new IllegalArgumentException("max partial frames is at least 1: " + frames);
    }
    return Mono.<Void>fromRunnable(() -> setMaxPartialFramesNow(frames)).publishOn(room.options().scheduler());
  }

  void setMaxPartialFramesNow(int frames) {
    try (Lease lease = lease("setMaxPartialFrames")) {
      room.ffi().request(FfiRequest.newBuilder().setRemoteDataTrackSetPipelineOptions(
          RemoteDataTrackSetPipelineOptionsRequest.newBuilder().setTrackHandle(lease.id())
              .setOptions(RemoteDataTrackPipelineOptions.newBuilder().setMaxPartialFrames(frames))).build());
    }
  }

  DefaultRoom room() {
    return room;
  }

  /**
   * Leases the room's handle of this track.
   *
   * @throws RoomClosedException if the room is closed or disconnecting
   * @throws DataTrackException if the track is not published any more
   */
  Lease lease(String operation) {
    try {
      return handle(operation).lease();
    } catch (HandleClosedException e) {
      throw unpublished(operation);
    }
  }

  /**
   * The room's handle of this track, which it closes when the track is unpublished, its
   * publisher leaves or the room closes.
   *
   * @throws RoomClosedException if the room is closed or disconnecting
   * @throws DataTrackException if the track is not published any more
   */
  OwnedHandle handle(String operation) {
    if (!room.isOpen()) {
      throw new RoomClosedException(operation + " of data track '" + info.name() + "' refused: room '"
          + room.name() + "' is closed or disconnecting");
    }
    return room.resources().dataTrack(info.sid()).orElseThrow(() -> unpublished(operation));
  }

  private DataTrackException unpublished(String operation) {
    return new DataTrackException(DataTrackException.Reason.UNPUBLISHED, operation + " refused: data track '"
        + info.name() + "' (" + info.sid() + ") of '" + publisherIdentity + "' is no longer published in room '"
        + room.name() + "'");
  }

  @Override
  public String toString() {
    return "RemoteDataTrack[" + publisherIdentity + "/" + info.name() + ", " + info.sid() + "]";
  }
}
