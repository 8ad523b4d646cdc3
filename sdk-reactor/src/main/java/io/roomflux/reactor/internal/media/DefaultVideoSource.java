package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.media.VideoBufferType;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoRotation;
import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.internal.media.Leases;
import io.roomflux.reactor.internal.media.Released;
import io.roomflux.reactor.internal.core.Core;
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
   * Wraps a video source the core made for something else (a capture source), owning its handle.
   *
   * @param ffi the core
   * @param width the width in pixels
   * @param height the height in pixels
   * @param handle the source's handle, already owned
   * @return the source
   */
  public static DefaultVideoSource adopt(Core ffi, int width, int height, OwnedHandle handle) {
    return new DefaultVideoSource(ffi, width, height, false, handle);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public boolean isScreencast() {
    return screencast;
  }

  @Override
  public Mono<Void> capture(org.reactivestreams.Publisher<VideoFrame> frames) {
    Objects.requireNonNull(frames, "frames");
    return Paced.capture(frames, VideoFrame::timestamp,
        frame -> Mono.<Void>fromRunnable(() -> captureFrame(frame))).then();
  }

  @Override
  public void captureFrame(VideoFrame frame) {
    captureFrame(frame, frame.timestamp(), frame.rotation());
  }

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
      CaptureVideoFrameRequest.Builder request = CaptureVideoFrameRequest.newBuilder()
          .setSourceHandle(lease.id()).setBuffer(FrameCodec.toNative(frame, arena))
          .setTimestampUs(TimeUnit.MICROSECONDS.convert(timestamp)).setRotation(MediaWire.toProto(rotation));
      frame.metadata().ifPresent(m -> request.setMetadata(MediaWire.toProto(m)));
      ffi.request(FfiRequest.newBuilder().setCaptureVideoFrame(request).build());
    } finally {
      // A direct-buffer frame is read in place: it must outlive the request.
      Reference.reachabilityFence(frame);
    }
  }

  @Override
  public boolean isClosed() {
    return handle.isClosed();
  }

  @Override
  public void close() {
    handle.close();
  }

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
