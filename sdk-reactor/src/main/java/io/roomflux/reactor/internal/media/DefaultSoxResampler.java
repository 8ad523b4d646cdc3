package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.SoxQuality;
import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.internal.media.Leases;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FlushSoxResamplerRequest;
import io.roomflux.proto.FlushSoxResamplerResponse;
import io.roomflux.proto.NewSoxResamplerRequest;
import io.roomflux.proto.NewSoxResamplerResponse;
import io.roomflux.proto.PushSoxResamplerRequest;
import io.roomflux.proto.PushSoxResamplerResponse;
import io.roomflux.proto.SoxResamplerDataType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import io.roomflux.reactor.media.SoxResampler;

/** The implementation of {@link SoxResampler}. */
public final class DefaultSoxResampler implements SoxResampler, AutoCloseable {
  private final Core ffi;
  private final OwnedHandle handle;
  // Serializes calls: the core's resampler state (and, for SoX, its output buffer) is shared.
  private final Object lock = new Object();
  private final int inputRate;
  private final int outputRate;
  private final int numChannels;
  private final SoxQuality quality;

  private DefaultSoxResampler(Core ffi, OwnedHandle handle, int inputRate, int outputRate, int numChannels,
                       SoxQuality quality) {
    this.ffi = ffi;
    this.handle = handle;
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.numChannels = numChannels;
    this.quality = quality;
  }

  /**
   * Creates a resampler for interleaved 16-bit audio. Synchronous, a short native call.
   *
   * @param inputRate the rate of the frames pushed, Hz
   * @param outputRate the rate of the frames produced, Hz
   * @param numChannels the channel count of both
   * @param quality the quality recipe
   * @return the resampler; close it when done
   * @throws IllegalArgumentException if a value is not positive
   * @throws OperationFailedException if libsoxr rejects the parameters
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the request
   */
  public static SoxResampler create(Core ffi, int inputRate, int outputRate, int numChannels, SoxQuality quality) {
    Objects.requireNonNull(quality, "quality");
    if (inputRate <= 0 || outputRate <= 0 || numChannels <= 0) {
      throw new IllegalArgumentException("rates and channel count must be positive, were " + inputRate + ", "
          + outputRate + ", " + numChannels);
    }
    NewSoxResamplerResponse response = ffi.request(FfiRequest.newBuilder().setNewSoxResampler(
        NewSoxResamplerRequest.newBuilder().setInputRate(inputRate).setOutputRate(outputRate)
            .setNumChannels(numChannels)
            .setInputDataType(SoxResamplerDataType.SOXR_DATATYPE_INT16I)
            .setOutputDataType(SoxResamplerDataType.SOXR_DATATYPE_INT16I)
            .setQualityRecipe(MediaWire.toProto(quality)))
        .build()).getNewSoxResampler();
    if (!response.hasResampler()) {
      throw new OperationFailedException("create SoX resampler", response.getError());
    }
    return new DefaultSoxResampler(ffi, ffi.handles().own(response.getResampler().getHandle().getId(),
        HandleKind.SOX_RESAMPLER), inputRate, outputRate, numChannels, quality);
  }

  @Override
  public int inputRate() {
    return inputRate;
  }

  @Override
  public int outputRate() {
    return outputRate;
  }

  @Override
  public int numChannels() {
    return numChannels;
  }

  @Override
  public SoxQuality quality() {
    return quality;
  }

  @Override
  public List<AudioFrame> push(AudioFrame frame) {
    Objects.requireNonNull(frame, "frame");
    if (frame.sampleRate() != inputRate || frame.numChannels() != numChannels) {
      throw new IllegalArgumentException("the resampler takes " + inputRate + " Hz, " + numChannels
          + " channel(s); the frame is " + frame.sampleRate() + " Hz, " + frame.numChannels() + " channel(s)");
    }
    if (frame.samplesPerChannel() == 0) {
      return List.of();
    }
    synchronized (lock) {
      try (Lease lease = Leases.take(handle, "push", "the SoX resampler"); Arena arena = Arena.ofConfined()) {
        MemorySegment input = FrameCodec.toNative(frame, arena);
        PushSoxResamplerResponse response = ffi.request(FfiRequest.newBuilder().setPushSoxResampler(
            PushSoxResamplerRequest.newBuilder().setResamplerHandle(lease.id()).setDataPtr(input.address())
                .setSize(Math.toIntExact(FrameCodec.byteSize(frame))))
            .build()).getPushSoxResampler();
        if (response.hasError()) {
          throw new OperationFailedException("SoX push", response.getError());
        }
        return output(response.getOutputPtr(), response.getSize());
      }
    }
  }

  @Override
  public List<AudioFrame> flush() {
    synchronized (lock) {
      try (Lease lease = Leases.take(handle, "flush", "the SoX resampler")) {
        FlushSoxResamplerResponse response = ffi.request(FfiRequest.newBuilder().setFlushSoxResampler(
            FlushSoxResamplerRequest.newBuilder().setResamplerHandle(lease.id())).build()).getFlushSoxResampler();
        if (response.hasError()) {
          throw new OperationFailedException("SoX flush", response.getError());
        }
        return output(response.getOutputPtr(), response.getSize());
      }
    }
  }

  @Override
  public Flux<AudioFrame> resample(Publisher<AudioFrame> frames) {
    return Flux.from(frames).concatMapIterable(this::push, 1)
        .concatWith(Flux.defer(() -> Flux.fromIterable(flush())));
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

  // Under the lock: the output is the resampler's own buffer until the next call.
  private List<AudioFrame> output(long address, int bytes) {
    int samples = bytes / 2;
    if (address == 0 || samples < numChannels) {
      return List.of();
    }
    samples -= samples % numChannels;
    return List.of(AudioFrame.wrap(ffi.copyNativeShorts(address, samples), outputRate, numChannels));
  }

  @Override
  public String toString() {
    return "SoxResampler[" + inputRate + " -> " + outputRate + " Hz, " + numChannels + " ch, " + quality + "]";
  }
}
