package io.roomflux.reactor.media;

import io.roomflux.core.FfiClient;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.LocalTrackMuteRequest;
import io.roomflux.proto.OwnedTrack;
import io.roomflux.reactor.TrackKind;
import java.util.function.Function;
import java.util.function.LongFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A local audio or video track: media from a source, ready to be published with
 * {@link io.roomflux.reactor.LocalParticipant#publishTrack}. Owns a native handle.
 *
 * <p><b>Lifecycle.</b> Create it from a source, publish it (in one room at a time), unpublish
 * it, and {@link #close()} it. Closing a published track does not unpublish it: the room keeps
 * sending its media until it is unpublished or the room is left, but the track can no longer be
 * muted or published again. The track keeps its source reachable; closing the track does not
 * close the source.
 *
 * <p>Thread-safe; the methods are short native calls that may run on any thread.
 */
public abstract sealed class LocalTrack implements AutoCloseable permits LocalAudioTrack, LocalVideoTrack {
  private final FfiClient ffi;
  private final String name;
  private final OwnedHandle handle;
  private volatile boolean muted;

  LocalTrack(Created created) {
    this.ffi = created.ffi();
    this.name = created.name();
    this.handle = created.handle();
  }

  /** A new native track, its handle owned before anything else can fail. */
  record Created(FfiClient ffi, String name, OwnedHandle handle) {
  }

  /**
   * Creates a native track from a source: the source's handle is leased for the request.
   *
   * @param what "audio" or "video", for the error message
   */
  static Created create(String what, OwnedHandle source, LongFunction<FfiRequest> request,
                        Function<FfiResponse, OwnedTrack> track) {
    FfiClient ffi = FfiClient.get();
    Lease lease;
    try {
      lease = source.lease();
    } catch (HandleClosedException e) {
      throw new HandleClosedException("cannot create a " + what + " track: its source is closed");
    }
    try (lease) {
      OwnedTrack created = track.apply(ffi.request(request.apply(lease.id())));
      OwnedHandle owned = ffi.handles().own(created.getHandle().getId(), HandleKind.TRACK);
      return new Created(ffi, created.getInfo().getName(), owned);
    }
  }

  /**
   * The name given at creation, which receivers see.
   *
   * @return the name
   */
  public final String name() {
    return name;
  }

  /**
   * Audio or video.
   *
   * @return the kind
   */
  public abstract TrackKind kind();

  /**
   * Whether the track is muted, as last set by {@link #setMuted} (tracks start unmuted).
   *
   * @return true if muted
   */
  public final boolean isMuted() {
    return muted;
  }

  /**
   * Mutes or unmutes the track: a muted track stops sending media,
   * and, while published, receivers are told ({@link io.roomflux.reactor.RoomEvent.TrackMuted}).
   * Synchronous, a short native call.
   *
   * @param mute whether to mute
   * @throws io.roomflux.core.HandleClosedException if the track is closed
   * @throws io.roomflux.core.FfiRequestException if the core refused the request
   */
  public final void setMuted(boolean mute) {
    try (Lease lease = Leases.take(handle, "setMuted", "the track '" + name + "'")) {
      muted = ffi.request(FfiRequest.newBuilder().setLocalTrackMute(LocalTrackMuteRequest.newBuilder()
          .setTrackHandle(lease.id()).setMute(mute)).build()).getLocalTrackMute().getMuted();
    }
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public final boolean isClosed() {
    return handle.isClosed();
  }

  /**
   * Releases the native track once no operation uses it any more (a publish in flight keeps it
   * until its outcome). Idempotent, never blocks.
   */
  @Override
  public final void close() {
    handle.close();
  }

  /**
   * Closes the track on subscription, and completes once its native handle was given back to
   * the core (on {@link Schedulers#parallel()}).
   *
   * @return a mono that closes the track and completes when it was released
   */
  public final Mono<Void> closeLater() {
    return Released.closeLater(this::close, handle, Schedulers.parallel());
  }

  final OwnedHandle handle() {
    return handle;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + (isClosed() ? ", closed]" : "]");
  }
}
