package io.roomflux.core;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.roomflux.proto.AudioFrameBufferInfo;
import io.roomflux.proto.AudioFrameReceived;
import io.roomflux.proto.AudioStreamEvent;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the core's callback puts each event (on the core's thread, inside the upcall): audio
 * stream events are handled right there; every other event goes to the dispatcher thread.
 *
 * <p>An audio stream delivers a frame every 10 ms, and in a process that only receives audio,
 * the per-frame path is most of what the JVM does. So a {@code FrameReceived} event is read with
 * protobuf's {@link CodedInputStream} field by field (five numbers; no message objects, builders
 * or {@code isInitialized} walks), and when the stream's listener
 * {@linkplain FfiEventListener#takesAudioFrames() takes samples}, the samples are copied and the
 * buffer dropped here and handed to {@link FfiEventListener#onAudioFrame}. Anything else about
 * an audio stream (its end, a frame without such a listener or for no route, an event this
 * reader does not expect) is decoded in full and routed on this thread. Handling them here saves
 * the dispatcher's wake-up per frame. It is safe: the core releases its locks before it calls
 * back, emits one stream's events from one task (so they stay in order), and the listener only
 * copies and enqueues. The event is recognised by its first byte: an {@code FfiEvent} holds
 * exactly one field of its {@code message} oneof, so its encoding starts with that field's tag.
 *
 * <p>Never throws: what goes wrong is logged, as the dispatcher does.
 */
final class EventIntake implements Consumer<byte[]> {
  private static final Logger log = LoggerFactory.getLogger(EventIntake.class);
  private static final int LEN = WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int VARINT = WireFormat.WIRETYPE_VARINT;
  // The tag of FfiEvent.audio_stream_event, one byte.
  private static final byte AUDIO_STREAM_TAG = (byte) tag(FfiEvent.AUDIO_STREAM_EVENT_FIELD_NUMBER, LEN);
  private static final int STREAM_HANDLE = tag(AudioStreamEvent.STREAM_HANDLE_FIELD_NUMBER, VARINT);
  private static final int FRAME_RECEIVED = tag(AudioStreamEvent.FRAME_RECEIVED_FIELD_NUMBER, LEN);
  private static final int FRAME = tag(AudioFrameReceived.FRAME_FIELD_NUMBER, LEN);
  private static final int HANDLE = tag(OwnedAudioFrameBuffer.HANDLE_FIELD_NUMBER, LEN);
  private static final int INFO = tag(OwnedAudioFrameBuffer.INFO_FIELD_NUMBER, LEN);
  private static final int HANDLE_ID = tag(FfiOwnedHandle.ID_FIELD_NUMBER, VARINT);
  private static final int DATA_PTR = tag(AudioFrameBufferInfo.DATA_PTR_FIELD_NUMBER, VARINT);
  private static final int NUM_CHANNELS = tag(AudioFrameBufferInfo.NUM_CHANNELS_FIELD_NUMBER, VARINT);
  private static final int SAMPLE_RATE = tag(AudioFrameBufferInfo.SAMPLE_RATE_FIELD_NUMBER, VARINT);
  private static final int SAMPLES_PER_CHANNEL = tag(AudioFrameBufferInfo.SAMPLES_PER_CHANNEL_FIELD_NUMBER, VARINT);

  /** Copies an audio frame buffer's samples and drops its handle, also when the copy fails. */
  @FunctionalInterface
  interface AudioFrameTaker {
    short[] take(long handle, long dataPtr, int numChannels, int samplesPerChannel);
  }

  private final Consumer<byte[]> dispatcher;
  private final Consumer<FfiEvent> router;
  private final LongFunction<@Nullable FfiEventListener> listeners;
  private final AudioFrameTaker frames;

  /**
   * @param dispatcher enqueues an event for the dispatcher thread
   * @param router routes a decoded event
   * @param listeners the listener routed for a handle, or null
   * @param frames copies an audio frame out of the core and drops its buffer
   */
  EventIntake(Consumer<byte[]> dispatcher, Consumer<FfiEvent> router,
              LongFunction<@Nullable FfiEventListener> listeners, AudioFrameTaker frames) {
    this.dispatcher = dispatcher;
    this.router = router;
    this.listeners = listeners;
    this.frames = frames;
  }

  /** A frame as {@code FrameReceived} describes it. */
  record Frame(long stream, long buffer, long dataPtr, int numChannels, int sampleRate, int samplesPerChannel) {
  }

  @Override
  public void accept(byte[] event) {
    if (event.length == 0 || event[0] != AUDIO_STREAM_TAG) {
      dispatcher.accept(event);
      return;
    }
    try {
      Frame frame = frame(event);
      FfiEventListener listener = frame == null ? null : listeners.apply(frame.stream());
      if (frame != null && listener != null && listener.takesAudioFrames()) {
        short[] samples = frames.take(frame.buffer(), frame.dataPtr(), frame.numChannels(),
            frame.samplesPerChannel());
        listener.onAudioFrame(samples, frame.sampleRate(), frame.numChannels());
        return;
      }
      router.accept(FfiEvent.parseFrom(event));
    } catch (InvalidProtocolBufferException e) {
      log.error("undecodable audio stream event from livekit-ffi ({} bytes) dropped", event.length, e);
    } catch (Throwable t) {
      // Nothing may escape into the core's thread.
      log.error("audio stream event could not be delivered", t);
    }
  }

  /**
   * The frame a {@code FfiEvent{audio_stream_event{frame_received}}} carries, or null if the event
   * is anything else or lacks a field (then the full decoder takes it).
   */
  static @Nullable Frame frame(byte[] event) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(event);
    if (in.readTag() != (AUDIO_STREAM_TAG & 0xff)) {
      return null;
    }
    int outer = in.pushLimit(in.readRawVarint32());
    long stream = -1;
    long[] buffer = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == STREAM_HANDLE) {
        stream = in.readUInt64();
      } else if (tag == FRAME_RECEIVED) {
        int received = in.pushLimit(in.readRawVarint32());
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
          if (t == FRAME) {
            buffer = ownedBuffer(in);
          } else {
            in.skipField(t);
          }
        }
        in.popLimit(received);
      } else {
        // the end of stream, or a field this reader does not know
        return null;
      }
    }
    in.popLimit(outer);
    if (stream < 0 || buffer == null || buffer[0] < 0 || buffer[1] < 0 || buffer[2] < 0 || buffer[3] < 0
        || buffer[4] < 0) {
      return null;
    }
    return new Frame(stream, buffer[0], buffer[1], (int) buffer[2], (int) buffer[3], (int) buffer[4]);
  }

  // OwnedAudioFrameBuffer: {handle id, data_ptr, num_channels, sample_rate, samples_per_channel}, -1 if missing.
  private static long[] ownedBuffer(CodedInputStream in) throws IOException {
    long[] fields = {-1, -1, -1, -1, -1};
    int limit = in.pushLimit(in.readRawVarint32());
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == HANDLE) {
        int handle = in.pushLimit(in.readRawVarint32());
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
          if (t == HANDLE_ID) {
            fields[0] = in.readUInt64();
          } else {
            in.skipField(t);
          }
        }
        in.popLimit(handle);
      } else if (tag == INFO) {
        int info = in.pushLimit(in.readRawVarint32());
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
          if (t == DATA_PTR) {
            fields[1] = in.readUInt64();
          } else if (t == NUM_CHANNELS) {
            fields[2] = in.readUInt32() & 0xffffffffL;
          } else if (t == SAMPLE_RATE) {
            fields[3] = in.readUInt32() & 0xffffffffL;
          } else if (t == SAMPLES_PER_CHANNEL) {
            fields[4] = in.readUInt32() & 0xffffffffL;
          } else {
            in.skipField(t);
          }
        }
        in.popLimit(info);
      } else {
        in.skipField(tag);
      }
    }
    in.popLimit(limit);
    return fields;
  }

  private static int tag(int field, int wireType) {
    return field << 3 | wireType;
  }
}
