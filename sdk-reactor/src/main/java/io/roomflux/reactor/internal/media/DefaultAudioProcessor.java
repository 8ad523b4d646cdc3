package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioProcessorOptions;
import io.roomflux.reactor.internal.media.Leases;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.ApmProcessReverseStreamRequest;
import io.roomflux.proto.ApmProcessStreamRequest;
import io.roomflux.proto.ApmSetStreamDelayRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewApmRequest;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;
import io.roomflux.reactor.media.AudioProcessor;

/** The implementation of {@link AudioProcessor}. */
public final class DefaultAudioProcessor implements AudioProcessor, AutoCloseable {
  private final Core ffi;
  private final OwnedHandle handle;
  private final AudioProcessorOptions options;

  private DefaultAudioProcessor(Core ffi, OwnedHandle handle, AudioProcessorOptions options) {
    this.ffi = ffi;
    this.handle = handle;
    this.options = options;
  }

  /**
   * Creates a module running the given stages. Synchronous, a short native call.
   *
   * @param options which stages run
   * @return the module; close it when done
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the request
   */
  public static AudioProcessor create(Core ffi, AudioProcessorOptions options) {
    Objects.requireNonNull(options, "options");
    long id = ffi.request(FfiRequest.newBuilder().setNewApm(NewApmRequest.newBuilder()
            .setEchoCancellerEnabled(options.echoCancellation())
            .setNoiseSuppressionEnabled(options.noiseSuppression())
            .setGainControllerEnabled(options.gainControl())
            .setHighPassFilterEnabled(options.highPassFilter()))
        .build()).getNewApm().getApm().getHandle().getId();
    return new DefaultAudioProcessor(ffi, ffi.handles().own(id, HandleKind.AUDIO_PROCESSING), options);
  }

  @Override
  public AudioProcessorOptions options() {
    return options;
  }

  @Override
  public AudioFrame processStream(AudioFrame frame) {
    return process(frame, false);
  }

  @Override
  public AudioFrame processReverseStream(AudioFrame frame) {
    return process(frame, true);
  }

  @Override
  public void setStreamDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    try (Lease lease = Leases.take(handle, "setStreamDelay", "the audio processor")) {
      var response = ffi.request(FfiRequest.newBuilder().setApmSetStreamDelay(ApmSetStreamDelayRequest.newBuilder()
          .setApmHandle(lease.id()).setDelayMs((int) Math.min(Integer.MAX_VALUE, delay.toMillis())))
          .build()).getApmSetStreamDelay();
      if (response.hasError()) {
        throw new OperationFailedException("setStreamDelay", response.getError());
      }
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

  public OwnedHandle handle() {
    return handle;
  }

  private AudioFrame process(AudioFrame frame, boolean reverse) {
    Objects.requireNonNull(frame, "frame");
    String operation = reverse ? "processReverseStream" : "processStream";
    if (!frame.isTenMilliseconds()) {
      throw new IllegalArgumentException(operation + " takes frames of exactly 10 ms ("
          + (frame.sampleRate() % 100 == 0 ? frame.sampleRate() / 100 + " samples per channel" : "a rate that is a multiple of 100 Hz")
          + " at " + frame.sampleRate() + " Hz); the frame has " + frame.samplesPerChannel()
          + " samples per channel (" + frame.duration().toNanos() / 1_000_000.0 + " ms): split it into 10 ms frames");
    }
    try (Lease lease = Leases.take(handle, operation, "the audio processor"); Arena arena = Arena.ofConfined()) {
      // Processed in place: the module writes its output over the input.
      MemorySegment samples = FrameCodec.toNative(frame, arena);
      FfiRequest.Builder request = FfiRequest.newBuilder();
      if (reverse) {
        request.setApmProcessReverseStream(ApmProcessReverseStreamRequest.newBuilder().setApmHandle(lease.id())
            .setDataPtr(samples.address()).setSize(Math.toIntExact(FrameCodec.byteSize(frame)))
            .setSampleRate(frame.sampleRate()).setNumChannels(frame.numChannels()));
      } else {
        request.setApmProcessStream(ApmProcessStreamRequest.newBuilder().setApmHandle(lease.id())
            .setDataPtr(samples.address()).setSize(Math.toIntExact(FrameCodec.byteSize(frame)))
            .setSampleRate(frame.sampleRate()).setNumChannels(frame.numChannels()));
      }
      var response = ffi.request(request.build());
      boolean failed = reverse ? response.getApmProcessReverseStream().hasError()
          : response.getApmProcessStream().hasError();
      if (failed) {
        throw new OperationFailedException(operation, reverse ? response.getApmProcessReverseStream().getError()
            : response.getApmProcessStream().getError());
      }
      return FrameCodec.fromNative(samples.asSlice(0, FrameCodec.byteSize(frame)), frame.sampleRate(), frame.numChannels());
    }
  }
}
