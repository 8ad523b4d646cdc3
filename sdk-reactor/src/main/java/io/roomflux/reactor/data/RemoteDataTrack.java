package io.roomflux.reactor.data;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A data track a remote participant published: what {@link io.roomflux.reactor.Room#remoteDataTrack}
 * returns for the sid of a {@link io.roomflux.reactor.RoomEvent.DataTrackPublished} event. It is a
 * view: the room owns the native handle, from that event until
 * {@link io.roomflux.reactor.RoomEvent.DataTrackUnpublished}, the publisher's departure or the
 * room's close; after that its operations fail or return false. Thread-safe.
 */
public interface RemoteDataTrack {
  /**
   * The track's description.
   *
   * @return the description
   */
  DataTrackInfo info();

  /**
   * The participant that published it.
   *
   * @return the publisher's identity
   */
  String publisherIdentity();

  /**
   * Whether the track is still published. Runs on the calling thread.
   *
   * @return false once its publisher unpublished it or left, or the room closed
   */
  boolean isPublished();

  /**
   * Subscribes with the core's defaults; see {@link #subscribe(DataTrackSubscribeOptions)}.
   *
   * @return the frames
   */
  default Flux<DataTrackFrame> subscribe() {
    return subscribe(DataTrackSubscribeOptions.defaults());
  }

  /**
   * The track's frames, in the order they were pushed. Cold: each subscription opens a
   * subscription of its own in the core, and cancelling closes it.
   *
   * <p>Backpressure: the core delivers a frame only when RoomFlux asks for one, and RoomFlux asks
   * only while the subscriber has demand, one frame at a time; frames wait in the core's buffer
   * ({@link DataTrackSubscribeOptions#withBufferSize}), which drops its oldest frame when full.
   * Frames are delivered on the room's scheduler.
   *
   * <p>Completes when the track is unpublished, its publisher leaves, or the room closes
   * normally; fails with {@link DataTrackException} ({@link DataTrackException.Reason#UNPUBLISHED}
   * if the track is not published any more at subscription,
   * {@link DataTrackException.Reason#SUBSCRIPTION_FAILED} if the core could not subscribe), with
   * {@link io.roomflux.reactor.RoomClosedException} if the room is closed at subscription, or
   * with the core's panic.
   *
   * @param options the buffer size and pipeline options
   * @return the frames
   */
  Flux<DataTrackFrame> subscribe(DataTrackSubscribeOptions options);

  /**
   * Sets how many frames the core reassembles from packets at the same time, for every current
   * and future subscription of this track; it applies from the next packet. More gives tolerance
   * to packets of different frames arriving interleaved (a fast sender of large frames), at the
   * cost of buffering.
   *
   * @param frames 1 or more (the core's default is 1)
   * @return completes on the room's scheduler once applied; fails with {@link DataTrackException}
   *     ({@link DataTrackException.Reason#UNPUBLISHED}) once the track is gone, or
   *     {@link io.roomflux.reactor.RoomClosedException}
   * @throws IllegalArgumentException if {@code frames} is less than 1
   */
  Mono<Void> setMaxPartialFrames(int frames);
}
