package io.roomflux.reactor.internal.room;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.OperationTimeoutException;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.internal.core.Core;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Runs a room's operations against the core and keeps the room's phase, the gate they pass:
 * an operation is refused (nothing sent) once the room is disconnecting; one in flight holds a
 * lease on the handle it names until the core's callback, so the handle cannot be dropped under
 * it; when the room closes, what is in flight fails with {@link RoomClosedException}, and an
 * operation whose callback still has not come after a grace period is released all the same.
 */
public final class OperationRunner {
  private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);

  enum Phase { CONNECTED, DISCONNECTING, CLOSED }

  private final Core core;
  private final RoomProbe probe;
  private final Scheduler scheduler;
  private final Scheduler timer;
  private final String room;
  private final Duration timeout;
  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.CONNECTED);
  private final Set<Operation> inFlight = ConcurrentHashMap.newKeySet();
  /** Requests handed to the core for this room (tests: a refusal sends none). */
  private final LongAdder sent = new LongAdder();

  OperationRunner(Core core, RoomProbe probe, Scheduler scheduler, Scheduler timer, String room, Duration timeout) {
    this.core = core;
    this.timeout = timeout;
    this.probe = probe;
    this.scheduler = scheduler;
    this.timer = timer;
    this.room = room;
  }

  boolean isOpen() {
    return phase.get() == Phase.CONNECTED;
  }

  /** CONNECTED to DISCONNECTING; false if the room was not connected. */
  boolean beginDisconnecting() {
    return phase.compareAndSet(Phase.CONNECTED, Phase.DISCONNECTING);
  }

  /** Closes the gate for good; returns the phase before. */
  Phase close() {
    return phase.getAndSet(Phase.CLOSED);
  }

  long sent() {
    return sent.sum();
  }

  /**
   * Runs one asynchronous operation on a handle of this room; see the class comment.
   *
   * @param resource closed when the operation is over (or refused), may be null
   */
  public <T> Mono<T> operate(String operation, OwnedHandle target, RoomRequest request,
                      Function<FfiEvent, T> result, @Nullable AutoCloseable resource) {
    return operate(operation, target, request, result, resource, Duration.ZERO);
  }

  /**
   * Runs one asynchronous operation on a handle of this room, as {@link #operate(String, OwnedHandle,
   * RoomRequest, Function, AutoCloseable)} does, allowing it {@code extraWait} more than the room's
   * operation timeout (an RPC call: its own response timeout).
   */
  public <T> Mono<T> operate(String operation, OwnedHandle target, RoomRequest request,
                      Function<FfiEvent, T> result, @Nullable AutoCloseable resource, Duration extraWait) {
    return create(operation, target, request, result, resource, extraWait, null).publishOn(scheduler);
  }

  /**
   * Runs one asynchronous operation as {@link #operate(String, OwnedHandle, RoomRequest, Function,
   * AutoCloseable)} does, but signals its outcome on the thread that has it (the dispatcher, or
   * the subscribing thread for a refusal) instead of the room's scheduler: for the SDK's own
   * pipelines, which hop to the scheduler once for many operations. {@code sendScope} (memory the
   * core copies while it handles the request) is closed on the subscribing thread as soon as the
   * request was handed to the core or refused.
   */
  public <T> Mono<T> operateUnpublished(String operation, OwnedHandle target, RoomRequest request,
                                        Function<FfiEvent, T> result, AutoCloseable sendScope) {
    return create(operation, target, request, result, null, Duration.ZERO, sendScope);
  }

  private <T> Mono<T> create(String operation, OwnedHandle target, RoomRequest request,
                             Function<FfiEvent, T> result, @Nullable AutoCloseable resource, Duration extraWait,
                             @Nullable AutoCloseable sendScope) {
    Duration limit = timeout.plus(extraWait);
    return Mono.<T>create(sink -> {
      try {
        start(operation, target, request, result, resource, limit, sink);
      } finally {
        closeQuietly(sendScope);
      }
    });
  }

  private <T> void start(String operation, OwnedHandle target, RoomRequest request, Function<FfiEvent, T> result,
                         @Nullable AutoCloseable resource, Duration limit, MonoSink<T> sink) {
    Lease lease;
    try {
      lease = target.lease();
    } catch (HandleClosedException e) {
      closeQuietly(resource);
      sink.error(closedError(operation));
      return;
    }
    if (phase.get() != Phase.CONNECTED) {
      lease.close();
      closeQuietly(resource);
      sink.error(closedError(operation));
      return;
    }
    probe.betweenCheckAndRegistration();
    Operation op = new Operation(operation, sink, lease, resource);
    inFlight.add(op);
    // The room may have begun to close between the check above and the add. Closing sets the
    // phase before it fails what is in flight, so reading the phase again after the add decides:
    // still connected, and the close will find this operation (and fail and release it); not
    // connected, and it may not have, so the operation withdraws itself and sends nothing. An
    // operation that slipped through would hold its lease, and with it the room's handles and
    // disconnect(), for ever (LifecycleStressTest hung on exactly that).
    if (phase.get() != Phase.CONNECTED) {
      probe.withdrawn();
      finish(op);
      op.fail(closedError(operation));
      return;
    }
    AsyncCall call;
    try {
      call = core.call(asyncId -> {
        sent.increment();
        return request.build(lease.id(), asyncId);
      });
    } catch (OperationFailedException e) {
      finish(op);
      core.explain(e).whenComplete((explained, t) -> op.fail(explained != null ? explained : e));
      return;
    } catch (RuntimeException e) {
      finish(op);
      op.fail(e);
      return;
    }
    // Bounded: the core holds what is sent while the room reconnects for the whole attempt. The
    // operation stays in flight (holding its lease) until its callback or the room's close.
    op.timer = timer.schedule(() -> op.fail(new OperationTimeoutException(operation, limit)),
        limit.toMillis(), TimeUnit.MILLISECONDS);
    call.callback().whenComplete((event, error) -> {
      finish(op);
      if (error != null) {
        op.fail(error);
        return;
      }
      Optional<String> coreError = callbackError(event);
      if (coreError.isPresent() && (phase.get() != Phase.CONNECTED || saysClosed(coreError.get()))) {
        // The room closed under the operation: that, not the core's wording, is what happened.
        // The core may fail a send for a closed engine just before its Disconnected event
        // arrives (the phase still says connected): its wording decides then, so the same
        // cause always gives RoomClosedException.
        op.fail(new RoomClosedException(operation + " interrupted: room '" + room
            + "' closed (" + coreError.get() + ")"));
      } else if (coreError.isPresent()) {
        op.fail(new OperationFailedException(operation, coreError.get()));
      } else {
        try {
          op.succeed(result.apply(event));
        } catch (RuntimeException e) {
          op.fail(e);
        }
      }
    });
  }

  /**
   * Sends one synchronous request on a handle of this room, anew on each subscription: refuses
   * (sending nothing) once the room is disconnecting or the handle is closed, and fails a request
   * the core refused with the reason it logged. The outcome is published on the room's scheduler.
   *
   * @param result maps the response; {@code null} completes empty
   */
  public <T> Mono<T> requestSync(String operation, OwnedHandle target, LongFunction<FfiRequest> request,
                          Function<FfiResponse, @Nullable T> result) {
    return Mono.<T>defer(() -> {
      String refused = operation + " refused: room '" + room + "' is closed or disconnecting";
      if (!isOpen()) {
        return Mono.error(new RoomClosedException(refused));
      }
      Lease lease;
      try {
        lease = target.lease();
      } catch (HandleClosedException e) {
        return Mono.error(new RoomClosedException(refused));
      }
      try (lease) {
        return Mono.justOrEmpty(result.apply(core.request(request.apply(lease.id()))));
      } catch (OperationFailedException e) {
        return Mono.fromFuture(core.explain(e)).flatMap(Mono::error);
      }
    }).publishOn(scheduler);
  }

  /**
   * Fails every operation in flight (the room closed, or the core ended) and, if some are left,
   * releases after {@code grace} those whose callback never came: the core confirmed the room
   * closed, so it never will, and they must not hold the room's handles for ever.
   */
  void failInFlight(Throwable error, Duration grace) {
    // The room's end as each caller sees it: naming the operation (an RPC names its method and
    // destination). Other errors (the core's end) are the same for every operation.
    inFlight.forEach(op -> op.fail(error instanceof RoomClosedException
        ? new RoomClosedException(op + " interrupted: " + error.getMessage()) : error));
    if (!inFlight.isEmpty()) {
      timer.schedule(() -> releaseSilent(grace), grace.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void releaseSilent(Duration grace) {
    for (Operation op : List.copyOf(inFlight)) {
      probe.abandoned();
      log.warn("room '{}' closed {} ago and {} has had no callback from the core; releasing its lease",
          room, grace, op);
      finish(op);
      op.fail(new RoomClosedException("room '" + room + "' closed"));
    }
  }

  private void finish(Operation op) {
    inFlight.remove(op);
    op.release();
  }

  private RoomClosedException closedError(String operation) {
    return new RoomClosedException(operation + " refused: room '" + room + "' is "
        + (phase.get() == Phase.CLOSED ? "closed" : "disconnecting"));
  }

  static void closeQuietly(@Nullable AutoCloseable resource) {
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        log.debug("closing an operation's resource failed", e);
      }
    }
  }

  /**
   * Whether a core error says the room's engine is gone (livekit-ffi 0.13.2's wordings: "engine
   * is closed", "failed to send data, room closed: ...", a connection error ": closed").
   */
  static boolean saysClosed(String coreError) {
    String text = coreError.toLowerCase(java.util.Locale.ROOT).strip();
    return text.contains("engine is closed") || text.contains("room closed") || text.equals("closed")
        || text.endsWith(": closed");
  }

  /** The {@code error} a callback carries, if it has one and it is not empty. */
  static Optional<String> callbackError(FfiEvent event) {
    FieldDescriptor oneof = event.getDescriptorForType().findFieldByNumber(event.getMessageCase().getNumber());
    Message callback = (Message) event.getField(oneof);
    FieldDescriptor error = callback.getDescriptorForType().findFieldByName("error");
    if (error != null && error.getJavaType() == FieldDescriptor.JavaType.STRING && callback.hasField(error)) {
      String text = (String) callback.getField(error);
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
    return Optional.empty();
  }

  /** One operation in flight: signals its sink at most once, releases its lease at most once. */
  private static final class Operation {
    private final String name;
    private final MonoSink<Object> sink;
    private final Lease lease;
    private final @Nullable AutoCloseable resource;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    volatile Disposable timer = Disposables.disposed();

    @SuppressWarnings("unchecked")
    Operation(String name, MonoSink<?> sink, Lease lease, @Nullable AutoCloseable resource) {
      this.name = name;
      this.sink = (MonoSink<Object>) sink;
      this.lease = lease;
      this.resource = resource;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        timer.dispose();
        closeQuietly(resource);
        lease.close();
      }
    }

    void succeed(@Nullable Object value) {
      if (done.compareAndSet(false, true)) {
        if (value == null) {
          sink.success();
        } else {
          sink.success(value);
        }
      }
    }

    void fail(Throwable error) {
      if (done.compareAndSet(false, true)) {
        sink.error(error);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
