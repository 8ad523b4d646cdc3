package io.roomflux.reactor.internal.core;

import com.google.protobuf.Message;
import io.roomflux.RoomFluxException;
import io.roomflux.Telemetry;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.EventRoute;
import io.roomflux.core.FfiClient;
import io.roomflux.core.FfiClientOptions;
import io.roomflux.core.FfiEventListener;
import io.roomflux.core.FfiPanicException;
import io.roomflux.core.FfiRequestException;
import io.roomflux.core.HandleRegistry;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.OwnedBuffer;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The real {@link Core}: livekit-ffi through the process's {@link FfiClient}, with the core's
 * exceptions turned into API exceptions by {@link CoreErrors} on the way out.
 */
public final class FfmCore implements Core {
  private final FfiClient ffi;
  private final Telemetry telemetry;
  private final boolean timed;

  private FfmCore(FfiClient ffi, Telemetry telemetry) {
    this.ffi = ffi;
    this.telemetry = Telemetry.guarded(telemetry);
    this.timed = this.telemetry != Telemetry.none();
  }

  /**
   * The process's core, with no telemetry; see {@link #open(FfiClientOptions, Telemetry)}.
   *
   * @param options settings of the process's core
   * @return the core
   */
  public static FfmCore open(FfiClientOptions options) {
    return open(options, Telemetry.none());
  }

  /**
   * The process's core, loaded and initialized on first use with these settings (later calls
   * share the first one's core and ignore theirs: livekit-ffi starts once per process).
   *
   * @param options settings of the process's core
   * @param telemetry where each request's duration is reported ({@code ffiRequest}); requests are
   *     timed only when it is not {@link Telemetry#none()}
   * @return the core
   * @throws io.roomflux.reactor.NativeLibraryException if it cannot be loaded
   * @throws io.roomflux.reactor.CoreClosedException if it was disposed already
   */
  public static FfmCore open(FfiClientOptions options, Telemetry telemetry) {
    try {
      return new FfmCore(FfiClient.open(options), telemetry);
    } catch (RoomFluxException e) {
      throw CoreErrors.toApi(e);
    }
  }

  @Override
  public FfiResponse request(FfiRequest request) {
    long start = timed ? System.nanoTime() : 0;
    try {
      return ffi.request(request);
    } catch (RoomFluxException e) {
      throw CoreErrors.toApi(e);
    } finally {
      if (timed) {
        telemetry.ffiRequest(kind(request), System.nanoTime() - start);
      }
    }
  }

  /** The request's kind in snake case, as {@code Telemetry.ffiRequest} reports it: {@code publish_data}. */
  static String kind(FfiRequest request) {
    return request.getMessageCase().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public AsyncCall call(LongFunction<FfiRequest> build) {
    AsyncCall call;
    long start = timed ? System.nanoTime() : 0;
    FfiRequest[] built = new FfiRequest[1];
    try {
      call = ffi.call(timed ? asyncId -> built[0] = build.apply(asyncId) : build);
    } catch (RoomFluxException e) {
      throw CoreErrors.toApi(e);
    } finally {
      if (timed && built[0] != null) {
        telemetry.ffiRequest(kind(built[0]), System.nanoTime() - start);
      }
    }
    CompletableFuture<FfiEvent> callback = new CompletableFuture<>();
    call.callback().whenComplete((event, error) -> {
      if (error != null) {
        callback.completeExceptionally(CoreErrors.toApi(error));
      } else {
        callback.complete(event);
      }
    });
    return new AsyncCall(call.asyncId(), call.response(), callback);
  }

  @Override
  public EventRoute route(long handle, FfiEventListener listener) {
    return ffi.route(handle, new FfiEventListener() {
      @Override
      public void onEvent(FfiEvent event) {
        listener.onEvent(event);
      }

      @Override
      public boolean takesAudioFrames() {
        return listener.takesAudioFrames();
      }

      @Override
      public void onAudioFrame(short[] samples, int sampleRate, int numChannels) {
        listener.onAudioFrame(samples, sampleRate, numChannels);
      }

      @Override
      public void onTerminated(RoomFluxException error) {
        listener.onTerminated(CoreErrors.toApi(error));
      }
    });
  }

  @Override
  public CompletableFuture<RuntimeException> explain(RuntimeException refusal) {
    if (refusal.getCause() instanceof FfiRequestException coreRefusal) {
      return ffi.explain(coreRefusal).thenApply(CoreErrors::toApi);
    }
    return CompletableFuture.completedFuture(refusal);
  }

  @Override
  public HandleRegistry handles() {
    return ffi.handles();
  }

  @Override
  public byte[] takeBuffer(OwnedBuffer buffer) {
    try {
      return ffi.takeBuffer(buffer);
    } catch (RoomFluxException e) {
      throw CoreErrors.toApi(e);
    }
  }

  @Override
  public short[] takeAudioFrame(OwnedAudioFrameBuffer buffer) {
    try {
      return ffi.takeAudioFrame(buffer);
    } catch (RoomFluxException e) {
      throw CoreErrors.toApi(e);
    }
  }

  @Override
  public short[] copyNativeShorts(long address, int count) {
    try {
      return ffi.copyNativeShorts(address, count);
    } catch (RoomFluxException e) {
      throw CoreErrors.toApi(e);
    }
  }

  @Override
  public void copyNative(long address, ByteBuffer destination) {
    try {
      ffi.copyNative(address, destination);
    } catch (RoomFluxException e) {
      throw CoreErrors.toApi(e);
    }
  }

  @Override
  public int releaseAll(Message message) {
    return ffi.releaseAll(message);
  }

  @Override
  public boolean inDispatcher() {
    return ffi.inDispatcher();
  }

  @Override
  public CoreCounters counters() {
    long panics = ffi.failure().filter(FfiPanicException.class::isInstance).isPresent() ? 1 : 0;
    return new CoreCounters(ffi.unroutedEvents(), ffi.upcallFailures(), panics);
  }
}
