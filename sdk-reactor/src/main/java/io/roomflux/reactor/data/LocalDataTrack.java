package io.roomflux.reactor.data;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A data track the local participant published
 * ({@link io.roomflux.reactor.participant.LocalParticipant#publishDataTrack}): frames pushed into
 * it reach every remote participant subscribed to it, in order, as
 * {@link RemoteDataTrack#subscribe()} delivers them. Frames pushed while nobody is subscribed
 * are not kept.
 *
 * <p>Thread-safe; no method blocks. It holds a native handle until {@link #unpublish()} or the
 * room's close releases it.
 */
public interface LocalDataTrack {
  /**
   * What the server assigned and the publisher declared.
   *
   * @return the track's description
   */
  DataTrackInfo info();

  /**
   * Hands one frame to the core for sending, without waiting. The frame is dropped, and this
   * returns {@code false}, when the core's send queue is full (frames pushed faster than the
   * network takes them): a real-time sender skips it, a sender that must not lose frames pushes
   * it again later. Runs on the calling thread.
   *
   * @param frame the frame
   * @return true if the core queued it, false if its queue was full and the frame was dropped
   * @throws DataTrackException with {@link DataTrackException.Reason#UNPUBLISHED} once the track
   *     is unpublished (by {@link #unpublish()}, by the server, or because the room closed), and
   *     with {@link DataTrackException.Reason#OTHER} for any other refusal of the core
   */
  boolean tryPush(DataTrackFrame frame);

  /**
   * Pushes every frame of {@code frames} with {@link #tryPush} as it arrives, on the thread that
   * emits it, at the pace the publisher sets (RoomFlux requests without bound: pace the source,
   * for example with {@code Flux.interval}). A frame the core's full queue refuses is dropped
   * and the rest go on. Cold: each subscription subscribes to {@code frames} anew; cancelling
   * cancels it.
   *
   * @param frames the frames
   * @return the number of frames the core queued, once {@code frames} completes; fails with
   *     {@link DataTrackException} ({@link DataTrackException.Reason#UNPUBLISHED}) when the track
   *     is unpublished meanwhile (cancelling {@code frames}), or with the error of {@code frames}
   */
  Mono<Long> push(Publisher<DataTrackFrame> frames);

  /**
   * Whether the track is still published. Runs on the calling thread.
   *
   * @return false once unpublished (by {@link #unpublish()}, by the server, or because the room
   *     closed)
   */
  boolean isPublished();

  /**
   * Unpublishes the track, and releases its native handle: subscribers' streams of it complete.
   * Idempotent; a track whose room closed is already unpublished and completes at once.
   *
   * @return completes on the room's scheduler once the core was told; never fails for a track
   *     that is already unpublished
   */
  Mono<Void> unpublish();
}
