package io.roomflux;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link Telemetry#guarded}: calls an implementation, catching what it throws, and ends each
 * scope at most once. Thread-safe.
 */
final class Guarded implements Telemetry {
  private static final System.Logger LOG = System.getLogger("io.roomflux.telemetry");

  private final Telemetry delegate;
  private final AtomicBoolean warned = new AtomicBoolean();

  Guarded(Telemetry delegate) {
    this.delegate = delegate;
  }

  @Override
  public Scope start(Operation operation) {
    Scope scope = call(() -> delegate.start(operation), operation.name());
    return scope == null || scope == Scope.NOOP ? Scope.NOOP : new OnceScope(scope, operation.name());
  }

  @Override
  public void ffiRequest(String kind, long nanos) {
    run(() -> delegate.ffiRequest(kind, nanos), "ffiRequest");
  }

  @Override
  public void eventEmitted(String type) {
    run(() -> delegate.eventEmitted(type), "eventEmitted");
  }

  @Override
  public void eventsDropped(long count) {
    run(() -> delegate.eventsDropped(count), "eventsDropped");
  }

  @Override
  public void mediaFramesDropped(String kind, long count) {
    run(() -> delegate.mediaFramesDropped(kind, count), "mediaFramesDropped");
  }

  @Override
  public void agentJobEnded(String status) {
    run(() -> delegate.agentJobEnded(status), "agentJobEnded");
  }

  @Override
  public String toString() {
    return "guarded " + delegate;
  }

  private void run(Runnable call, String what) {
    call(() -> {
      call.run();
      return null;
    }, what);
  }

  private <T> @Nullable T call(Supplier<T> call, String what) {
    try {
      return call.get();
    } catch (RuntimeException | LinkageError e) {
      if (warned.compareAndSet(false, true)) {
        LOG.log(Level.WARNING, "telemetry " + delegate + " failed in " + what + " (ignored; later failures are"
            + " logged at debug level)", e);
      } else {
        LOG.log(Level.DEBUG, "telemetry " + delegate + " failed in " + what + " (ignored)", e);
      }
      return null;
    }
  }

  /** Ends its delegate at most once, catching what it throws. */
  private final class OnceScope implements Scope {
    private final Scope scope;
    private final String operation;
    private final AtomicBoolean ended = new AtomicBoolean();

    OnceScope(Scope scope, String operation) {
      this.scope = scope;
      this.operation = operation;
    }

    @Override
    public void success() {
      if (ended.compareAndSet(false, true)) {
        run(scope::success, operation + " success");
      }
    }

    @Override
    public void failure(Throwable error) {
      if (ended.compareAndSet(false, true)) {
        run(() -> scope.failure(error), operation + " failure");
      }
    }

    @Override
    public void cancel() {
      if (ended.compareAndSet(false, true)) {
        run(scope::cancel, operation + " cancel");
      }
    }
  }
}
