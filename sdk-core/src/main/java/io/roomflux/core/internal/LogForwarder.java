package io.roomflux.core.internal;

import io.roomflux.core.FfiRequestException;
import io.roomflux.core.Redactor;
import io.roomflux.core.UnknownHandleException;
import io.roomflux.proto.LogBatch;
import io.roomflux.proto.LogRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Forwards the core's log records to SLF4J under {@code io.roomflux.ffi.<target>} (the Rust
 * target with {@code ::} turned into {@code .}), redacted, at the level {@link CoreLogLevels}
 * chooses (the core's INFO chatter and the errors the caller receives anyway at DEBUG). It also remembers recent
 * "failed to handle request" errors, which is the only place the core says why a request was
 * refused, so that {@link #explain} can attach that reason to a {@link FfiRequestException}.
 *
 * <p>All methods but {@link #explain} run on the dispatcher thread.
 */
public final class LogForwarder {
  /** Prefix of every logger the core's records are forwarded to. */
  public static final String LOGGER_PREFIX = "io.roomflux.ffi";

  private static final String FAILED = "failed to handle request ";
  private static final int RECENT = 64;

  private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private final ArrayDeque<Failure> recent = new ArrayDeque<>();
  private final List<Waiter> waiters = new ArrayList<>();

  private record Failure(long seq, String requestKind, String reason) {
  }

  private record Waiter(FfiRequestException original, long afterSeq,
                        CompletableFuture<FfiRequestException> result) {
  }

  private long seq;

  /**
   * Forwards one batch. Dispatcher thread only.
   *
   * @param batch the core's records
   */
  public void forward(LogBatch batch) {
    for (LogRecord record : batch.getRecordsList()) {
      Level coreLevel = level(record);
      Level level = CoreLogLevels.level(record.getTarget(), coreLevel, record.getMessage());
      Logger logger = loggers.computeIfAbsent(record.getTarget(),
          t -> LoggerFactory.getLogger(LOGGER_PREFIX + "." + t.replace("::", ".")));
      boolean failure = coreLevel == Level.ERROR && record.getMessage().startsWith(FAILED);
      if (!failure && !logger.isEnabledForLevel(level)) {
        continue;
      }
      String message = Redactor.redact(record.getMessage());
      if (logger.isEnabledForLevel(level)) {
        logger.atLevel(level).log(message);
      }
      if (failure) {
        remember(message);
      }
    }
  }

  /**
   * A sequence number that orders requests against the failures seen so far: take it before
   * sending a request, and pass it to {@link #explain}.
   *
   * @return the current position
   */
  public long position() {
    synchronized (lock) {
      return seq;
    }
  }

  /**
   * Completes with the refusal enriched by the core's logged reason, once that line arrives, or
   * with the original exception after {@code waitMillis}. Never blocks.
   *
   * @param original the refusal
   * @param afterSeq the {@link #position()} taken before the request was sent
   * @param waitMillis how long to wait for the log line
   * @param timer the executor used for the wait
   * @return the exception to signal
   */
  public CompletableFuture<FfiRequestException> explain(FfiRequestException original, long afterSeq,
                                                         long waitMillis, Executor timer) {
    CompletableFuture<FfiRequestException> result = new CompletableFuture<>();
    synchronized (lock) {
      Failure hit = find(original.requestKind(), afterSeq);
      if (hit != null) {
        return CompletableFuture.completedFuture(enrich(original, hit));
      }
      waiters.add(new Waiter(original, afterSeq, result));
    }
    CompletableFuture.delayedExecutor(waitMillis, TimeUnit.MILLISECONDS, timer).execute(() -> {
      synchronized (lock) {
        waiters.removeIf(w -> w.result() == result);
      }
      result.complete(original);
    });
    return result;
  }

  private void remember(String message) {
    // "failed to handle request FfiRequest { message: Some(Kind(KindRequest { .. })) }: Reason"
    String kind = "";
    int open = message.indexOf("Some(");
    if (open >= 0) {
      int start = message.indexOf('(', open + 5) + 1;
      int end = start;
      while (start > 0 && end < message.length() && Character.isJavaIdentifierPart(message.charAt(end))) {
        end++;
      }
      kind = start > 0 ? message.substring(start, end) : "";
    }
    int sep = message.lastIndexOf("}: ");
    String reason = sep >= 0 ? message.substring(sep + 3) : message.substring(FAILED.length());
    List<Waiter> ready = new ArrayList<>();
    Failure failure;
    synchronized (lock) {
      failure = new Failure(++seq, kind, reason);
      recent.addLast(failure);
      if (recent.size() > RECENT) {
        recent.removeFirst();
      }
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.original().requestKind().equals(kind) && failure.seq() > w.afterSeq()) {
          it.remove();
          ready.add(w);
        }
      }
    }
    for (Waiter w : ready) {
      w.result().complete(enrich(w.original(), failure));
    }
  }

  private @Nullable Failure find(String kind, long afterSeq) {
    for (Iterator<Failure> it = recent.descendingIterator(); it.hasNext(); ) {
      Failure f = it.next();
      if (f.seq() <= afterSeq) {
        return null;
      }
      if (f.requestKind().equals(kind)) {
        return f;
      }
    }
    return null;
  }

  private static FfiRequestException enrich(FfiRequestException original, Failure failure) {
    FfiRequestException enriched = failure.reason().contains("handle not found")
        || failure.reason().contains("handle is invalid")
        ? new UnknownHandleException(original.requestKind(), failure.reason())
        : new FfiRequestException(original.requestKind(), failure.reason());
    enriched.setStackTrace(original.getStackTrace());
    return enriched;
  }

  private static Level level(LogRecord record) {
    return switch (record.getLevel()) {
      case LOG_ERROR -> Level.ERROR;
      case LOG_WARN -> Level.WARN;
      case LOG_INFO -> Level.INFO;
      case LOG_DEBUG -> Level.DEBUG;
      case LOG_TRACE -> Level.TRACE;
    };
  }
}
