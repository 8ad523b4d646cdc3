package io.roomflux.reactor.internal.room;

import io.roomflux.proto.FfiRequest;

/** Builds a room operation's request from the leased handle id and the registered async id. */
@FunctionalInterface
public interface RoomRequest {
  /**
   * The request.
   *
   * @param handleId the id of the handle the operation leased
   * @param asyncId the {@code request_async_id} registered for its callback
   * @return the request
   */
  FfiRequest build(long handleId, long asyncId);
}
