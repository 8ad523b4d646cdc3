package io.roomflux.reactor.media;

import io.roomflux.core.FfiClient;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.CaptureVideoFrameRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewVideoSourceRequest;
import io.roomflux.proto.VideoSourceResolution;
import io.roomflux.proto.VideoSourceType;
import java.lang.foreign.Arena;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Where local video frames are pushed, to be published as a track: a native (raw-frame) video
 * source of the core. WebRTC converts each frame to I420, and may drop or scale frames to meet
 * its bandwidth; pacing is up to the producer.
 *
 * <p>Thread-safe. {@link #close()} releases the native source once no capture is running.
 */
public final class VideoSource implements AutoCloseable {
  private final FfiClient ffi;
  private final int width;
  private final int height;
  private final boolean screencast;
  private final OwnedHandle handle;

  private VideoSource(FfiClient ffi, int width, int height, boolean screencast, OwnedHandle handle) {
    this.ffi = ffi;
    this.width = width;
    this.height = height;
    this.screencast = screencast;
    this.handle = handle;
  }

  /**
   * Creates a source for frames of about this resolution (WebRTC chooses encodings and simulcast
   * layers from it). Synchronous, a short native call.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @return the open source; close it when done
   * @throws IllegalArgumentException if the resolution is not positive
   * @throws io.roomflux.core.FfiRequestException if the core refused to create it
   */
  public static VideoSource create(int width, int height) {
    return create(width, height, false);
  }

  /**
   * Creates a source, optionally tuned for screen content.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param screencast whether the frames show a screen (favours sharpness over frame rate)
   * @return the open source; close it when done
   * @throws IllegalArgumentException if the resolution is not positive
   * @throws io.roomflux.core.FfiRequestException if the core refused to create it
   */
  public static VideoSource create(int width, int height, boolean screencast) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resolution must be positive, was " + width + "x" + height);
    }
    FfiClient ffi = FfiClient.get();
    long id = ffi.request(FfiRequest.newBuilder().setNewVideoSource(NewVideoSourceRequest.newBuilder()
            .setType(VideoSourceType.VIDEO_SOURCE_NATIVE)
            .setResolution(VideoSourceResolution.newBuilder().setWidth(width).setHeight(height))
            .setIsScreencast(screencast))
        .build()).getNewVideoSource().getSource().getHandle().getId();
    return new VideoSource(ffi, width, height, screencast, ffi.handles().own(id, HandleKind.VIDEO_SOURCE));
  }

  /**
   * The width the source was created with.
   *
   * @return pixels
   */
  public int width() {
    return width;
  }

  /**
   * The height the source was created with.
   *
   * @return pixels
   */
  public int height() {
    return height;
  }

  /**
   * Whether the source is tuned for screen content.
   *
   * @return true for a screencast source
   */
  public boolean isScreencast() {
    return screencast;
  }

  /**
   * Pushes a frame with its own {@link VideoFrame#timestamp()} and {@link VideoFrame#rotation()};
   * see {@link #captureFrame(VideoFrame, Duration, VideoRotation)}.
   *
   * @param frame the frame, of any layout but {@link VideoBufferType#I010}
   * @throws IllegalArgumentException for an I010 frame
   * @throws HandleClosedException if the source is closed
   * @throws io.roomflux.core.FfiRequestException if the core refused the frame
   */
  public void captureFrame(VideoFrame frame) {
    captureFrame(frame, frame.timestamp(), frame.rotation());
  }

  /**
   * Pushes a frame. Synchronous: the core has copied (and converted) the pixels when this
   * returns, so the frame's buffers may be reused then. A short native call that may run on any
   * thread; a direct-buffer frame is read in place, a heap frame copied to native memory first.
   *
   * @param frame the frame, of any layout but {@link VideoBufferType#I010}
   * @param timestamp when it was captured, in microseconds precision
   * @param rotation how receivers should rotate it for display
   * @throws IllegalArgumentException for an I010 frame
   * @throws HandleClosedException if the source is closed
   * @throws io.roomflux.core.FfiRequestException if the core refused the frame
   */
  public void captureFrame(VideoFrame frame, Duration timestamp, VideoRotation rotation) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(rotation, "rotation");
    if (frame.type() == VideoBufferType.I010) {
      // livekit-ffi 0.13.2 sizes the I010 copy inconsistently (it would abort the process or
      // garble the picture), so the source refuses I010 rather than guessing.
      throw new IllegalArgumentException("the core cannot capture I010 frames; convert them to I420 first");
    }
    try (Lease lease = Leases.take(handle, "captureFrame", "the video source"); Arena arena = Arena.ofConfined()) {
      ffi.request(FfiRequest.newBuilder().setCaptureVideoFrame(CaptureVideoFrameRequest.newBuilder()
          .setSourceHandle(lease.id()).setBuffer(frame.toNative(arena))
          .setTimestampUs(TimeUnit.MICROSECONDS.convert(timestamp)).setRotation(rotation.toProto()))
          .build());
    } finally {
      // A direct-buffer frame is read in place: it must outlive the request.
      Reference.reachabilityFence(frame);
    }
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return handle.isClosed();
  }

  /**
   * Refuses new captures and releases the native source once no capture is running.
   * Idempotent, never blocks.
   */
  @Override
  public void close() {
    handle.close();
  }

  /**
   * Closes the source on subscription (as {@link #close()}), and completes once the native
   * source was released (on {@link Schedulers#parallel()}).
   *
   * @return a mono that closes the source and completes when it was released
   */
  public Mono<Void> closeLater() {
    return Released.closeLater(this::close, handle, Schedulers.parallel());
  }

  /** The native handle, for publishing the source as a track; use it under a lease. */
  OwnedHandle handle() {
    return handle;
  }

  @Override
  public String toString() {
    return "VideoSource[" + width + "x" + height + (screencast ? ", screencast" : "")
        + (handle.isClosed() ? ", closed]" : "]");
  }
}
