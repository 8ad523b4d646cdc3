package io.roomflux.core;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.roomflux.RoomFluxException;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.LogBatch;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where core events go: callbacks to the pending call with their async id, everything else to the
 * listener routed for the handle it concerns. Also the termination state: the first panic or
 * close fails every pending call and every route exactly once, and what registers afterwards
 * fails at once.
 *
 * <p>{@link #dispatch} runs on the dispatcher thread, and for audio stream events on the core
 * thread that emitted them ({@link EventIntake}); it is thread-safe, as is everything else.
 */
final class Router {
  // Under FfiClient's name, where these lines were logged before the split.
  private static final Logger log = LoggerFactory.getLogger(FfiClient.class);
  // Immutable after class initialization: which field of each callback holds its async id.
  private static final Map<FfiEvent.MessageCase, FieldDescriptor> CALLBACK_ASYNC_ID = asyncIdFields();

  private final Consumer<LogBatch> logs;
  private final ToIntFunction<Message> release;
  private final ConcurrentHashMap<Long, CompletableFuture<FfiEvent>> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Route> routes = new ConcurrentHashMap<>();
  // Our async ids live far above the core's own counter, which makes them easy to tell apart.
  private final AtomicLong asyncIds = new AtomicLong(1L << 40);
  private final LongAdder unrouted = new LongAdder();
  private final Object terminationLock = new Object();
  private volatile @Nullable RoomFluxException terminated;

  /**
   * @param logs takes the core's log batches (dispatcher thread)
   * @param release drops every handle inside an event nobody takes, returning how many
   */
  Router(Consumer<LogBatch> logs, ToIntFunction<Message> release) {
    this.logs = logs;
    this.release = release;
  }

  /**
   * Chooses an async id, registers its callback, then sends the request built around it, so a
   * callback that overtakes the response is never lost.
   *
   * @param build builds the request around the async id
   * @param send sends it
   * @return the accepted call
   * @throws RuntimeException what {@code send} threw; nothing stays registered then
   */
  AsyncCall call(LongFunction<FfiRequest> build, Function<FfiRequest, FfiResponse> send) {
    long asyncId = asyncIds.incrementAndGet();
    CompletableFuture<FfiEvent> callback = new CompletableFuture<>();
    pending.put(asyncId, callback);
    FfiResponse response;
    try {
      response = send.apply(build.apply(asyncId));
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
   * Routes the events of one handle to a listener until the route is closed; after termination
   * the listener is told at once and nothing stays registered.
   *
   * @throws IllegalStateException if the handle is routed already
   */
  EventRoute route(long handle, FfiEventListener listener) {
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

  /** Routes one decoded event. On the dispatcher thread, or a core thread for audio stream events. */
  void dispatch(FfiEvent event) {
    switch (event.getMessageCase()) {
      case LOGS -> logs.accept(event.getLogs());
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

  /** The listener routed for a handle, if any (for {@link EventIntake}'s audio frames). */
  @Nullable FfiEventListener listener(long handle) {
    Route route = routes.get(handle);
    return route == null ? null : route.listener;
  }

  /**
   * Stops routing for good: the first call wins, fails every pending call and tells every
   * route's listener; later calls do nothing.
   *
   * @param error an {@link FfiPanicException} or {@link FfiClosedException}
   */
  void terminate(RoomFluxException error) {
    synchronized (terminationLock) {
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

  /** The panic or close that stopped routing, or null while it runs. */
  @Nullable RoomFluxException terminated() {
    return terminated;
  }

  /** Events that named a handle or async id nobody was waiting for, since start. */
  long unroutedEvents() {
    return unrouted.sum();
  }

  /** Calls whose callback has not come yet. */
  int pendingCalls() {
    return pending.size();
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
    int released = release.applyAsInt(event);
    log.debug("no route for {} ({}), ignored; {} handle(s) released", event.getMessageCase(), key, released);
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
    return Collections.unmodifiableMap(fields);
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
