package io.roomflux.reactor.internal.media;

import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.CaptureEncodedVideoFrameRequest;
import io.roomflux.proto.EncodedFrameType;
import io.roomflux.proto.EncodedVideoBufferInfo;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewVideoSourceRequest;
import io.roomflux.proto.TakeEncodedVideoSourceFeedbackRequest;
import io.roomflux.proto.VideoSourceResolution;
import io.roomflux.proto.VideoSourceType;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.media.EncodedVideoFrame;
import io.roomflux.reactor.media.EncodedVideoSource;
import io.roomflux.reactor.media.EncoderFeedback;
import io.roomflux.reactor.media.VideoCodec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The implementation of {@link EncodedVideoSource}: a {@code VIDEO_SOURCE_ENCODED} source of the core. */
public final class DefaultEncodedVideoSource implements EncodedVideoSource {
  private final Core ffi;
  private final int width;
  private final int height;
  private final VideoCodec codec;
  private final OwnedHandle handle;
  private final Flux<EncoderFeedback> feedback;

  private DefaultEncodedVideoSource(Core ffi, int width, int height, VideoCodec codec, OwnedHandle handle) {
    this.ffi = ffi;
    this.width = width;
    this.height = height;
    this.codec = codec;
    this.handle = handle;
    // One poller for all subscribers: each take empties the core's mailbox, so two pollers would
    // split the feedback between them. Ticks without demand are dropped: a poll is skipped, and
    // what it would have taken waits in the core (the key-frame flag stays set, the rate is latest-wins).
    this.feedback = Flux.interval(FEEDBACK_INTERVAL, Schedulers.parallel())
        .onBackpressureDrop()
        .<List<EncoderFeedback>>handle((tick, sink) -> poll().ifPresentOrElse(sink::next, sink::complete))
        .concatMapIterable(items -> items, 1)
        .publish()
        .refCount();
  }

  /**
   * Creates an encoded source. Synchronous, a short native call.
   *
   * @param ffi the core
   * @param width the width in pixels
   * @param height the height in pixels
   * @param codec the codec of every frame
   * @return the open source
   * @throws IllegalArgumentException if the resolution is not positive
   */
  public static EncodedVideoSource create(Core ffi, int width, int height, VideoCodec codec) {
    Objects.requireNonNull(codec, "codec");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resolution must be positive, was " + width + "x" + height);
    }
    long id = ffi.request(FfiRequest.newBuilder().setNewVideoSource(NewVideoSourceRequest.newBuilder()
            .setType(VideoSourceType.VIDEO_SOURCE_ENCODED)
            .setResolution(VideoSourceResolution.newBuilder().setWidth(width).setHeight(height)))
        .build()).getNewVideoSource().getSource().getHandle().getId();
    return new DefaultEncodedVideoSource(ffi, width, height, codec, ffi.handles().own(id, HandleKind.VIDEO_SOURCE));
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
  public VideoCodec codec() {
    return codec;
  }

  @Override
  public boolean captureFrame(EncodedVideoFrame frame) {
    Objects.requireNonNull(frame, "frame");
    if (frame.codec() != codec) {
      throw new IllegalArgumentException("a " + frame.codec() + " frame for a " + codec + " source");
    }
    ByteBuffer data = frame.data();
    int length = data.remaining();
    try (Lease lease = Leases.take(handle, "captureFrame", "the encoded video source"); Arena arena = Arena.ofConfined()) {
      MemorySegment bytes;
      if (data.isDirect()) {
        bytes = MemorySegment.ofBuffer(data);
      } else {
        bytes = arena.allocate(length);
        bytes.copyFrom(MemorySegment.ofBuffer(data));
      }
      CaptureEncodedVideoFrameRequest.Builder request = CaptureEncodedVideoFrameRequest.newBuilder()
          .setSourceHandle(lease.id())
          .setBuffer(EncodedVideoBufferInfo.newBuilder().setDataPtr(bytes.address()).setDataLen(length))
          .setCodec(MediaWire.toProto(frame.codec()))
          .setFrameType(frame.keyFrame() ? EncodedFrameType.ENCODED_FRAME_KEY : EncodedFrameType.ENCODED_FRAME_DELTA)
          .setWidth(frame.width())
          .setHeight(frame.height())
          .setTimestampUs(TimeUnit.MICROSECONDS.convert(frame.timestamp()));
      frame.metadata().ifPresent(m -> request.setMetadata(MediaWire.toProto(m)));
      return ffi.request(FfiRequest.newBuilder().setCaptureEncodedVideoFrame(request).build())
          .getCaptureEncodedVideoFrame().getAccepted();
    } finally {
      // A direct buffer is read in place: it must outlive the request.
      Reference.reachabilityFence(data);
    }
  }

  @Override
  public Mono<Long> capture(org.reactivestreams.Publisher<EncodedVideoFrame> frames) {
    Objects.requireNonNull(frames, "frames");
    return Paced.capture(frames, EncodedVideoFrame::timestamp, frame -> Mono.fromCallable(() -> captureFrame(frame)))
        .filter(accepted -> accepted).count();
  }

  @Override
  public Flux<EncoderFeedback> feedback() {
    return feedback;
  }

  /** Takes the core's feedback; empty once the source is closed. */
  private Optional<List<EncoderFeedback>> poll() {
    Lease lease;
    try {
      lease = handle.lease();
    } catch (HandleClosedException e) {
      return Optional.empty();
    }
    try (lease) {
      return Optional.of(MediaWire.feedback(ffi.request(FfiRequest.newBuilder()
          .setTakeEncodedVideoSourceFeedback(TakeEncodedVideoSourceFeedbackRequest.newBuilder()
              .setSourceHandle(lease.id())).build()).getTakeEncodedVideoSourceFeedback()));
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

  /** The native handle, for creating a track; use it under a lease. */
  public OwnedHandle handle() {
    return handle;
  }

  @Override
  public String toString() {
    return "EncodedVideoSource[" + codec + " " + width + "x" + height + (handle.isClosed() ? ", closed]" : "]");
  }
}
