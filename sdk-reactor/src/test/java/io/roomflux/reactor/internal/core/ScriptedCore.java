package io.roomflux.reactor.internal.core;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.EventRoute;
import io.roomflux.core.FfiEventListener;
import io.roomflux.core.HandleKind;
import io.roomflux.core.HandleRegistry;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.OwnedBuffer;
import io.roomflux.proto.Panic;
import io.roomflux.reactor.CorePanicException;
import io.roomflux.reactor.OperationFailedException;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A scripted {@link Core} for unit tests, in the spirit of r2dbc-postgresql's {@code TestClient}:
 * no native library, no server, and every order of events a test wants.
 *
 * <ul>
 *   <li>Every request that crosses the seam is recorded, in order, in {@link #journal()} together
 *       with routes opened and closed, callbacks and events delivered, and handles dropped, so a
 *       test can assert on exact orders (for example: ReadyForRoomEvent only after the room's route
 *       is installed; Disconnected before the first handle is dropped).</li>
 *   <li>Synchronous requests get the response {@link #answer} scripted for their kind (by default
 *       an empty one), or are {@link #refuse refused} with an {@link OperationFailedException}.</li>
 *   <li>The callback of an asynchronous call comes when the test says ({@link #complete}), right
 *       after the call if {@link #onCall} scripted it, or never.</li>
 *   <li>Events and callbacks are delivered on one dispatcher thread the fake owns, as livekit-ffi
 *       delivers them on one, in the order the test emits them; {@link #inDispatcher()} is true
 *       there. It is a Reactor single-thread scheduler, so BlockHound checks that nothing blocks on
 *       it, as it does on the real dispatcher.</li>
 *   <li>{@link #panic} does what a core panic does: pending calls and routes fail with
 *       {@link CorePanicException}, and so does every request after it.</li>
 *   <li>Handles are owned by a real {@link HandleRegistry} (leases, drops exactly once, counters),
 *       whose native drop is recorded: tests take ids from {@link #handle()},
 *       hand them over in callbacks and events, and see each drop in the journal.</li>
 * </ul>
 *
 * <p>Copies of native memory throw {@link UnsupportedOperationException}: unit tests move no
 * media. The methods that drive the fake ({@link #emit}, {@link #complete}, {@link #panic},
 * {@link #settle}) return once the dispatcher has run out of work, so what the events caused has
 * happened when they return; call them from the test's thread, never from the dispatcher.
 */
public final class ScriptedCore implements Core, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScriptedCore.class);
  /** How long the driving methods wait for the dispatcher before failing the test. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  /** One thing that crossed the seam, in {@link #journal()} order. */
  public sealed interface Step permits Sent, Refused, CallbackDelivered, Routed, Unrouted, RouteOpened,
      RouteClosed, RouteTerminated, Dropped, Panicked, Note {
  }

  /**
   * A request the core accepted.
   *
   * @param request the request
   * @param asyncId the async id registered for it, 0 for a synchronous request
   */
  public record Sent(FfiRequest request, long asyncId) implements Step {
    /**
     * The request's kind.
     *
     * @return the kind
     */
    public FfiRequest.MessageCase kind() {
      return request.getMessageCase();
    }
  }

  /**
   * A request the core refused (nothing stays registered for it).
   *
   * @param request the request
   */
  public record Refused(FfiRequest request) implements Step {
  }

  /**
   * A callback handed to the call waiting for it.
   *
   * @param asyncId the call's async id
   * @param kind the callback's kind
   */
  public record CallbackDelivered(long asyncId, FfiEvent.MessageCase kind) implements Step {
  }

  /**
   * An event handed to the route of its handle.
   *
   * @param handle the handle
   * @param event the event
   */
  public record Routed(long handle, FfiEvent event) implements Step {
  }

  /**
   * An event (or callback) nobody was waiting for; the handles it handed over were dropped.
   *
   * @param event the event
   */
  public record Unrouted(FfiEvent event) implements Step {
  }

  /**
   * A route installed.
   *
   * @param handle the routed handle
   */
  public record RouteOpened(long handle) implements Step {
  }

  /**
   * A route closed by its owner.
   *
   * @param handle the routed handle
   */
  public record RouteClosed(long handle) implements Step {
  }

  /**
   * A route ended by the core (a panic).
   *
   * @param handle the routed handle
   */
  public record RouteTerminated(long handle) implements Step {
  }

  /**
   * A handle given back to the core.
   *
   * @param handle the handle id
   * @param known whether the core had handed it out and not yet taken it back
   */
  public record Dropped(long handle, boolean known) implements Step {
  }

  /**
   * The core panicked.
   *
   * @param message the panic's message
   */
  public record Panicked(String message) implements Step {
  }

  /**
   * A mark the test put in the journal ({@link #note}).
   *
   * @param text the mark
   */
  public record Note(String text) implements Step {
  }

  /**
   * An asynchronous call the core accepted.
   *
   * @param asyncId its async id
   * @param request the request
   */
  public record Call(long asyncId, FfiRequest request) {
  }

  /** Makes the callback of a call right after it was sent. */
  @FunctionalInterface
  public interface CallbackScript {
    /**
     * The callback.
     *
     * @param request the call's request
     * @param asyncId the call's async id
     * @return the callback event, carrying {@code asyncId}
     */
    FfiEvent callback(FfiRequest request, long asyncId);
  }

  private final Scheduler dispatcher = Schedulers.newSingle("scripted-core-dispatch", true);
  private final Thread dispatcherThread;
  private final AtomicInteger queued = new AtomicInteger();
  private final List<Step> journal = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final Map<FfiRequest.MessageCase, Function<FfiRequest, FfiResponse>> answers = new ConcurrentHashMap<>();
  private final Map<FfiRequest.MessageCase, String> refusals = new ConcurrentHashMap<>();
  private final Map<FfiRequest.MessageCase, CallbackScript> callbacks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, CompletableFuture<FfiEvent>> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, ScriptedRoute> routes = new ConcurrentHashMap<>();
  private final Set<Long> issued = ConcurrentHashMap.newKeySet();
  private final AtomicLong handleIds = new AtomicLong(100);
  private final AtomicLong asyncIds = new AtomicLong();
  private final LongAdder unrouted = new LongAdder();
  private final LongAdder upcallFailures = new LongAdder();
  private final LongAdder panics = new LongAdder();
  private final HandleRegistry handles;
  private volatile @Nullable CorePanicException terminated;

  /** A fake core with nothing scripted: requests get empty responses, callbacks never come. */
  public ScriptedCore() {
    handles = registry(this::nativeDrop);
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    dispatcher.schedule(() -> thread.complete(Thread.currentThread()));
    dispatcherThread = await(thread);
  }

  // ---- scripting --------------------------------------------------------------------------------

  /**
   * Answers every later request of this kind (synchronous, or the immediate response of a call).
   *
   * @param kind the request kind
   * @param response the response for a request
   * @return this core
   */
  public ScriptedCore answer(FfiRequest.MessageCase kind, Function<FfiRequest, FfiResponse> response) {
    answers.put(kind, response);
    return this;
  }

  /**
   * Refuses every later request of this kind, as the core refuses a request naming an unknown
   * handle: the caller gets an {@link OperationFailedException} and nothing stays registered.
   *
   * @param kind the request kind
   * @param reason the core's reason
   * @return this core
   */
  public ScriptedCore refuse(FfiRequest.MessageCase kind, String reason) {
    refusals.put(kind, reason);
    return this;
  }

  /**
   * Delivers the callback of every later call of this kind on the dispatcher, right after the call
   * (as a separate upcall, after whatever the dispatcher is doing).
   *
   * @param kind the request kind
   * @param script makes the callback
   * @return this core
   */
  public ScriptedCore onCall(FfiRequest.MessageCase kind, CallbackScript script) {
    callbacks.put(kind, script);
    return this;
  }

  /**
   * Leaves the callbacks of later calls of this kind to the test again.
   *
   * @param kind the request kind
   * @return this core
   */
  public ScriptedCore leavePending(FfiRequest.MessageCase kind) {
    callbacks.remove(kind);
    return this;
  }

  // ---- driving ----------------------------------------------------------------------------------

  /**
   * A new handle id, as the core hands them out; put it in a callback or event to hand it over.
   *
   * @return an id never used before
   */
  public long handle() {
    long id = handleIds.incrementAndGet();
    issued.add(id);
    return id;
  }

  /**
   * Delivers events (room events, callbacks, panics) on the dispatcher, one upcall each, in this
   * order, as the real dispatcher routes them; returns once the dispatcher has run out of work.
   *
   * @param events the events
   */
  public void emit(FfiEvent... events) {
    for (FfiEvent event : events) {
      dispatch(() -> deliver(event));
    }
    settle();
  }

  /**
   * Delivers the callback of a call; returns once the dispatcher has run out of work.
   *
   * @param call the call
   * @param callback its callback, carrying the call's async id
   */
  public void complete(Call call, FfiEvent callback) {
    long id = asyncIdOf(callback);
    if (id != call.asyncId()) {
      throw new IllegalArgumentException("the callback names async id " + id + ", the call has " + call.asyncId());
    }
    emit(callback);
  }

  /**
   * Makes the core panic, as its Panic event does: every pending call and every route fails with
   * {@link CorePanicException}, and so does every later request. Returns once the dispatcher has
   * run out of work.
   *
   * @param message the panic's message
   */
  public void panic(String message) {
    emit(FfiEvent.newBuilder().setPanic(Panic.newBuilder().setMessage(message)).build());
  }

  /**
   * Runs a task on the dispatcher thread and returns once the dispatcher has run out of work.
   *
   * @param task the task
   */
  public void onDispatcher(Runnable task) {
    dispatch(task);
    settle();
  }

  /**
   * Puts a mark in the journal (from any thread, in the order it happens).
   *
   * @param text the mark
   */
  public void note(String text) {
    journal.add(new Note(text));
  }

  /**
   * Waits until the dispatcher has nothing queued, including work that what it ran queued.
   *
   * @throws IllegalStateException on the dispatcher, which would wait for itself
   */
  public void settle() {
    if (inDispatcher()) {
      throw new IllegalStateException("the dispatcher cannot wait for itself");
    }
    for (int round = 0; round < 10_000; round++) {
      CompletableFuture<Boolean> idle = new CompletableFuture<>();
      queued.incrementAndGet();
      dispatcher.schedule(() -> idle.complete(queued.decrementAndGet() == 0));
      if (await(idle)) {
        return;
      }
    }
    throw new AssertionError("the scripted dispatcher never ran out of work");
  }

  // ---- what happened ----------------------------------------------------------------------------

  /**
   * Everything that crossed the seam so far, in order.
   *
   * @return a snapshot
   */
  public List<Step> journal() {
    return List.copyOf(journal);
  }

  /**
   * The requests the core accepted, in order.
   *
   * @return a snapshot
   */
  public List<FfiRequest> sent() {
    return journal.stream().filter(Sent.class::isInstance).map(s -> ((Sent) s).request()).toList();
  }

  /**
   * The kinds of the requests the core accepted, in order.
   *
   * @return a snapshot
   */
  public List<FfiRequest.MessageCase> sentKinds() {
    return sent().stream().map(FfiRequest::getMessageCase).toList();
  }

  /**
   * The asynchronous calls of one kind the core accepted, in order.
   *
   * @param kind the request kind
   * @return a snapshot
   */
  public List<Call> calls(FfiRequest.MessageCase kind) {
    return journal.stream().filter(s -> s instanceof Sent sent && sent.asyncId() != 0 && sent.kind() == kind)
        .map(s -> new Call(((Sent) s).asyncId(), ((Sent) s).request())).toList();
  }

  /**
   * The one asynchronous call of this kind.
   *
   * @param kind the request kind
   * @return the call
   * @throws AssertionError unless exactly one was sent
   */
  public Call call(FfiRequest.MessageCase kind) {
    List<Call> calls = calls(kind);
    if (calls.size() != 1) {
      throw new AssertionError("expected one " + kind + " call, the core got " + calls.size() + ": " + sentKinds());
    }
    return calls.getFirst();
  }

  /**
   * Whether a call still waits for its callback.
   *
   * @param call the call
   * @return true while it is pending
   */
  public boolean isPending(Call call) {
    return pending.containsKey(call.asyncId());
  }

  /**
   * The handles given back so far, in order (a handle given back twice appears twice).
   *
   * @return a snapshot
   */
  public List<Long> dropped() {
    return journal.stream().filter(Dropped.class::isInstance).map(s -> ((Dropped) s).handle()).toList();
  }

  /**
   * Handles with a route now.
   *
   * @return a snapshot
   */
  public Set<Long> routedHandles() {
    return Set.copyOf(routes.keySet());
  }

  /**
   * What was thrown on the dispatcher (by a route listener, or by the fake itself); a test should
   * end with none.
   *
   * @return a snapshot
   */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  // ---- Core -------------------------------------------------------------------------------------

  @Override
  public FfiResponse request(FfiRequest request) {
    return send(request, 0);
  }

  @Override
  public AsyncCall call(LongFunction<FfiRequest> build) {
    // As livekit-ffi needs it: the id is chosen and registered before the request is sent.
    long asyncId = asyncIds.incrementAndGet();
    CompletableFuture<FfiEvent> callback = new CompletableFuture<>();
    pending.put(asyncId, callback);
    FfiRequest request;
    FfiResponse response;
    try {
      request = build.apply(asyncId);
      response = send(request, asyncId);
    } catch (RuntimeException e) {
      pending.remove(asyncId);
      throw e;
    }
    CorePanicException failure = terminated;
    if (failure != null && pending.remove(asyncId) != null) {
      callback.completeExceptionally(failure);
    }
    CallbackScript script = callbacks.get(request.getMessageCase());
    if (script != null) {
      FfiEvent event = script.callback(request, asyncId);
      dispatch(() -> deliver(event));
    }
    return new AsyncCall(asyncId, response, callback);
  }

  @Override
  public EventRoute route(long handle, FfiEventListener listener) {
    ScriptedRoute route = new ScriptedRoute(handle, listener);
    if (routes.putIfAbsent(handle, route) != null) {
      throw new IllegalStateException("handle " + handle + " already has an event route");
    }
    journal.add(new RouteOpened(handle));
    CorePanicException failure = terminated;
    if (failure != null && routes.remove(handle, route)) {
      journal.add(new RouteTerminated(handle));
      listener.onTerminated(failure);
    }
    return route;
  }

  @Override
  public CompletableFuture<RuntimeException> explain(RuntimeException refusal) {
    return CompletableFuture.completedFuture(refusal);
  }

  @Override
  public HandleRegistry handles() {
    return handles;
  }

  @Override
  public byte[] takeBuffer(OwnedBuffer buffer) {
    throw new UnsupportedOperationException("the scripted core has no native memory");
  }

  @Override
  public short[] takeAudioFrame(OwnedAudioFrameBuffer buffer) {
    // No native memory: the frame is silence of the size its info gives; its handle is dropped at
    // once, as the real core's is after the copy.
    handles.own(buffer.getHandle().getId(), HandleKind.AUDIO_FRAME_BUFFER).close();
    return new short[buffer.getInfo().getSamplesPerChannel() * buffer.getInfo().getNumChannels()];
  }

  @Override
  public short[] copyNativeShorts(long address, int count) {
    throw new UnsupportedOperationException("the scripted core has no native memory");
  }

  @Override
  public void copyNative(long address, ByteBuffer destination) {
    throw new UnsupportedOperationException("the scripted core has no native memory");
  }

  @Override
  public int releaseAll(Message message) {
    // As FfiClient does: own each handle the message hands over, and drop it at once.
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

  @Override
  public boolean inDispatcher() {
    return Thread.currentThread() == dispatcherThread;
  }

  @Override
  public CoreCounters counters() {
    return new CoreCounters(unrouted.sum(), upcallFailures.sum(), panics.sum());
  }

  /** Stops the dispatcher thread. */
  @Override
  public void close() {
    dispatcher.dispose();
  }

  // ---- the dispatcher ---------------------------------------------------------------------------

  private FfiResponse send(FfiRequest request, long asyncId) {
    CorePanicException failure = terminated;
    if (failure != null) {
      throw new CorePanicException(String.valueOf(failure.getMessage()), failure);
    }
    FfiRequest.MessageCase kind = request.getMessageCase();
    String refusal = refusals.get(kind);
    if (refusal != null) {
      journal.add(new Refused(request));
      throw new OperationFailedException(operationName(kind), refusal);
    }
    journal.add(new Sent(request, asyncId));
    Function<FfiRequest, FfiResponse> answer = answers.get(kind);
    return answer == null ? FfiResponse.getDefaultInstance() : answer.apply(request);
  }

  private void dispatch(Runnable task) {
    queued.incrementAndGet();
    dispatcher.schedule(() -> {
      try {
        task.run();
      } catch (Throwable t) {
        failures.add(t);
        log.error("failure on the scripted dispatcher", t);
      } finally {
        queued.decrementAndGet();
      }
    });
  }

  // Dispatcher thread: what FfiClient's dispatch does with an upcall.
  private void deliver(FfiEvent event) {
    switch (event.getMessageCase()) {
      case PANIC -> terminate(event.getPanic().getMessage());
      case ROOM_EVENT -> toHandle(event.getRoomEvent().getRoomHandle(), event);
      case AUDIO_STREAM_EVENT -> toHandle(event.getAudioStreamEvent().getStreamHandle(), event);
      case VIDEO_STREAM_EVENT -> toHandle(event.getVideoStreamEvent().getStreamHandle(), event);
      case BYTE_STREAM_READER_EVENT -> toHandle(event.getByteStreamReaderEvent().getReaderHandle(), event);
      case TEXT_STREAM_READER_EVENT -> toHandle(event.getTextStreamReaderEvent().getReaderHandle(), event);
      case DATA_TRACK_STREAM_EVENT -> toHandle(event.getDataTrackStreamEvent().getStreamHandle(), event);
      case RPC_METHOD_INVOCATION -> toHandle(event.getRpcMethodInvocation().getLocalParticipantHandle(), event);
      case CAPTURE_SOURCE_EVENT -> toHandle(event.getCaptureSourceEvent().getCaptureHandle(), event);
      case LOGS, TRACK_EVENT, MESSAGE_NOT_SET -> unrouted(event);
      default -> toAsyncId(event);
    }
  }

  private void toHandle(long handle, FfiEvent event) {
    ScriptedRoute route = routes.get(handle);
    if (route == null) {
      unrouted(event);
      return;
    }
    journal.add(new Routed(handle, event));
    try {
      route.listener.onEvent(event);
    } catch (RuntimeException e) {
      upcallFailures.increment();
      failures.add(e);
      log.error("route listener of handle {} failed", handle, e);
    }
  }

  private void toAsyncId(FfiEvent event) {
    CompletableFuture<FfiEvent> future = pending.remove(asyncIdOf(event));
    if (future == null) {
      unrouted(event);
      return;
    }
    journal.add(new CallbackDelivered(asyncIdOf(event), event.getMessageCase()));
    future.complete(event);
  }

  private void unrouted(FfiEvent event) {
    unrouted.increment();
    journal.add(new Unrouted(event));
    releaseAll(event);
  }

  private void terminate(String message) {
    CorePanicException error = new CorePanicException("the livekit-ffi core panicked: " + message,
        new IllegalStateException(message));
    synchronized (this) {
      if (terminated != null) {
        return;
      }
      terminated = error;
    }
    panics.increment();
    journal.add(new Panicked(message));
    for (Long id : List.copyOf(pending.keySet())) {
      CompletableFuture<FfiEvent> f = pending.remove(id);
      if (f != null) {
        f.completeExceptionally(error);
      }
    }
    for (ScriptedRoute route : List.copyOf(routes.values())) {
      if (routes.remove(route.handle, route)) {
        journal.add(new RouteTerminated(route.handle));
        try {
          route.listener.onTerminated(error);
        } catch (RuntimeException e) {
          failures.add(e);
          log.error("route listener failed on termination", e);
        }
      }
    }
  }

  private boolean nativeDrop(long id) {
    boolean known = issued.remove(id);
    journal.add(new Dropped(id, known));
    return known;
  }

  // HandleRegistry's constructor is package-private in sdk-core, and a test class cannot join the
  // package io.roomflux.core: the tests are compiled into the module io.roomflux.reactor, where
  // that package belongs to another module. They run on the class path, where reflection may open
  // the constructor. (A public factory in sdk-core would make this unnecessary.)
  private static HandleRegistry registry(LongPredicate nativeDrop) {
    try {
      Constructor<HandleRegistry> constructor = HandleRegistry.class.getDeclaredConstructor(LongPredicate.class);
      constructor.setAccessible(true);
      return constructor.newInstance(nativeDrop);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot create a HandleRegistry for the scripted core", e);
    }
  }

  private static long asyncIdOf(FfiEvent event) {
    FieldDescriptor oneof = event.getDescriptorForType().findFieldByNumber(event.getMessageCase().getNumber());
    if (oneof == null || oneof.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      throw new IllegalArgumentException(event.getMessageCase() + " is no callback");
    }
    Message callback = (Message) event.getField(oneof);
    FieldDescriptor asyncId = callback.getDescriptorForType().findFieldByName("async_id");
    if (asyncId == null) {
      throw new IllegalArgumentException(event.getMessageCase() + " carries no async id");
    }
    return (Long) callback.getField(asyncId);
  }

  private static String operationName(FfiRequest.MessageCase kind) {
    String[] words = kind.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the scripted dispatcher", e);
    } catch (ExecutionException e) {
      throw new AssertionError("the scripted dispatcher failed", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the scripted dispatcher did not answer within " + WAIT, e);
    }
  }

  private final class ScriptedRoute implements EventRoute {
    private final long handle;
    private final FfiEventListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    ScriptedRoute(long handle, FfiEventListener listener) {
      this.handle = handle;
      this.listener = listener;
    }

    @Override
    public long handle() {
      return handle;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true) && routes.remove(handle, this)) {
        journal.add(new RouteClosed(handle));
      }
    }
  }
}
