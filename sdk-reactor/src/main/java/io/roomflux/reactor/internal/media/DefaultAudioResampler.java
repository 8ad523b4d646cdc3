package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.internal.media.Leases;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.AudioFrameBufferInfo;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewAudioResamplerRequest;
import io.roomflux.proto.RemixAndResampleRequest;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import io.roomflux.reactor.media.AudioResampler;

/** The implementation of {@link AudioResampler}. */
public final class DefaultAudioResampler implements AudioResampler, AutoCloseable {
  private static final int MIN_RATE = 8_000;
  private static final int MAX_RATE = 384_000;

  private final Core ffi;
  private final OwnedHandle handle;
  // Serializes calls: the core's resampler state (and, for SoX, its output buffer) is shared.
  private final Object lock = new Object();

  private DefaultAudioResampler(Core ffi, OwnedHandle handle) {
    this.ffi = ffi;
    this.handle = handle;
  }

  /**
   * Creates a resampler. Synchronous, a short native call.
   *
   * @return the resampler; close it when done
   * @throws io.roomflux.reactor.OperationFailedException if the core refused to create it
   */
  public static AudioResampler create(Core ffi) {
    long id = ffi.request(FfiRequest.newBuilder()
        .setNewAudioResampler(NewAudioResamplerRequest.getDefaultInstance()).build())
        .getNewAudioResampler().getResampler().getHandle().getId();
    return new DefaultAudioResampler(ffi, ffi.handles().own(id, HandleKind.AUDIO_RESAMPLER));
  }

  @Override
  public AudioFrame remixAndResample(AudioFrame frame, int numChannels, int sampleRate) {
    Objects.requireNonNull(frame, "frame");
    checkRate("target", sampleRate);
    checkRate("frame", frame.sampleRate());
    int chunk = frame.sampleRate() / 100;
    if (frame.samplesPerChannel() % chunk != 0) {
      throw new IllegalArgumentException("the resampler takes whole 10 ms steps (" + chunk
          + " samples per channel at " + frame.sampleRate() + " Hz); the frame has " + frame.samplesPerChannel());
    }
    int from = frame.numChannels();
    if (numChannels <= 0 || (from != numChannels && (from > 2 || numChannels > 2))) {
      throw new IllegalArgumentException("cannot remix " + from + " channel(s) to " + numChannels
          + ": only the same count, mono to stereo and stereo to mono are supported");
    }
    int steps = frame.samplesPerChannel() / chunk;
    short[] out = new short[Math.multiplyExact(steps, sampleRate / 100 * numChannels)];
    int written = 0;
    synchronized (lock) {
      try (Lease lease = Leases.take(handle, "remixAndResample", "the resampler"); Arena arena = Arena.ofConfined()) {
        MemorySegment input = arena.allocate(chunk * from * 2L, 2);
        for (int step = 0; step < steps; step++) {
          FrameCodec.copyTo(frame.slice(step * chunk, (step + 1) * chunk), input);
          AudioFrame converted = FrameCodec.take(ffi, ffi.request(FfiRequest.newBuilder()
              .setRemixAndResample(RemixAndResampleRequest.newBuilder().setResamplerHandle(lease.id())
                  .setBuffer(AudioFrameBufferInfo.newBuilder().setDataPtr(input.address())
                      .setNumChannels(from).setSampleRate(frame.sampleRate()).setSamplesPerChannel(chunk))
                  .setNumChannels(numChannels).setSampleRate(sampleRate))
              .build()).getRemixAndResample().getBuffer());
          int length = Math.min(converted.samples().remaining(), out.length - written);
          converted.samples().get(out, written, length);
          written += length;
        }
      }
    }
    if (written != out.length) {
      throw new IllegalStateException("the resampler returned " + written + " samples, expected " + out.length);
    }
    return AudioFrame.wrap(out, sampleRate, numChannels);
  }

  @Override
  public boolean isClosed() {
    return handle.isClosed();
  }

  @Override
  public void close() {
    handle.close();
  }

  public OwnedHandle handle() {
    return handle;
  }

  // Outside this range WebRTC's resampler aborts the process (e.g. 1 kHz input).
  private static void checkRate(String which, int rate) {
    if (rate < MIN_RATE || rate > MAX_RATE || rate % 100 != 0) {
      throw new IllegalArgumentException("the " + which + " rate must be a multiple of 100 Hz from " + MIN_RATE
          + " to " + MAX_RATE + " Hz (the resampler works in 10 ms steps), was " + rate);
    }
  }
}
