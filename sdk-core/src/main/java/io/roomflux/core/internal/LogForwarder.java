package io.roomflux.core.internal;

import io.roomflux.core.FfiRequestException;
import io.roomflux.core.Redactor;
import io.roomflux.core.UnknownHandleException;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.LogBatch;
import io.roomflux.proto.LogLevel;
import io.roomflux.proto.LogRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * <p>{@link #wanted} runs on the core's threads, before an event is queued: it drops the log
 * events that no logger would print (with the core's log capture on, the core sends every record
 * down to TRACE, one event each: thousands a second in a process with many rooms). All other
 * methods but {@link #explain} run on the dispatcher thread.
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
      Logger logger = logger(record.getTarget());
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
   * Whether an encoded event must go on to the dispatcher. False only for a log event each of
   * whose records is the core's INFO, DEBUG or TRACE and is not enabled on its logger at the level
   * {@link CoreLogLevels} gives it; WARN and ERROR records (which {@link #explain} needs) and every
   * other event are always wanted, and so is anything that does not decode. Reads only the
   * records' level and target, without building messages. Thread-safe and non-blocking: runs on
   * the core's threads.
   *
   * @param event the encoded {@code FfiEvent}
   * @return false if the event can be dropped unseen
   */
  public boolean wanted(byte[] event) {
    return wanted(ByteBuffer.wrap(event));
  }

  /**
   * {@link #wanted(byte[])} for an event still in the core's memory, read between its position
   * and limit (which this method leaves unchanged).
   *
   * @param event the encoded {@code FfiEvent}; only read during the call
   * @return false if the event can be dropped unseen
   */
  public boolean wanted(ByteBuffer event) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(event.duplicate());
      int eventTag = in.readTag();
      if (WireFormat.getTagFieldNumber(eventTag) != FfiEvent.LOGS_FIELD_NUMBER
          || WireFormat.getTagWireType(eventTag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        return true;
      }
      int batchEnd = in.pushLimit(in.readRawVarint32());
      boolean any = false;
      while (!in.isAtEnd()) {
        int tag = in.readTag();
        if (WireFormat.getTagFieldNumber(tag) != LogBatch.RECORDS_FIELD_NUMBER) {
          in.skipField(tag);
          continue;
        }
        int recordEnd = in.pushLimit(in.readRawVarint32());
        if (recordWanted(in)) {
          return true;
        }
        in.skipRawBytes(in.getBytesUntilLimit());
        in.popLimit(recordEnd);
        any = true;
      }
      in.popLimit(batchEnd);
      // Only what follows the batch could still be unexpected; an empty batch goes on as before.
      return !any || !in.isAtEnd();
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  // Reads one record's level and target (protobuf may write them in any order) and decides.
  private boolean recordWanted(CodedInputStream in) throws IOException {
    @Nullable LogLevel coreLevel = null;
    @Nullable String target = null;
    while (!in.isAtEnd() && (coreLevel == null || target == null)) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case LogRecord.LEVEL_FIELD_NUMBER -> coreLevel = LogLevel.forNumber(in.readEnum());
        case LogRecord.TARGET_FIELD_NUMBER -> target = in.readStringRequireUtf8();
        default -> in.skipField(tag);
      }
    }
    if (coreLevel == null || target == null) {
      return true;
    }
    @Nullable Level level = switch (coreLevel) {
      case LOG_ERROR, LOG_WARN -> null;
      case LOG_INFO -> Level.INFO;
      case LOG_DEBUG -> Level.DEBUG;
      case LOG_TRACE -> Level.TRACE;
    };
    // INFO, DEBUG and TRACE map to a level that does not depend on the message.
    return level == null || logger(target).isEnabledForLevel(CoreLogLevels.level(target, level, ""));
  }

  private Logger logger(String target) {
    return loggers.computeIfAbsent(target, t -> LoggerFactory.getLogger(LOGGER_PREFIX + "." + t.replace("::", ".")));
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
