package io.roomflux.reactor.internal.media;

import io.roomflux.core.HandleKind;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.AudioFrameBufferInfo;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.OwnedVideoBuffer;
import io.roomflux.proto.VideoBufferInfo;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.VideoBufferType;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoFrame.Plane;
import io.roomflux.reactor.media.VideoRotation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames in native memory: how audio samples and video planes are described to the core (by
 * address, copied into an arena when they are on the heap), and how buffers the core hands over
 * become frames (copied, their handles dropped at once).
 */
public final class FrameCodec {
  private FrameCodec() {
  }

  /** Byte size of a frame's samples in native memory. */
  public static long byteSize(AudioFrame frame) {
    return frame.samples().remaining() * 2L;
  }

  /** Copies the samples into native memory from {@code arena}, aligned for i16. */
  public static MemorySegment toNative(AudioFrame frame, Arena arena) {
    MemorySegment segment = arena.allocate(Math.max(2, byteSize(frame)), 2);
    copyTo(frame, segment);
    return segment;
  }

  /** Copies the samples into the start of {@code segment}, which must be large enough. */
  public static void copyTo(AudioFrame frame, MemorySegment segment) {
    MemorySegment.copy(MemorySegment.ofBuffer(frame.samples()), 0, segment, 0, byteSize(frame));
  }

  /** Describes the samples at {@code address} for a request. */
  public static AudioFrameBufferInfo info(AudioFrame frame, long address) {
    return AudioFrameBufferInfo.newBuilder().setDataPtr(address).setNumChannels(frame.numChannels())
        .setSampleRate(frame.sampleRate()).setSamplesPerChannel(frame.samplesPerChannel()).build();
  }

  /** Reads {@code segment}'s samples back, e.g. after the core processed them in place. */
  public static AudioFrame fromNative(MemorySegment segment, int sampleRate, int numChannels) {
    return AudioFrame.wrap(segment.toArray(ValueLayout.JAVA_SHORT), sampleRate, numChannels);
  }

  /**
   * Copies a buffer the core handed over and drops its handle at once (also on failure), so the
   * frame never holds native memory.
   */
  public static AudioFrame take(Core ffi, OwnedAudioFrameBuffer buffer) {
    AudioFrameBufferInfo info = buffer.getInfo();
    short[] copy = ffi.takeAudioFrame(buffer);
    return AudioFrame.wrap(copy, info.getSampleRate(), info.getNumChannels());
  }

  /**
   * Describes the frame for a request. Planes on direct buffers are passed by address; heap
   * planes are copied into {@code arena}. The caller keeps the frame reachable until the core is
   * done with the memory (for the synchronous requests that use this: until they return).
   */
  public static VideoBufferInfo toNative(VideoFrame frame, Arena arena) {
    VideoBufferType type = frame.type();
    int width = frame.width();
    int height = frame.height();
    List<Plane> planes = frame.planes();
    VideoBufferInfo.Builder info = VideoBufferInfo.newBuilder().setType(MediaWire.toProto(type))
        .setWidth(width).setHeight(height);
    for (int p = 0; p < planes.size(); p++) {
      Plane plane = planes.get(p);
      // Exactly stride * rows: the core copies each component with a length check.
      int size = plane.stride() * type.rows(p, height);
      long address = address(plane.data().slice(0, size), arena);
      if (p == 0) {
        info.setDataPtr(address);
      }
      if (type.isPacked()) {
        // As the core describes packed buffers itself: data_ptr and stride, no components.
        info.setStride(plane.stride());
      } else {
        // The core counts I010 strides in 16-bit samples (and sizes in bytes).
        int stride = type == VideoBufferType.I010 ? plane.stride() / 2 : plane.stride();
        info.addComponents(VideoBufferInfo.ComponentInfo.newBuilder().setDataPtr(address)
            .setStride(stride).setSize(size));
      }
    }
    return info.build();
  }

  private static long address(ByteBuffer bytes, Arena arena) {
    if (bytes.isDirect()) {
      return MemorySegment.ofBuffer(bytes).address();
    }
    MemorySegment copy = arena.allocate(Math.max(1, bytes.remaining()), 8);
    copy.copyFrom(MemorySegment.ofBuffer(bytes));
    return copy.address();
  }

  /**
   * Copies a buffer the core handed over into one direct or heap buffer and drops its handle at
   * once (also on failure), so the frame never holds native memory.
   */
  public static VideoFrame take(Core ffi, OwnedVideoBuffer buffer, Duration timestamp, VideoRotation rotation,
                         boolean direct) {
    OwnedHandle owned = ffi.handles().own(buffer.getHandle().getId(), HandleKind.VIDEO_BUFFER);
    try {
      VideoBufferInfo info = buffer.getInfo();
      VideoBufferType type = MediaWire.videoBufferType(info.getType());
      int width = info.getWidth();
      int height = info.getHeight();
      int count = type.planeCount();
      long[] addresses = new long[count];
      int[] strides = new int[count];
      int[] sizes = new int[count];
      int total = 0;
      for (int p = 0; p < count; p++) {
        if (type.isPacked()) {
          addresses[p] = info.getDataPtr();
          strides[p] = info.hasStride() ? info.getStride() : type.rowBytes(p, width);
        } else {
          if (info.getComponentsCount() < count) {
            throw new OperationFailedException("read " + type + " buffer",
                "the core described " + info.getComponentsCount() + " of " + count + " planes");
          }
          addresses[p] = info.getComponents(p).getDataPtr();
          int stride = info.getComponents(p).getStride();
          strides[p] = type == VideoBufferType.I010 ? Math.multiplyExact(stride, 2) : stride;
        }
        // Computed, not the component's size field: the core overstates the NV12 UV plane twice.
        sizes[p] = Math.multiplyExact(strides[p], type.rows(p, height));
        total = Math.addExact(total, sizes[p]);
      }
      ByteBuffer copy = direct ? ByteBuffer.allocateDirect(total) : ByteBuffer.allocate(total);
      List<Plane> planes = new ArrayList<>(count);
      int offset = 0;
      for (int p = 0; p < count; p++) {
        ByteBuffer slice = copy.slice(offset, sizes[p]);
        ffi.copyNative(addresses[p], slice);
        planes.add(new Plane(slice, strides[p]));
        offset += sizes[p];
      }
      return VideoFrame.of(type, width, height, planes).withTimestamp(timestamp).withRotation(rotation);
    } finally {
      owned.close();
    }
  }
}
