package io.roomflux.reactor.media.internal;

import io.roomflux.core.FfiClient;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.OwnedVideoBuffer;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.LocalTrack;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoRotation;
import io.roomflux.reactor.media.VideoSource;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Gives the room code what the media package keeps package-private: the native handles
 * of sources (to create tracks from them, under a lease) and the conversion of buffers the core
 * hands over into frames (copied, their handles dropped at once). The media package installs
 * the implementation when it is first used.
 */
public final class MediaAccess {
  private static final String IMPLEMENTATION = "io.roomflux.reactor.media.MediaBridge";
  private static volatile @Nullable Bridge bridge;

  private MediaAccess() {
  }

  /** What the media package offers other RoomFlux packages. */
  public interface Bridge {
    /**
     * The source's native handle; lease it for the request that names it.
     *
     * @param source an audio source
     * @return its handle
     */
    OwnedHandle handle(AudioSource source);

    /**
     * The source's native handle; lease it for the request that names it.
     *
     * @param source a video source
     * @return its handle
     */
    OwnedHandle handle(VideoSource source);

    /**
     * The local track's native handle; lease it for the request that names it.
     *
     * @param track a local track
     * @return its handle
     */
    OwnedHandle handle(LocalTrack track);

    /**
     * Copies a received audio buffer into a frame and drops its handle, also on failure.
     *
     * @param ffi the core client
     * @param buffer the buffer from an event
     * @return the frame
     */
    AudioFrame takeAudioFrame(FfiClient ffi, OwnedAudioFrameBuffer buffer);

    /**
     * Copies a received video buffer into a frame on the Java heap and drops its handle, also
     * on failure.
     *
     * @param ffi the core client
     * @param buffer the buffer from an event
     * @param timestamp the frame's timestamp
     * @param rotation the frame's rotation
     * @return the frame
     */
    VideoFrame takeVideoFrame(FfiClient ffi, OwnedVideoBuffer buffer, Duration timestamp, VideoRotation rotation);

    /**
     * Maps the protocol's rotation.
     *
     * @param rotation as the core sent it
     * @return ours
     */
    VideoRotation rotation(io.roomflux.proto.VideoRotation rotation);
  }

  /**
   * Installs the media package's implementation; the first call wins.
   *
   * @param implementation the bridge
   * @throws IllegalStateException if one is installed already
   */
  public static void install(Bridge implementation) {
    synchronized (MediaAccess.class) {
      if (bridge != null) {
        throw new IllegalStateException("the media bridge is installed already");
      }
      bridge = implementation;
    }
  }

  /**
   * The media package's implementation, loading it if needed.
   *
   * @return the bridge
   */
  public static Bridge get() {
    Bridge b = bridge;
    if (b == null) {
      try {
        Class.forName(IMPLEMENTATION, true, MediaAccess.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("the media package is missing", e);
      }
      b = bridge;
      if (b == null) {
        throw new IllegalStateException("the media package did not install its bridge");
      }
    }
    return b;
  }
}
