package io.roomflux.core;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.roomflux.core.internal.NativeCore;
import io.roomflux.proto.AudioFrameBufferInfo;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.OwnedBuffer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Copies out of the core's memory into the heap, and the takes that drop a handed-over handle
 * right after copying it (also when the copy fails). Refuses raw copies once shutdown began: the
 * core's memory is about to go. Thread-safe: holds no state of its own.
 */
final class Buffers {
  private final HandleRegistry handles;
  private final NativeCore core;
  private final BooleanSupplier closing;

  /**
   * @param handles owns what the core hands over
   * @param core copies native memory
   * @param closing whether shutdown began
   */
  Buffers(HandleRegistry handles, NativeCore core, BooleanSupplier closing) {
    this.handles = handles;
    this.core = core;
    this.closing = closing;
  }

  /** See {@link FfiClient#takeBuffer}. */
  byte[] takeBuffer(OwnedBuffer buffer) {
    try {
      return core.copy(buffer.getData().getDataPtr(), buffer.getData().getDataLen());
    } finally {
      handles.dropNow(buffer.getHandle().getId(), HandleKind.OTHER);
    }
  }

  /** See {@link FfiClient#takeAudioFrame}. */
  short[] takeAudioFrame(OwnedAudioFrameBuffer buffer) {
    AudioFrameBufferInfo info = buffer.getInfo();
    return takeAudioFrame(buffer.getHandle().getId(), info.getDataPtr(), info.getNumChannels(),
        info.getSamplesPerChannel());
  }

  /** The same from the buffer's fields, as {@link EventIntake} reads them straight from an event. */
  short[] takeAudioFrame(long handle, long dataPtr, int numChannels, int samplesPerChannel) {
    try {
      return copyNativeShorts(dataPtr, Math.multiplyExact(numChannels, samplesPerChannel));
    } finally {
      handles.dropNow(handle, HandleKind.AUDIO_FRAME_BUFFER);
    }
  }

  /** See {@link FfiClient#copyNativeShorts}. */
  short[] copyNativeShorts(long address, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("negative sample count " + count);
    }
    if (count > 0 && address == 0) {
      throw new IllegalArgumentException("null address for " + count + " samples");
    }
    ensureOpen();
    return core.copyShorts(address, count);
  }

  /** See {@link FfiClient#copyNative}. */
  void copyNative(long address, ByteBuffer destination) {
    if (destination.isReadOnly()) {
      throw new IllegalArgumentException("destination is read-only");
    }
    if (destination.hasRemaining() && address == 0) {
      throw new IllegalArgumentException("null address for " + destination.remaining() + " bytes");
    }
    ensureOpen();
    core.copyInto(address, destination);
  }

  /** See {@link FfiClient#releaseAll}. */
  int releaseAll(Message message) {
    return releaseAll(handles, message);
  }

  /**
   * Takes ownership of every {@code FfiOwnedHandle} inside a message, at any depth, and drops it.
   *
   * @return how many handles were released
   */
  static int releaseAll(HandleRegistry handles, Message message) {
    int released = 0;
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
      for (Object value : values) {
        if (value instanceof FfiOwnedHandle owned) {
          handles.dropNow(owned.getId(), HandleKind.OTHER);
          released++;
        } else if (value instanceof Message nested) {
          released += releaseAll(handles, nested);
        }
      }
    }
    return released;
  }

  private void ensureOpen() {
    if (closing.getAsBoolean()) {
      throw new FfiClosedException("the livekit-ffi core was disposed; its buffers are gone");
    }
  }
}
