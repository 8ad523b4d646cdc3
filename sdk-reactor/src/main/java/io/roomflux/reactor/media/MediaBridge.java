package io.roomflux.reactor.media;

import io.roomflux.core.FfiClient;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.OwnedVideoBuffer;
import io.roomflux.reactor.media.internal.MediaAccess;
import java.time.Duration;

/** The implementation of {@link MediaAccess.Bridge}, installed when this class is initialized. */
final class MediaBridge implements MediaAccess.Bridge {
  static {
    MediaAccess.install(new MediaBridge());
  }

  private MediaBridge() {
  }

  @Override
  public OwnedHandle handle(AudioSource source) {
    return source.handle();
  }

  @Override
  public OwnedHandle handle(VideoSource source) {
    return source.handle();
  }

  @Override
  public OwnedHandle handle(LocalTrack track) {
    return track.handle();
  }

  @Override
  public AudioFrame takeAudioFrame(FfiClient ffi, OwnedAudioFrameBuffer buffer) {
    return AudioFrame.take(ffi, buffer);
  }

  @Override
  public VideoFrame takeVideoFrame(FfiClient ffi, OwnedVideoBuffer buffer, Duration timestamp,
                                   VideoRotation rotation) {
    // Received frames go to Java consumers: on the heap they are reclaimed by ordinary GC, and
    // no direct-memory reservation (which may wait for a GC) runs on the dispatcher thread.
    return VideoFrame.take(ffi, buffer, timestamp, rotation, false);
  }

  @Override
  public VideoRotation rotation(io.roomflux.proto.VideoRotation rotation) {
    return VideoRotation.of(rotation);
  }
}
