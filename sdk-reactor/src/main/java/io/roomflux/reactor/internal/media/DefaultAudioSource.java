package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.reactor.internal.media.Leases;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.internal.media.Released;
import io.roomflux.core.AsyncCall;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.AudioSourceType;
import io.roomflux.proto.CaptureAudioFrameRequest;
import io.roomflux.proto.ClearAudioBufferRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewAudioSourceRequest;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import io.roomflux.reactor.media.AudioSource;

/** The implementation of {@link AudioSource}. */
public final class DefaultAudioSource implements AudioSource, AutoCloseable {
  private final Core ffi;
  private final AudioSourceOptions options;
  private final OwnedHandle handle;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ConcurrentLinkedQueue<Capture> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger drains = new AtomicInteger();
  private final AtomicReference<@Nullable Capture> inFlight = new AtomicReference<>();
  private final NativeScratch scratch = new NativeScratch();
  // System.nanoTime() at which the last sent sample is expected to have played out.
  private final AtomicLong playoutEnd = new AtomicLong(System.nanoTime());
  // Completes when every capture subscribed so far is over (accepted, failed or withdrawn).
  private final AtomicReference<CompletableFuture<Void>> allCaptures =
      new AtomicReference<>(CompletableFuture.completedFuture(null));

  private DefaultAudioSource(Core ffi, AudioSourceOptions options, OwnedHandle handle) {
    this.ffi = ffi;
    this.options = options;
    this.handle = handle;
    // The scratch buffer may be in the core's hands until the last capture's callback, which is
    // also when the last lease ends and the handle is dropped.
    NativeScratch memory = scratch;
    handle.onDropped().whenComplete((ignored, error) -> memory.close());
  }

  /**
   * Creates a source with the given options. Synchronous, a short native call.
   *
   * @param options the format, queue size, processing and scheduler
   * @return the open source; close it when done
   * @throws io.roomflux.reactor.OperationFailedException if the core refused to create it
   */
  public static AudioSource create(Core ffi, AudioSourceOptions options) {
    Objects.requireNonNull(options, "options");
    long id = ffi.request(FfiRequest.newBuilder().setNewAudioSource(NewAudioSourceRequest.newBuilder()
            .setType(AudioSourceType.AUDIO_SOURCE_NATIVE)
            .setOptions(io.roomflux.proto.AudioSourceOptions.newBuilder()
                .setEchoCancellation(options.echoCancellation())
                .setNoiseSuppression(options.noiseSuppression())
                .setAutoGainControl(options.autoGainControl()))
            .setSampleRate(options.sampleRate())
            .setNumChannels(options.numChannels())
            .setQueueSizeMs((int) options.queueSize().toMillis()))
        .build()).getNewAudioSource().getSource().getHandle().getId();
    return new DefaultAudioSource(ffi, options, ffi.handles().own(id, HandleKind.AUDIO_SOURCE));
  }

  /**
   * Creates a source with {@link AudioSourceOptions#of default options} for a format.
   *
   * @param sampleRate the sample rate in Hz, a multiple of 100
   * @param numChannels the channel count
   * @return the open source; close it when done
   * @throws io.roomflux.reactor.OperationFailedException if the core refused to create it
   */
  public static AudioSource create(Core ffi, int sampleRate, int numChannels) {
    return create(ffi, AudioSourceOptions.of(sampleRate, numChannels));
  }

  @Override
  public AudioSourceOptions options() {
    return options;
  }

  @Override
  public int sampleRate() {
    return options.sampleRate();
  }

  @Override
  public int numChannels() {
    return options.numChannels();
  }

  @Override
  public Duration queueSize() {
    return options.queueSize();
  }

  @Override
  public Mono<Void> captureFrame(AudioFrame frame) {
    Objects.requireNonNull(frame, "frame");
    return Mono.<Void>create(sink -> submit(frame, sink)).publishOn(options.scheduler());
  }

  @Override
  public Mono<Void> capture(Publisher<AudioFrame> frames) {
    // Prefetch 0: the next frame is requested only when the previous capture completed.
    return Flux.from(frames).concatMap(this::captureFrame, 0).then();
  }

  @Override
  public void clearQueue() {
    try (Lease lease = Leases.take(handle, "clearQueue", "the audio source")) {
      ffi.request(FfiRequest.newBuilder().setClearAudioBuffer(ClearAudioBufferRequest.newBuilder()
          .setSourceHandle(lease.id())).build());
      playoutEnd.set(System.nanoTime());
    }
  }

  @Override
  public Duration queuedDuration() {
    return Duration.ofNanos(Math.max(0, playoutEnd.get() - System.nanoTime()));
  }

  @Override
  public Mono<Void> waitForPlayout() {
    return Mono.defer(() -> Mono.fromFuture(allCaptures.get(), true)
        .then(Mono.defer(() -> {
          Duration remaining = queuedDuration();
          return remaining.isZero() ? Mono.<Void>empty() : Mono.delay(remaining, options.scheduler()).then();
        })))
        .publishOn(options.scheduler());
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      handle.close();
      drain();
    }
  }

  @Override
  public Mono<Void> closeLater() {
    return Released.closeLater(this::close, handle, options.scheduler());
  }

  /** The native handle, for publishing the source as a track; use it under a lease. */
  public OwnedHandle handle() {
    return handle;
  }

  @Override
  public String toString() {
    return "AudioSource[" + options.sampleRate() + " Hz, " + options.numChannels() + " ch, queue "
        + options.queueSize() + (closed.get() ? ", closed]" : "]");
  }

  private @Nullable String check(AudioFrame frame) {
    if (frame.sampleRate() != options.sampleRate() || frame.numChannels() != options.numChannels()) {
      return "the source takes " + options.sampleRate() + " Hz, " + options.numChannels()
          + " channel(s); the frame is " + frame.sampleRate() + " Hz, " + frame.numChannels() + " channel(s)";
    }
    if (options.queueSize().isZero() && frame.samplesPerChannel() != 0 && !frame.isTenMilliseconds()) {
      return "a source without queue takes 10 ms frames (" + options.sampleRate() / 100
          + " samples per channel); the frame has " + frame.samplesPerChannel();
    }
    return null;
  }

  private void submit(AudioFrame frame, MonoSink<Void> sink) {
    String invalid = check(frame);
    if (invalid != null) {
      sink.error(new IllegalArgumentException(invalid));
      return;
    }
    if (frame.samplesPerChannel() == 0) {
      sink.success();
      return;
    }
    Lease lease;
    try {
      lease = Leases.take(handle, "captureFrame", "the audio source");
    } catch (HandleClosedException e) {
      sink.error(e);
      return;
    }
    Capture capture = new Capture(frame, sink, lease);
    sink.onCancel(capture::cancel);
    // Not just the newest capture's future: it may be withdrawn while older ones are in flight.
    allCaptures.updateAndGet(previous -> CompletableFuture.allOf(previous, capture.done));
    waiting.offer(capture);
    drain();
  }

  // Sends the next waiting capture when none is in flight. Serialized by `drains`: only one
  // thread runs the loop at a time, and a call while it runs makes it go round once more.
  private void drain() {
    if (drains.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      Capture next;
      // Once closed, everything still waiting fails at once, whether or not a frame is in flight.
      while ((closed.get() || inFlight.get() == null) && (next = waiting.poll()) != null) {
        if (next.cancelled) {
          next.finishQuietly();
        } else if (closed.get()) {
          next.finish(new ResourceClosedException("captureFrame refused: the audio source was closed "
              + "before the frame was sent"));
        } else {
          inFlight.set(next);
          if (!send(next)) {
            inFlight.compareAndSet(next, null);
          }
        }
      }
      missed = drains.addAndGet(-missed);
    } while (missed != 0);
  }

  // Runs in the drain loop with nothing in flight: the previous callback has arrived, so the
  // core no longer reads the scratch buffer and it can be refilled.
  private boolean send(Capture capture) {
    AudioFrame frame = capture.frame;
    AsyncCall call;
    try {
      MemorySegment samples = scratch.ensure(FrameCodec.byteSize(frame));
      FrameCodec.copyTo(frame, samples);
      call = ffi.call(asyncId -> FfiRequest.newBuilder().setCaptureAudioFrame(CaptureAudioFrameRequest.newBuilder()
          .setSourceHandle(capture.lease.id()).setBuffer(FrameCodec.info(frame, samples.address()))
          .setRequestAsyncId(asyncId)).build());
    } catch (OperationFailedException e) {
      ffi.explain(e).whenComplete((explained, t) -> capture.finish(explained != null ? explained : e));
      return false;
    } catch (RuntimeException e) {
      capture.finish(e);
      return false;
    }
    long duration = frame.duration().toNanos();
    playoutEnd.updateAndGet(end -> Math.max(end, System.nanoTime()) + duration);
    call.callback().whenComplete((event, error) -> accepted(capture, event, error));
    return true;
  }

  // The dispatcher thread, or the sending thread if the callback came first.
  private void accepted(Capture capture, @Nullable FfiEvent event, @Nullable Throwable error) {
    inFlight.compareAndSet(capture, null);
    Throwable failure = error;
    if (failure == null && event != null && event.getCaptureAudioFrame().hasError()) {
      failure = new OperationFailedException("captureFrame", event.getCaptureAudioFrame().getError());
    }
    capture.finish(failure);
    drain();
  }

  private final class Capture {
    private final AudioFrame frame;
    private final MonoSink<Void> sink;
    private final Lease lease;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean cancelled;

    Capture(AudioFrame frame, MonoSink<Void> sink, Lease lease) {
      this.frame = frame;
      this.sink = sink;
      this.lease = lease;
    }

    // Withdraws the frame if it was not sent yet; once sent, the core plays it regardless.
    void cancel() {
      cancelled = true;
      if (waiting.remove(this)) {
        finishQuietly();
      }
    }

    // Releases the lease before signalling, so that a closed source's handle is already
    // dropped when the subscriber sees its last capture complete.
    void finish(@Nullable Throwable error) {
      if (finished.compareAndSet(false, true)) {
        lease.close();
        done.complete(null);
        if (cancelled) {
          return; // nobody listens; an error would only reach Reactor's onErrorDropped hook
        }
        if (error == null) {
          sink.success();
        } else {
          sink.error(error);
        }
      }
    }

    // For a capture withdrawn before it was sent: its subscriber is gone.
    void finishQuietly() {
      if (finished.compareAndSet(false, true)) {
        lease.close();
        done.complete(null);
      }
    }
  }
}
