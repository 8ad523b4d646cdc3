package io.roomflux.core;

import io.roomflux.RoomFluxException;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.roomflux.core.internal.Dispatcher;
import io.roomflux.core.internal.LogForwarder;
import io.roomflux.core.internal.NativeCore;
import io.roomflux.core.internal.NativeLibraryLoader;
import io.roomflux.proto.DisconnectReason;
import io.roomflux.proto.DisconnectRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
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
 * registered with {@link #route}. Events for unknown handles are counted
 * ({@link #unroutedEvents()}) and logged at debug, and every handle they hand over is dropped.
 *
 * <p><b>Panics.</b> A core panic fails every pending call and every route with
 * {@link FfiPanicException}, and later requests fail the same way; the JVM keeps running.
 *
 * <p><b>Shutdown.</b> {@link #close()} disconnects rooms that are still open, then disposes the
 * core. It blocks: never call it on a non-blocking (Reactor) thread. A JVM shutdown hook closes
 * the client if the application did not.
 */
public final class FfiClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FfiClient.class);
  private static final String SDK = "roomflux";
  private static final Object INSTANCE_LOCK = new Object();
  private static @Nullable FfiClient instance;

  private static final Map<FfiEvent.MessageCase, FieldDescriptor> CALLBACK_ASYNC_ID = asyncIdFields();
  private static final Map<FfiRequest.MessageCase, String> REQUEST_KINDS = requestKinds();

  private final FfiClientOptions options;
  private final NativeCore core;
  private final Dispatcher dispatcher;
  private final LogForwarder logs = new LogForwarder();
  private final HandleRegistry handles;
  private final ConcurrentHashMap<Long, CompletableFuture<FfiEvent>> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Route> routes = new ConcurrentHashMap<>();
  // Our async ids live far above the core's own counter, which makes them easy to tell apart.
  private final AtomicLong asyncIds = new AtomicLong(1L << 40);
  private final LongAdder unrouted = new LongAdder();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile @Nullable RoomFluxException terminated;

  private FfiClient(FfiClientOptions options, NativeCore core) {
    this.options = options;
    this.core = core;
    this.handles = new HandleRegistry(core::dropHandle);
    this.dispatcher = new Dispatcher(this::dispatch);
    core.initialize(dispatcher::offer, options.captureLogs(), SDK, version());
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
    synchronized (INSTANCE_LOCK) {
      FfiClient c = instance;
      if (c == null) {
        c = new FfiClient(options, new NativeCore(new NativeLibraryLoader().locate()));
        instance = c;
        FfiClient client = c;
        Runtime.getRuntime().addShutdownHook(
            Thread.ofPlatform().name("roomflux-ffi-shutdown").unstarted(client::close));
        log.debug("livekit-ffi core initialized (sdk {} {})", SDK, version());
      } else if (c.closing.get()) {
        throw new FfiClosedException("the livekit-ffi core of this process was disposed; "
            + "it cannot be started again in the same JVM");
      }
      return c;
    }
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
    RoomFluxException failure = terminated;
    if (failure != null) {
      throw rethrow(failure);
    }
    long position = logs.position();
    byte[] response = core.request(request.toByteArray());
    if (response == null) {
      throw new FfiRequestException(REQUEST_KINDS.getOrDefault(request.getMessageCase(), "request"), null)
          .at(position);
    }
    try {
      return FfiResponse.parseFrom(response);
    } catch (InvalidProtocolBufferException e) {
      throw new RoomFluxException("undecodable response from livekit-ffi", e);
    }
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
    long asyncId = asyncIds.incrementAndGet();
    CompletableFuture<FfiEvent> callback = new CompletableFuture<>();
    pending.put(asyncId, callback);
    FfiResponse response;
    try {
      response = request(build.apply(asyncId));
    } catch (RuntimeException e) {
      pending.remove(asyncId);
      throw e;
    }
    // A panic or close that raced the registration must not leave the callback pending.
    RoomFluxException failure = terminated;
    if (failure != null && pending.remove(asyncId) != null) {
      callback.completeExceptionally(failure);
    }
    return new AsyncCall(asyncId, response, callback);
  }

  /**
   * Routes the events of one handle to a listener until the route is closed.
   *
   * @param handle the handle id the events name
   * @param listener runs on the dispatcher thread
   * @return the registration
   * @throws IllegalStateException if the handle is routed already
   */
  public EventRoute route(long handle, FfiEventListener listener) {
    Route route = new Route(handle, listener);
    if (routes.putIfAbsent(handle, route) != null) {
      throw new IllegalStateException("handle " + handle + " already has an event route");
    }
    RoomFluxException failure = terminated;
    if (failure != null && routes.remove(handle, route)) {
      listener.onTerminated(failure);
    }
    return route;
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
  public byte[] takeBuffer(io.roomflux.proto.OwnedBuffer buffer) {
    OwnedHandle owned = handles.own(buffer.getHandle().getId(), HandleKind.OTHER);
    try {
      return core.copy(buffer.getData().getDataPtr(), buffer.getData().getDataLen());
    } finally {
      owned.close();
    }
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
  public short[] takeAudioFrame(io.roomflux.proto.OwnedAudioFrameBuffer buffer) {
    OwnedHandle owned = handles.own(buffer.getHandle().getId(), HandleKind.AUDIO_FRAME_BUFFER);
    try {
      io.roomflux.proto.AudioFrameBufferInfo info = buffer.getInfo();
      return copyNativeShorts(info.getDataPtr(),
          Math.multiplyExact(info.getNumChannels(), info.getSamplesPerChannel()));
    } finally {
      owned.close();
    }
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
    if (count < 0) {
      throw new IllegalArgumentException("negative sample count " + count);
    }
    if (count > 0 && address == 0) {
      throw new IllegalArgumentException("null address for " + count + " samples");
    }
    ensureOpen();
    return core.copyShorts(address, count);
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
  public void copyNative(long address, java.nio.ByteBuffer destination) {
    if (destination.isReadOnly()) {
      throw new IllegalArgumentException("destination is read-only");
    }
    if (destination.hasRemaining() && address == 0) {
      throw new IllegalArgumentException("null address for " + destination.remaining() + " bytes");
    }
    ensureOpen();
    core.copyInto(address, destination);
  }

  private void ensureOpen() {
    if (closing.get()) {
      throw new FfiClosedException("the livekit-ffi core was disposed; its buffers are gone");
    }
  }

  /**
   * Takes ownership of every {@code FfiOwnedHandle} inside a message and drops it at once: for
   * events whose objects the caller does not keep, so none of their handles leaks.
   *
   * @param message any protocol message
   * @return how many handles were released
   */
  public int releaseAll(Message message) {
    int released = 0;
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
      for (Object value : values) {
        if (value instanceof io.roomflux.proto.FfiOwnedHandle owned) {
          handles.own(owned.getId(), HandleKind.OTHER).close();
          released++;
        } else if (value instanceof Message nested) {
          released += releaseAll(nested);
        }
      }
    }
    return released;
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
    return unrouted.sum();
  }

  int pendingCalls() {
    return pending.size();
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
    return Optional.ofNullable(terminated);
  }

  /**
   * Disconnects rooms that are still open (a dropped room handle alone does not leave the room),
   * waits up to {@link FfiClientOptions#shutdownTimeout()} for them, disposes the core, fails
   * what is pending with {@link FfiClosedException} and stops the dispatcher. Idempotent.
   * Blocking: never call it on a non-blocking thread.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    List<CompletableFuture<FfiEvent>> disconnects = new ArrayList<>();
    if (terminated == null) {
      for (long room : handles.liveIds(HandleKind.ROOM)) {
        try {
          disconnects.add(call(id -> FfiRequest.newBuilder().setDisconnect(DisconnectRequest.newBuilder()
              .setRoomHandle(room).setRequestAsyncId(id).setReason(DisconnectReason.CLIENT_INITIATED))
              .build()).callback());
        } catch (RoomFluxException e) {
          log.debug("room {} could not be disconnected at shutdown: {}", room, e.getMessage());
        }
      }
    }
    try {
      CompletableFuture.allOf(disconnects.toArray(CompletableFuture[]::new))
          .get(options.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("{} room(s) did not confirm their disconnect within {}", disconnects.size(),
          options.shutdownTimeout());
    } catch (ExecutionException e) {
      log.debug("a room failed to disconnect at shutdown", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    core.dispose();
    handles.coreDisposed();
    terminate(new FfiClosedException("the livekit-ffi core was disposed"));
    dispatcher.stop();
    try {
      dispatcher.join(options.shutdownTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch(FfiEvent event) {
    switch (event.getMessageCase()) {
      case LOGS -> logs.forward(event.getLogs());
      case PANIC -> {
        log.error("livekit-ffi core panicked: {}", event.getPanic().getMessage());
        terminate(new FfiPanicException(event.getPanic().getMessage()));
      }
      case ROOM_EVENT -> toHandle(event.getRoomEvent().getRoomHandle(), event);
      case AUDIO_STREAM_EVENT -> toHandle(event.getAudioStreamEvent().getStreamHandle(), event);
      case VIDEO_STREAM_EVENT -> toHandle(event.getVideoStreamEvent().getStreamHandle(), event);
      case BYTE_STREAM_READER_EVENT -> toHandle(event.getByteStreamReaderEvent().getReaderHandle(), event);
      case TEXT_STREAM_READER_EVENT -> toHandle(event.getTextStreamReaderEvent().getReaderHandle(), event);
      case DATA_TRACK_STREAM_EVENT -> toHandle(event.getDataTrackStreamEvent().getStreamHandle(), event);
      case RPC_METHOD_INVOCATION -> toHandle(event.getRpcMethodInvocation().getLocalParticipantHandle(), event);
      case CAPTURE_SOURCE_EVENT -> toHandle(event.getCaptureSourceEvent().getCaptureHandle(), event);
      case TRACK_EVENT, MESSAGE_NOT_SET -> unrouted(event, 0);
      default -> toAsyncId(event);
    }
  }

  private void toHandle(long handle, FfiEvent event) {
    Route route = routes.get(handle);
    if (route == null) {
      unrouted(event, handle);
      return;
    }
    route.listener.onEvent(event);
  }

  private void toAsyncId(FfiEvent event) {
    FieldDescriptor field = CALLBACK_ASYNC_ID.get(event.getMessageCase());
    if (field == null) {
      unrouted(event, 0);
      return;
    }
    Message callback = (Message) event.getField(event.getDescriptorForType()
        .findFieldByNumber(event.getMessageCase().getNumber()));
    long asyncId = (Long) callback.getField(field);
    CompletableFuture<FfiEvent> future = pending.remove(asyncId);
    if (future == null) {
      unrouted(event, asyncId);
      return;
    }
    future.complete(event);
  }

  private void unrouted(FfiEvent event, long key) {
    unrouted.increment();
    // Nobody will take what the event hands over (a frame for a stream that was just closed, or
    // that arrived before its route existed): drop it, or its native memory would leak.
    int released = releaseAll(event);
    log.debug("no route for {} ({}), ignored; {} handle(s) released", event.getMessageCase(), key, released);
  }

  private void terminate(RoomFluxException error) {
    synchronized (this) {
      if (terminated != null) {
        return;
      }
      terminated = error;
    }
    for (Long id : List.copyOf(pending.keySet())) {
      CompletableFuture<FfiEvent> f = pending.remove(id);
      if (f != null) {
        f.completeExceptionally(error);
      }
    }
    for (Route route : List.copyOf(routes.values())) {
      if (routes.remove(route.handle, route)) {
        try {
          route.listener.onTerminated(error);
        } catch (RuntimeException e) {
          log.error("route listener failed on termination", e);
        }
      }
    }
  }

  private static RuntimeException rethrow(RoomFluxException failure) {
    return failure instanceof FfiPanicException panic
        ? new FfiPanicException(panic)
        : new FfiClosedException(failure.getMessage());
  }

  private static Map<FfiEvent.MessageCase, FieldDescriptor> asyncIdFields() {
    Map<FfiEvent.MessageCase, FieldDescriptor> fields = new EnumMap<>(FfiEvent.MessageCase.class);
    for (FfiEvent.MessageCase c : FfiEvent.MessageCase.values()) {
      if (c == FfiEvent.MessageCase.MESSAGE_NOT_SET) {
        continue;
      }
      FieldDescriptor oneofField = FfiEvent.getDescriptor().findFieldByNumber(c.getNumber());
      FieldDescriptor asyncId = oneofField.getMessageType().findFieldByName("async_id");
      if (asyncId != null) {
        fields.put(c, asyncId);
      }
    }
    return fields;
  }

  private static Map<FfiRequest.MessageCase, String> requestKinds() {
    Map<FfiRequest.MessageCase, String> kinds = new EnumMap<>(FfiRequest.MessageCase.class);
    for (FfiRequest.MessageCase c : FfiRequest.MessageCase.values()) {
      if (c != FfiRequest.MessageCase.MESSAGE_NOT_SET) {
        kinds.put(c, FfiRequest.getDescriptor().findFieldByNumber(c.getNumber()).getMessageType().getName());
      }
    }
    return kinds;
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

  private final class Route implements EventRoute {
    private final long handle;
    private final FfiEventListener listener;

    Route(long handle, FfiEventListener listener) {
      this.handle = handle;
      this.listener = listener;
    }

    @Override
    public long handle() {
      return handle;
    }

    @Override
    public void close() {
      routes.remove(handle, this);
    }
  }
}
