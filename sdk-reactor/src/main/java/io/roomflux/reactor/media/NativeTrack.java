package io.roomflux.reactor.media;

import io.roomflux.core.FfiClient;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.LocalTrackMuteRequest;
import io.roomflux.proto.OwnedTrack;
import java.util.function.LongFunction;

/** What the two kinds of local track share: the native handle, the name and the mute state. */
final class NativeTrack {
  private final FfiClient ffi;
  private final String name;
  private final OwnedHandle handle;
  private volatile boolean muted;

  private NativeTrack(FfiClient ffi, String name, OwnedHandle handle) {
    this.ffi = ffi;
    this.name = name;
    this.handle = handle;
  }

  /**
   * Creates a track from a source: the source's handle is leased for the request, and the new
   * track's handle owned before anything else can fail.
   */
  static NativeTrack create(String what, OwnedHandle source, LongFunction<FfiRequest> request,
                            java.util.function.Function<io.roomflux.proto.FfiResponse, OwnedTrack> track) {
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
      return new NativeTrack(ffi, created.getInfo().getName(), owned);
    }
  }

  String name() {
    return name;
  }

  OwnedHandle handle() {
    return handle;
  }

  boolean isMuted() {
    return muted;
  }

  void setMuted(boolean mute) {
    Lease lease;
    try {
      lease = handle.lease();
    } catch (HandleClosedException e) {
      throw new HandleClosedException("setMuted refused: the track '" + name + "' is closed");
    }
    try (lease) {
      muted = ffi.request(FfiRequest.newBuilder().setLocalTrackMute(LocalTrackMuteRequest.newBuilder()
          .setTrackHandle(lease.id()).setMute(mute)).build()).getLocalTrackMute().getMuted();
    }
  }

  boolean isClosed() {
    return handle.isClosed();
  }

  void close() {
    handle.close();
  }
}
