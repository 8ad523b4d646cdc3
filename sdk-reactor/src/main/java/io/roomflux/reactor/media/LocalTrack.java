package io.roomflux.reactor.media;

import io.roomflux.reactor.participant.TrackKind;
import reactor.core.publisher.Mono;

/**
 * A local audio or video track: media from a source, ready to be published with
 * {@link io.roomflux.reactor.participant.LocalParticipant#publishTrack}. Owns a native handle.
 *
 * <p><b>Lifecycle.</b> Create it from a source, publish it (in one room at a time), unpublish
 * it, and {@link #close()} it. Closing a published track does not unpublish it: the room keeps
 * sending its media until it is unpublished or the room is left, but the track can no longer be
 * muted or published again. The track keeps its source reachable; closing the track does not
 * close the source.
 *
 * <p>Thread-safe; the methods are short native calls that may run on any thread.
 */
public sealed interface LocalTrack extends AutoCloseable
    permits LocalAudioTrack, LocalVideoTrack, LocalEncodedVideoTrack {
  /**
   * The name given at creation, which receivers see.
   *
   * @return the name
   */
  String name();

  /**
   * Audio or video.
   *
   * @return the kind
   */
  TrackKind kind();

  /**
   * Whether the track is muted, as last set by {@link #setMuted} (tracks start unmuted).
   *
   * @return true if muted
   */
  boolean isMuted();

  /**
   * Mutes or unmutes the track: a muted track stops sending media,
   * and, while published, receivers are told ({@link io.roomflux.reactor.RoomEvent.TrackMuted}).
   * Synchronous, a short native call.
   *
   * @param mute whether to mute
   * @throws io.roomflux.reactor.ResourceClosedException if the track is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the request
   */
  void setMuted(boolean mute);

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Releases the native track once no operation uses it any more (a publish in flight keeps it
   * until its outcome). Idempotent, never blocks.
   */
  @Override
  void close();

  /**
   * Closes the track on subscription, and completes once its native handle was given back to
   * the core (on {@link reactor.core.scheduler.Schedulers#parallel()}).
   *
   * @return a mono that closes the track and completes when it was released
   */
  Mono<Void> closeLater();

  /**
   * Asks the core for this track's WebRTC statistics: what it sends, once published. Cold: each
   * subscription asks anew; the result is published on {@code Schedulers.parallel()}.
   *
   * @return the track's statistics (all zero before it is published); fails with
   *     {@code ResourceClosedException} once the track is closed
   */
  Mono<TrackStats> stats();
}
