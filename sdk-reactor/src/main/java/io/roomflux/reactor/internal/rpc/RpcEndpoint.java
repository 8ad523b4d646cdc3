package io.roomflux.reactor.internal.rpc;

import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.rpc.RpcException;
import io.roomflux.reactor.rpc.RpcInvocation;
import io.roomflux.reactor.rpc.RpcRegistration;
import io.roomflux.core.EventRoute;
import io.roomflux.core.FfiEventListener;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.RoomFluxException;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.RegisterRpcMethodRequest;
import io.roomflux.proto.RpcError;
import io.roomflux.proto.RpcMethodInvocationEvent;
import io.roomflux.proto.RpcMethodInvocationResponseRequest;
import io.roomflux.proto.UnregisterRpcMethodRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The callee side of RPC for one room: the method handlers, and the one event route on the local
 * participant handle through which the core delivers {@link RpcMethodInvocationEvent}s.
 *
 * <p>The route listener runs on the dispatcher thread; it only looks the handler up and
 * subscribes. Handlers run on the room's user scheduler, each answer is sent exactly once (from
 * whichever thread finished the handler, or the timer on a timeout), and the core keeps an
 * invocation pending until it is answered, so every path ends in an answer unless the room is
 * gone.
 */
public final class RpcEndpoint implements FfiEventListener {
  private static final Logger log = LoggerFactory.getLogger(RpcEndpoint.class);
  /** Used when an invocation carries no timeout; the caller's default too. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

  private final DefaultRoom room;
  private final OwnedHandle local;
  private final ConcurrentHashMap<String, Registration> handlers = new ConcurrentHashMap<>();
  /** Interceptors around every handler, the first added outermost. */
  private final java.util.concurrent.CopyOnWriteArrayList<io.roomflux.reactor.rpc.RpcInterceptor> interceptors =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  // Invocations being handled; answered with RECIPIENT_DISCONNECTED when the room disconnects.
  private final Set<Answer> running = ConcurrentHashMap.newKeySet();
  // Set once the room starts disconnecting: new invocations are refused from then on.
  private volatile boolean disconnecting;
  private volatile boolean closed;
  private @Nullable EventRoute route; // guarded by this

  public RpcEndpoint(DefaultRoom room, OwnedHandle local) {
    this.room = room;
    this.local = local;
  }

  /**
   * Adds an interceptor around every handler, inside those added before.
   *
   * @return disposing it removes the interceptor (calls already running keep it)
   */
  public reactor.core.Disposable intercept(io.roomflux.reactor.rpc.RpcInterceptor interceptor) {
    Objects.requireNonNull(interceptor, "interceptor");
    // A wrapper of its own, so that the same interceptor added twice is removed once per disposal.
    io.roomflux.reactor.rpc.RpcInterceptor added = interceptor::intercept;
    interceptors.add(added);
    return reactor.core.Disposables.composite(() -> interceptors.remove(added));
  }

  /** The handler inside the interceptors as they are now. */
  private Function<RpcInvocation, Mono<String>> chain(Function<RpcInvocation, Mono<String>> handler) {
    Function<RpcInvocation, Mono<String>> chain = handler;
    List<io.roomflux.reactor.rpc.RpcInterceptor> now = List.copyOf(interceptors);
    for (int i = now.size() - 1; i >= 0; i--) {
      io.roomflux.reactor.rpc.RpcInterceptor interceptor = now.get(i);
      Function<RpcInvocation, Mono<String>> next = chain;
      chain = invocation -> Mono.defer(() -> interceptor.intercept(invocation, next));
    }
    return chain;
  }

  public RpcRegistration register(String method, Function<RpcInvocation, Mono<String>> handler) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(handler, "handler");
    if (!room.isOpen()) {
      throw closedError("registerRpcMethod");
    }
    ensureRoute();
    Registration registration = new Registration(method, handler);
    if (handlers.putIfAbsent(method, registration) != null) {
      throw new IllegalStateException("RPC method '" + method + "' is registered already; "
          + "dispose its registration first");
    }
    try {
      if (!room.isOpen()) {
        throw closedError("registerRpcMethod");
      }
      try (Lease lease = local.lease()) {
        room.ffi().request(FfiRequest.newBuilder().setRegisterRpcMethod(RegisterRpcMethodRequest.newBuilder()
            .setLocalParticipantHandle(lease.id()).setMethod(method)).build());
      } catch (HandleClosedException e) {
        throw closedError("registerRpcMethod");
      }
    } catch (RuntimeException e) {
      handlers.remove(method, registration);
      throw e;
    }
    if (closed) {
      // close() may have run between our check and the request, and missed this method.
      unregisterInCore(method);
      handlers.remove(method, registration);
      throw closedError("registerRpcMethod");
    }
    return registration;
  }

  private synchronized void ensureRoute() {
    if (closed) {
      throw closedError("registerRpcMethod");
    }
    if (route == null) {
      route = room.ffi().route(local.id(), this);
    }
  }

  /**
   * The room starts disconnecting: answers every running invocation with
   * {@link RpcException#RECIPIENT_DISCONNECTED} while the answers can still reach their callers
   * (as LiveKit's Python SDK does before it disconnects), cancels its handler, and refuses
   * invocations that still arrive the same way. Idempotent; any thread.
   */
  public void disconnecting() {
    disconnecting = true;
    for (Answer answer : List.copyOf(running)) {
      answer.abandon();
    }
  }

  /**
   * Releases everything before the local participant handle closes: running handlers (answered
   * as in {@link #disconnecting()}, in case the room closed without a disconnect of ours), the
   * route, and the core's registrations (its handlers refer to the room, so they are removed even
   * though the room is gone). Idempotent; any thread.
   */
  public void close() {
    disconnecting();
    EventRoute current;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      current = route;
      route = null;
    }
    if (current != null) {
      current.close();
    }
    for (String method : List.copyOf(handlers.keySet())) {
      unregisterInCore(method);
    }
    handlers.clear();
  }

  private RoomClosedException closedError(String operation) {
    return new RoomClosedException(operation + " refused: room '" + room.name() + "' is closed or closing");
  }

  private void unregisterInCore(String method) {
    try (Lease lease = local.lease()) {
      room.ffi().request(FfiRequest.newBuilder().setUnregisterRpcMethod(UnregisterRpcMethodRequest.newBuilder()
          .setLocalParticipantHandle(lease.id()).setMethod(method)).build());
    } catch (RoomFluxException e) {
      log.debug("RPC method '{}' could not be unregistered: {}", method, e.getMessage());
    }
  }

  // ---- invocations (dispatcher thread) ------------------------------------------------------

  @Override
  public void onEvent(FfiEvent event) {
    if (event.getMessageCase() != FfiEvent.MessageCase.RPC_METHOD_INVOCATION || closed) {
      return;
    }
    RpcMethodInvocationEvent e = event.getRpcMethodInvocation();
    if (disconnecting) {
      answer(e.getInvocationId(), null, RpcException.builtIn(RpcException.RECIPIENT_DISCONNECTED));
      return;
    }
    Registration registration = handlers.get(e.getMethod());
    if (registration == null) {
      // Unregistered in the core already, or about to be: the core still waits for an answer.
      answer(e.getInvocationId(), null, RpcException.builtIn(RpcException.UNSUPPORTED_METHOD));
      return;
    }
    registration.invoke(e);
  }

  private void answer(long invocationId, @Nullable String payload, @Nullable RpcException error) {
    RpcMethodInvocationResponseRequest.Builder request = RpcMethodInvocationResponseRequest.newBuilder()
        .setInvocationId(invocationId);
    if (error != null) {
      RpcError.Builder rpcError = RpcError.newBuilder().setCode(error.code())
          .setMessage(truncate(error.message(), RpcException.MAX_MESSAGE_BYTES));
      error.data().ifPresent(d -> rpcError.setData(truncate(d, RpcException.MAX_PAYLOAD_BYTES)));
      request.setError(rpcError);
    } else if (payload != null) {
      request.setPayload(payload);
    }
    try (Lease lease = local.lease()) {
      var response = room.ffi().request(FfiRequest.newBuilder()
          .setRpcMethodInvocationResponse(request.setLocalParticipantHandle(lease.id())).build())
          .getRpcMethodInvocationResponse();
      if (response.hasError()) {
        log.debug("answer to RPC invocation {} not delivered: {}", invocationId, response.getError());
      }
    } catch (RoomFluxException e) {
      log.debug("answer to RPC invocation {} not sent: {}", invocationId, e.getMessage());
    }
  }

  public static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String truncate(String s, int maxBytes) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= maxBytes) {
      return s;
    }
    int end = maxBytes;
    // Never cut inside a character: step back to the first byte of the one that does not fit.
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private final class Registration implements RpcRegistration {
    private final String method;
    private final Function<RpcInvocation, Mono<String>> handler;
    private final AtomicBoolean disposed = new AtomicBoolean();

    Registration(String method, Function<RpcInvocation, Mono<String>> handler) {
      this.method = method;
      this.handler = handler;
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public void dispose() {
      if (!disposed.compareAndSet(false, true)) {
        return;
      }
      // Core first, map second: an invocation the core still delivers meanwhile is handled.
      if (room.isOpen() && !closed) {
        unregisterInCore(method);
      }
      handlers.remove(method, this);
    }

    @Override
    public boolean isDisposed() {
      return disposed.get() || closed;
    }

    void invoke(RpcMethodInvocationEvent e) {
      Duration timeout = e.getResponseTimeoutMs() > 0
          ? Duration.ofMillis(e.getResponseTimeoutMs()) : DEFAULT_RESPONSE_TIMEOUT;
      RpcInvocation invocation = new RpcInvocation(e.getRequestId(), e.getCallerIdentity(), e.getMethod(),
          e.getPayload(), timeout);
      Answer answer = new Answer(e.getInvocationId(), method);
      running.add(answer);
      if (disconnecting) {
        answer.abandon(); // disconnecting() may have missed it
        return;
      }
      LiveKitOptions options = room.options();
      Function<RpcInvocation, Mono<String>> chain = chain(handler);
      Mono.defer(() -> chain.apply(invocation))
          .subscribeOn(options.scheduler())
          .timeout(timeout, Mono.defer(() -> Mono.<String>error(RpcException.builtIn(RpcException.RESPONSE_TIMEOUT))),
              options.timer())
          .defaultIfEmpty("")
          .subscribe(answer);
    }
  }

  /** Sends the one answer of one invocation. */
  private final class Answer extends BaseSubscriber<String> {
    private final long invocationId;
    private final String method;
    private final AtomicBoolean answered = new AtomicBoolean();

    Answer(long invocationId, String method) {
      this.invocationId = invocationId;
      this.method = method;
    }

    @Override
    protected void hookOnNext(String payload) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      int size = utf8Length(payload);
      if (size > RpcException.MAX_PAYLOAD_BYTES) {
        log.warn("RPC handler of '{}' answered {} bytes, more than the limit of {}; the caller gets {}",
            method, size, RpcException.MAX_PAYLOAD_BYTES, RpcException.RESPONSE_PAYLOAD_TOO_LARGE);
        answer(invocationId, null, RpcException.builtIn(RpcException.RESPONSE_PAYLOAD_TOO_LARGE));
      } else {
        answer(invocationId, payload, null);
      }
    }

    @Override
    protected void hookOnError(Throwable error) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      RpcException rpc;
      if (error instanceof RpcException e) {
        rpc = e;
      } else {
        // The remote caller learns only that the handler failed, not its internals (as the
        // other LiveKit SDKs do); the cause stays in this process's log.
        log.warn("RPC handler of '{}' failed; the caller gets {}", method, RpcException.APPLICATION_ERROR, error);
        rpc = RpcException.applicationError("Application error in method handler");
      }
      answer(invocationId, null, rpc);
    }

    /** Answers RECIPIENT_DISCONNECTED unless answered already, and cancels the handler. */
    void abandon() {
      if (answered.compareAndSet(false, true)) {
        answer(invocationId, null, RpcException.builtIn(RpcException.RECIPIENT_DISCONNECTED));
      }
      dispose();
      running.remove(this);
    }

    @Override
    protected void hookFinally(SignalType type) {
      running.remove(this);
    }
  }
}
