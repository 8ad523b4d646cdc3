package io.roomflux.core;

import com.google.protobuf.Message;
import io.roomflux.RoomFluxException;
import io.roomflux.core.internal.Dispatcher;
import io.roomflux.core.internal.LogForwarder;
import io.roomflux.core.internal.NativeCore;
import io.roomflux.core.internal.NativeLibraryLoader;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.OwnedBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's connection to the livekit-ffi core: one per JVM, opened on first use.
 *
 * <p><b>Requests.</b> {@link #request} encodes a request, calls the core, copies the response and
 * drops the response handle at once. {@link #call} does the same for asynchronous requests: it
 * chooses the {@code request_async_id} and registers the callback <em>before</em> sending, so a
 * callback that overtakes the response is never lost.
 *
 * <p><b>Events.</b> The core's callback copies each event and hands it to the dispatcher thread
 * ({@value Dispatcher#THREAD_NAME}), which decodes it and routes it: callbacks by async id,
 * everything else by the handle it concerns (room, stream, reader, participant) to the listener
 * registered with {@link #route}. Audio stream events are the exception: they are decoded and
 * routed on the core thread that emitted them, inside its callback, which saves a thread hop (a
 * wake-up) per 10 ms frame; the core emits one stream's events from one task, so they keep their
 * order, and their listener must not block either. Events for unknown handles are counted
 * ({@link #unroutedEvents()}) and logged at debug, and every handle they hand over is dropped.
 *
 * <p><b>Panics.</b> A core panic fails every pending call and every route with
 * {@link FfiPanicException}, and later requests fail the same way; the JVM keeps running.
 *
 * <p><b>Shutdown.</b> {@link #close()} disconnects rooms that are still open, then disposes the
 * core. It blocks: never call it on a non-blocking (Reactor) thread. A JVM shutdown hook closes
 * the client if the application did not.
 *
 * <p><b>Structure.</b> A facade over collaborators with one job each: {@code Transport} (the
 * synchronous request path), {@code Router} (pending calls, handle routes, termination),
 * {@code Buffers} (copies out of core memory), {@code Shutdown} (the ordered close) and
 * {@code ProcessClient} (the one instance per process).
 */
public final class FfiClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FfiClient.class);
  private static final String SDK = "roomflux";

  private final FfiClientOptions options;
  private final NativeCore core;
  private final LogForwarder logs = new LogForwarder();
  private final HandleRegistry handles;
  private final Buffers buffers;
  private final Router router;
  private final Transport transport;
  private final Dispatcher dispatcher;
  private final Shutdown shutdown;

  private FfiClient(FfiClientOptions options, NativeCore core) {
    this.options = options;
    this.core = core;
    this.handles = new HandleRegistry(core::dropHandle);
    AtomicBoolean closing = new AtomicBoolean();
    this.buffers = new Buffers(handles, core, closing::get);
    this.router = new Router(logs::forward, buffers::releaseAll);
    this.transport = new Transport(core::request, logs::position, router::terminated);
    this.dispatcher = new Dispatcher(router::dispatch);
    this.shutdown = new Shutdown(options.shutdownTimeout(), handles, router, transport, core::dispose,
        dispatcher, closing);
    // Log events no logger wants are dropped on the core's thread, read in place: no copy, no
    // wake-up; audio frames are taken there too (EventIntake); the rest goes to the dispatcher.
    core.initialize(new EventIntake(dispatcher::offer, router::dispatch, router::listener, buffers::takeAudioFrame),
        logs::wanted, options.captureLogs(), SDK, version());
  }

  // Loads and initializes the core; only ProcessClient calls it, once per process.
  static FfiClient start(FfiClientOptions options) {
    FfiClient client = new FfiClient(options, new NativeCore(new NativeLibraryLoader().locate()));
    log.debug("livekit-ffi core initialized (sdk {} {})", SDK, version());
    return client;
  }

  /**
   * The process's client, opened with default options on first use.
   *
   * @return the client
   * @throws NativeLibraryException if the core cannot be loaded
   * @throws FfiClosedException if it was closed already
   */
  public static FfiClient get() {
    return open(FfiClientOptions.defaults());
  }

  /**
   * The process's client, opened with these options if it is not open yet (otherwise the
   * options are ignored).
   *
   * @param options settings for a first open
   * @return the client
   * @throws NativeLibraryException if the core cannot be loaded
   * @throws FfiClosedException if it was closed already: the core cannot be started twice
   */
  public static FfiClient open(FfiClientOptions options) {
    return ProcessClient.PROCESS.open(options);
  }

  /**
   * Sends a synchronous request.
   *
   * @param request the request
   * @return the core's response
   * @throws FfiRequestException if the core refused it ({@link #explain} adds the reason)
   * @throws FfiPanicException after a core panic
   * @throws FfiClosedException after {@link #close()}
   */
  public FfiResponse request(FfiRequest request) {
    return transport.request(request);
  }

  /**
   * Sends an asynchronous request with an async id chosen and registered first.
   *
   * @param build builds the request around the given {@code request_async_id}
   * @return the accepted call and its pending callback
   * @throws FfiRequestException if the core refused it (nothing stays registered)
   * @throws FfiPanicException after a core panic
   * @throws FfiClosedException after {@link #close()}
   */
  public AsyncCall call(LongFunction<FfiRequest> build) {
    return router.call(build, transport::request);
  }

  /**
   * Routes the events of one handle to a listener until the route is closed.
   *
   * @param handle the handle id the events name
   * @param listener runs on the dispatcher thread (audio stream events: on the core's thread)
   * @return the registration
   * @throws IllegalStateException if the handle is routed already
   */
  public EventRoute route(long handle, FfiEventListener listener) {
    return router.route(handle, listener);
  }

  /**
   * Completes with the refusal plus the reason the core logged for it (an
   * {@link UnknownHandleException} when the handle was unknown), or with the same exception when
   * no reason arrives within {@link FfiClientOptions#explainWait()}. Never blocks.
   *
   * @param refusal an exception thrown by {@link #request} or {@link #call}
   * @return the exception to report
   */
  public CompletableFuture<FfiRequestException> explain(FfiRequestException refusal) {
    if (refusal.coreReason().isPresent() || !options.captureLogs()) {
      return CompletableFuture.completedFuture(refusal);
    }
    return logs.explain(refusal, refusal.position(), options.explainWait().toMillis(),
        ForkJoinPool.commonPool());
  }

  /**
   * Copies the bytes of a buffer the core handed over and drops its handle at once.
   *
   * @param buffer an owned buffer from an event
   * @return a copy of its bytes
   */
  public byte[] takeBuffer(OwnedBuffer buffer) {
    return buffers.takeBuffer(buffer);
  }

  /**
   * Copies the samples of an audio frame buffer the core handed over (interleaved i16,
   * {@code num_channels * samples_per_channel} of them) and drops its handle at once, also when
   * the copy fails.
   *
   * @param buffer an owned audio frame buffer from a response or event
   * @return a copy of its samples
   * @throws FfiClosedException after {@link #close()}: the core's memory is gone
   */
  public short[] takeAudioFrame(OwnedAudioFrameBuffer buffer) {
    return buffers.takeAudioFrame(buffer);
  }

  /**
   * Copies i16 samples from core memory that has no handle of its own, such as a SoX
   * resampler's output, which stays valid only until the next request on that resampler.
   *
   * @param address the first sample's address, as the core gave it
   * @param count how many samples
   * @return a copy
   * @throws FfiClosedException after {@link #close()}: the core's memory is gone
   */
  public short[] copyNativeShorts(long address, int count) {
    return buffers.copyNativeShorts(address, count);
  }

  /**
   * Copies core memory (a plane of a video buffer the caller owns the handle of) into
   * {@code destination}: {@code destination.remaining()} bytes, written from its position;
   * no position moves. The caller keeps the buffer's handle alive during the copy.
   *
   * @param address the source address, as the core gave it
   * @param destination a writable buffer
   * @throws FfiClosedException after {@link #close()}: the core's memory is gone
   */
  public void copyNative(long address, ByteBuffer destination) {
    buffers.copyNative(address, destination);
  }

  /**
   * Takes ownership of every {@code FfiOwnedHandle} inside a message and drops it at once: for
   * events whose objects the caller does not keep, so none of their handles leaks.
   *
   * @param message any protocol message
   * @return how many handles were released
   */
  public int releaseAll(Message message) {
    return buffers.releaseAll(message);
  }

  /**
   * The registry of live handles, which also creates owners for handles the core hands out.
   *
   * @return the registry
   */
  public HandleRegistry handles() {
    return handles;
  }

  /**
   * Events that named a handle or async id nobody was waiting for.
   *
   * @return the count since start
   */
  public long unroutedEvents() {
    return router.unroutedEvents();
  }

  int pendingCalls() {
    return router.pendingCalls();
  }

  /**
   * Upcalls whose hand-off failed (should stay 0).
   *
   * @return the count since start
   */
  public long upcallFailures() {
    return core.upcallFailures();
  }

  /**
   * Whether the caller runs on the dispatcher thread.
   *
   * @return true on the dispatcher thread
   */
  public boolean inDispatcher() {
    return dispatcher.inDispatcher();
  }

  /**
   * Why the client stopped serving requests, if it did.
   *
   * @return the panic or close, if any
   */
  public Optional<RoomFluxException> failure() {
    return Optional.ofNullable(router.terminated());
  }

  /**
   * Disconnects rooms that are still open (a dropped room handle alone does not leave the room),
   * waits up to {@link FfiClientOptions#shutdownTimeout()} for them, disposes the core, fails
   * what is pending with {@link FfiClosedException} and stops the dispatcher. Idempotent.
   * Blocking: never call it on a non-blocking thread.
   */
  @Override
  public void close() {
    shutdown.run();
  }

  // Whether close() began; a closed client is never handed out again.
  boolean closed() {
    return shutdown.started();
  }

  private static String version() {
    try (InputStream in = FfiClient.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
