package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.media.VideoBufferType;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoRotation;
import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.reactor.internal.media.Leases;
import io.roomflux.reactor.internal.media.Released;
import io.roomflux.reactor.internal.core.Core;
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
import io.roomflux.reactor.media.VideoSource;

/** The implementation of {@link VideoSource}. */
public final class DefaultVideoSource implements VideoSource, AutoCloseable {
  private final Core ffi;
  private final int width;
  private final int height;
  private final boolean screencast;
  private final OwnedHandle handle;

  private DefaultVideoSource(Core ffi, int width, int height, boolean screencast, OwnedHandle handle) {
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
   * @throws io.roomflux.reactor.OperationFailedException if the core refused to create it
   */
  public static VideoSource create(Core ffi, int width, int height) {
    return create(ffi, width, height, false);
  }

  /**
   * Creates a source, optionally tuned for screen content.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param screencast whether the frames show a screen (favours sharpness over frame rate)
   * @return the open source; close it when done
   * @throws IllegalArgumentException if the resolution is not positive
   * @throws io.roomflux.reactor.OperationFailedException if the core refused to create it
   */
  public static VideoSource create(Core ffi, int width, int height, boolean screencast) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resolution must be positive, was " + width + "x" + height);
    }
    long id = ffi.request(FfiRequest.newBuilder().setNewVideoSource(NewVideoSourceRequest.newBuilder()
            .setType(VideoSourceType.VIDEO_SOURCE_NATIVE)
            .setResolution(VideoSourceResolution.newBuilder().setWidth(width).setHeight(height))
            .setIsScreencast(screencast))
        .build()).getNewVideoSource().getSource().getHandle().getId();
    return new DefaultVideoSource(ffi, width, height, screencast, ffi.handles().own(id, HandleKind.VIDEO_SOURCE));
  }

  /**
   * The width the source was created with.
   *
   * @return pixels
   */
  @Override
  public int width() {
    return width;
  }

  /**
   * The height the source was created with.
   *
   * @return pixels
   */
  @Override
  public int height() {
    return height;
  }

  /**
   * Whether the source is tuned for screen content.
   *
   * @return true for a screencast source
   */
  @Override
  public boolean isScreencast() {
    return screencast;
  }

  /**
   * Pushes a frame with its own {@link VideoFrame#timestamp()} and {@link VideoFrame#rotation()};
   * see {@link #captureFrame(VideoFrame, Duration, VideoRotation)}.
   *
   * @param frame the frame, of any layout but {@link VideoBufferType#I010}
   * @throws IllegalArgumentException for an I010 frame
   * @throws ResourceClosedException if the source is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the frame
   */
  @Override
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
   * @throws ResourceClosedException if the source is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the frame
   */
  @Override
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
          .setSourceHandle(lease.id()).setBuffer(FrameCodec.toNative(frame, arena))
          .setTimestampUs(TimeUnit.MICROSECONDS.convert(timestamp)).setRotation(MediaWire.toProto(rotation)))
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
  @Override
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
  @Override
  public Mono<Void> closeLater() {
    return Released.closeLater(this::close, handle, Schedulers.parallel());
  }

  /** The native handle, for publishing the source as a track; use it under a lease. */
  public OwnedHandle handle() {
    return handle;
  }

  @Override
  public String toString() {
    return "VideoSource[" + width + "x" + height + (screencast ? ", screencast" : "")
        + (handle.isClosed() ? ", closed]" : "]");
  }
}
