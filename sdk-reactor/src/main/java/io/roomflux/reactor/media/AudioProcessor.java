package io.roomflux.reactor.media;

import io.roomflux.core.FfiClient;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.ApmProcessReverseStreamRequest;
import io.roomflux.proto.ApmProcessStreamRequest;
import io.roomflux.proto.ApmSetStreamDelayRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewApmRequest;
import io.roomflux.reactor.OperationFailedException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * WebRTC's audio processing module (APM) on audio the application handles itself: echo
 * cancellation, noise suppression, gain control and a high-pass filter.
 *
 * <p>For echo cancellation, pass what the speakers play to {@link #processReverseStream} and
 * what the microphone records to {@link #processStream}, both in 10 ms frames as they happen,
 * and tell the module the delay between the two with {@link #setStreamDelay}.
 *
 * <p>The module works on exactly 10 ms of audio per call ({@code sampleRate / 100} samples per
 * channel): other lengths are rejected here, because the module itself would silently process
 * only the first 10 ms. Synchronous: each call is a short native request, fine on any thread.
 * {@link #close()} releases the module once no call is running.
 */
public final class AudioProcessor implements AutoCloseable {
  private final FfiClient ffi;
  private final OwnedHandle handle;
  private final AudioProcessorOptions options;

  private AudioProcessor(FfiClient ffi, OwnedHandle handle, AudioProcessorOptions options) {
    this.ffi = ffi;
    this.handle = handle;
    this.options = options;
  }

  /**
   * Creates a module running the given stages. Synchronous, a short native call.
   *
   * @param options which stages run
   * @return the module; close it when done
   * @throws io.roomflux.core.FfiRequestException if the core refused the request
   */
  public static AudioProcessor create(AudioProcessorOptions options) {
    Objects.requireNonNull(options, "options");
    FfiClient ffi = FfiClient.get();
    long id = ffi.request(FfiRequest.newBuilder().setNewApm(NewApmRequest.newBuilder()
            .setEchoCancellerEnabled(options.echoCancellation())
            .setNoiseSuppressionEnabled(options.noiseSuppression())
            .setGainControllerEnabled(options.gainControl())
            .setHighPassFilterEnabled(options.highPassFilter()))
        .build()).getNewApm().getApm().getHandle().getId();
    return new AudioProcessor(ffi, ffi.handles().own(id, HandleKind.AUDIO_PROCESSING), options);
  }

  /**
   * The stages this module runs.
   *
   * @return the options
   */
  public AudioProcessorOptions options() {
    return options;
  }

  /**
   * Processes 10 ms of captured (near-end) audio.
   *
   * @param frame exactly 10 ms, at a rate the module supports (8, 16, 32 or 48 kHz)
   * @return the processed audio, same format
   * @throws IllegalArgumentException if the frame is not 10 ms long
   * @throws OperationFailedException if the module rejects the audio (e.g. its sample rate)
   * @throws HandleClosedException if the module is closed
   * @throws io.roomflux.core.FfiRequestException if the core refused the request
   */
  public AudioFrame processStream(AudioFrame frame) {
    return process(frame, false);
  }

  /**
   * Feeds 10 ms of far-end audio (what the speakers play), which echo cancellation removes
   * from the captured stream.
   *
   * @param frame exactly 10 ms, at a rate the module supports
   * @return the far-end audio as the module passed it on
   * @throws IllegalArgumentException if the frame is not 10 ms long
   * @throws OperationFailedException if the module rejects the audio
   * @throws HandleClosedException if the module is closed
   * @throws io.roomflux.core.FfiRequestException if the core refused the request
   */
  public AudioFrame processReverseStream(AudioFrame frame) {
    return process(frame, true);
  }

  /**
   * Tells echo cancellation how long it takes from a far-end frame given to
   * {@link #processReverseStream} until its echo reaches {@link #processStream}.
   *
   * @param delay the delay, 0 to 500 ms in whole milliseconds
   * @throws IllegalArgumentException if the delay is negative
   * @throws OperationFailedException if the module rejects it
   * @throws HandleClosedException if the module is closed
   */
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

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return handle.isClosed();
  }

  /** Releases the module once no call is running. Idempotent, never blocks. */
  @Override
  public void close() {
    handle.close();
  }

  OwnedHandle handle() {
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
      MemorySegment samples = frame.toNative(arena);
      FfiRequest.Builder request = FfiRequest.newBuilder();
      if (reverse) {
        request.setApmProcessReverseStream(ApmProcessReverseStreamRequest.newBuilder().setApmHandle(lease.id())
            .setDataPtr(samples.address()).setSize(Math.toIntExact(frame.byteSize()))
            .setSampleRate(frame.sampleRate()).setNumChannels(frame.numChannels()));
      } else {
        request.setApmProcessStream(ApmProcessStreamRequest.newBuilder().setApmHandle(lease.id())
            .setDataPtr(samples.address()).setSize(Math.toIntExact(frame.byteSize()))
            .setSampleRate(frame.sampleRate()).setNumChannels(frame.numChannels()));
      }
      var response = ffi.request(request.build());
      boolean failed = reverse ? response.getApmProcessReverseStream().hasError()
          : response.getApmProcessStream().hasError();
      if (failed) {
        throw new OperationFailedException(operation, reverse ? response.getApmProcessReverseStream().getError()
            : response.getApmProcessStream().getError());
      }
      return AudioFrame.fromNative(samples.asSlice(0, frame.byteSize()), frame.sampleRate(), frame.numChannels());
    }
  }
}
