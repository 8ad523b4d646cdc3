package io.roomflux.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live native handles of this process, counted by kind: what tests assert returns to zero,
 * and what metrics can report. Also counts drops, leaks reclaimed by the cleaner, and drops the
 * core did not recognise. Thread-safe.
 */
public final class HandleRegistry {
  private static final Logger log = LoggerFactory.getLogger(HandleRegistry.class);

  private final ConcurrentHashMap<Long, HandleKind> live = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder leaked = new LongAdder();
  private final LongAdder dropFailures = new LongAdder();
  private final LongPredicate nativeDrop;
  private volatile boolean coreDisposed;

  HandleRegistry(LongPredicate nativeDrop) {
    this.nativeDrop = nativeDrop;
  }

  /**
   * Takes ownership of a handle the core handed out.
   *
   * @param id the handle id from an {@code FfiOwnedHandle}
   * @param kind what it stands for
   * @return the owner, which drops the id exactly once
   */
  public OwnedHandle own(long id, HandleKind kind) {
    if (id == 0) {
      throw new IllegalArgumentException("0 is not a handle");
    }
    return new OwnedHandle(id, kind, this);
  }

  /**
   * Drops a handle the core handed over that the caller is done with at once (a buffer already
   * copied, a handle nobody will lease): no owner object, no entry among the live handles and no
   * cleaner, only the native drop and the counters. Never use it for a handle anyone else may
   * see; those are {@link #own owned}.
   *
   * @param id the handle id from an {@code FfiOwnedHandle}
   * @param kind what it stands for, for the log if the core did not know it
   */
  public void dropNow(long id, HandleKind kind) {
    if (id == 0) {
      throw new IllegalArgumentException("0 is not a handle");
    }
    dropped.increment();
    if (!coreDisposed && !nativeDrop.test(id)) {
      dropFailures.increment();
      log.warn("livekit-ffi did not know {} handle {} when it was dropped", kind, id);
    }
  }

  void added(long id, HandleKind kind) {
    HandleKind previous = live.putIfAbsent(id, kind);
    if (previous != null) {
      log.error("handle {} is owned twice ({} and {}): only one owner may drop it", id, previous, kind);
    }
  }

  void drop(long id, HandleKind kind, boolean leak, boolean consumed) {
    live.remove(id);
    dropped.increment();
    if (leak) {
      leaked.increment();
      log.warn("{} handle {} was never closed; the cleaner reclaimed it. Close it (or what owns it) "
          + "when done.", kind, id);
    }
    if (consumed || coreDisposed) {
      return;
    }
    if (!nativeDrop.test(id)) {
      dropFailures.increment();
      log.warn("livekit-ffi did not know {} handle {} when it was dropped", kind, id);
    }
  }

  void coreDisposed() {
    coreDisposed = true;
  }

  /**
   * How many handles are alive now.
   *
   * @return the count
   */
  public int liveCount() {
    return live.size();
  }

  /**
   * Live handles by kind; kinds with none are left out.
   *
   * @return a snapshot
   */
  public Map<HandleKind, Long> liveByKind() {
    Map<HandleKind, Long> counts = new EnumMap<>(HandleKind.class);
    live.values().forEach(k -> counts.merge(k, 1L, Long::sum));
    return Map.copyOf(counts);
  }

  /**
   * The ids of live handles of one kind.
   *
   * @param kind the kind
   * @return a snapshot
   */
  public List<Long> liveIds(HandleKind kind) {
    return live.entrySet().stream().filter(e -> e.getValue() == kind).map(Map.Entry::getKey).toList();
  }

  /**
   * Whether a handle id is owned and not yet dropped.
   *
   * @param id the id
   * @return true if live
   */
  public boolean isLive(long id) {
    return live.containsKey(id);
  }

  /**
   * Handles dropped so far, leaks included.
   *
   * @return the count
   */
  public long dropped() {
    return dropped.sum();
  }

  /**
   * Handles that were never closed and were reclaimed by the cleaner.
   *
   * @return the count
   */
  public long leaked() {
    return leaked.sum();
  }

  /**
   * Drops the core did not recognise (should stay 0).
   *
   * @return the count
   */
  public long dropFailures() {
    return dropFailures.sum();
  }
}
