package io.roomflux.reactor.internal.core;

import com.google.protobuf.Message;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.EventRoute;
import io.roomflux.core.FfiEventListener;
import io.roomflux.core.HandleRegistry;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.OwnedBuffer;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * What the SDK needs from the native core: the seam between RoomFlux's rooms, media and data code
 * and livekit-ffi. {@link FfmCore} is the real one (the core bound through
 * {@code java.lang.foreign}); unit tests pass a scripted fake to drive exact event orders.
 *
 * <p>Errors that cross this seam are API exceptions: a panic is a
 * {@link io.roomflux.reactor.CorePanicException}, a disposed core a
 * {@link io.roomflux.reactor.CoreClosedException}, and a request the core refused an
 * {@link io.roomflux.reactor.OperationFailedException} that {@link #explain} completes with the
 * core's reason. Every method may be called from any thread and none blocks on I/O.
 */
public interface Core {
  /**
   * Sends a synchronous request.
   *
   * @param request the request
   * @return the core's response
   * @throws io.roomflux.reactor.OperationFailedException if the core refused it
   */
  public FfiResponse request(FfiRequest request);

  /**
   * Sends an asynchronous request whose {@code request_async_id} is chosen and registered before
   * it is sent, so that a callback overtaking the response is never lost.
   *
   * @param build builds the request around the given async id
   * @return the accepted call; its callback completes on the dispatcher thread, or exceptionally
   *     with an API exception when the core panics or is disposed first
   */
  public AsyncCall call(LongFunction<FfiRequest> build);

  /**
   * Routes the events of one handle to a listener, on the dispatcher thread, until the route is
   * closed; {@link FfiEventListener#onTerminated} receives an API exception.
   *
   * @param handle the handle id the events name
   * @param listener the listener
   * @return the route
   */
  public EventRoute route(long handle, FfiEventListener listener);

  /**
   * Completes with the refusal plus the reason the core logged for it, or with the refusal itself
   * when none arrives in time. Never blocks.
   *
   * @param refusal an exception thrown by {@link #request} or {@link #call}
   * @return the exception to report
   */
  public CompletableFuture<RuntimeException> explain(RuntimeException refusal);

  /**
   * Owns every handle the core hands out, and counts them.
   *
   * @return the registry
   */
  public HandleRegistry handles();

  /**
   * Copies the bytes of a buffer the core handed over and drops its handle at once.
   *
   * @param buffer the owned buffer
   * @return its bytes
   */
  public byte[] takeBuffer(OwnedBuffer buffer);

  /**
   * Copies the samples of an audio frame buffer the core handed over and drops its handle.
   *
   * @param buffer the owned buffer
   * @return its interleaved samples
   */
  public short[] takeAudioFrame(OwnedAudioFrameBuffer buffer);

  /**
   * Copies i16 samples from core memory that has no handle of its own.
   *
   * @param address the first sample's address
   * @param count how many samples
   * @return a copy
   */
  public short[] copyNativeShorts(long address, int count);

  /**
   * Copies core memory into {@code destination}'s remaining bytes.
   *
   * @param address the source address
   * @param destination where to
   */
  public void copyNative(long address, ByteBuffer destination);

  /**
   * Drops at once every handle a message hands over.
   *
   * @param message a protocol message
   * @return how many handles were dropped
   */
  public int releaseAll(Message message);

  /**
   * Whether the caller runs on the dispatcher thread.
   *
   * @return true there
   */
  public boolean inDispatcher();

  /**
   * Counters of the core's health, as {@link io.roomflux.reactor.Diagnostics} reports them.
   *
   * @return events nobody was waiting for, failed upcall hand-offs, and panics
   */
  public CoreCounters counters();

  /** Counters of the core's health since it started. */
  public record CoreCounters(long unroutedEvents, long upcallFailures, long panics) {
  }
}
