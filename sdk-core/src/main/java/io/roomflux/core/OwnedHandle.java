package io.roomflux.core;

import java.lang.ref.Cleaner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns one native handle and gives it back to the core exactly once.
 *
 * <p>Every use of the id goes through a {@link Lease}: {@link #lease()} refuses once the handle
 * is closed, and the handle is dropped only when it is closed <em>and</em> its last lease is
 * released. So no request ever names a dropped handle, and no handle is dropped under a request
 * in flight. A handle that becomes unreachable without being closed is dropped by a
 * {@link Cleaner} and reported as a leak.
 *
 * <p>Thread-safe and lock-free; the drop runs on the thread that closes the handle or releases
 * its last lease (or the cleaner's thread for a leak).
 */
public final class OwnedHandle implements AutoCloseable {
  private static final int CLOSED = 1 << 30;
  private static final Cleaner CLEANER = Cleaner.create(
      Thread.ofPlatform().name("roomflux-handle-cleaner").daemon(true).factory());

  private final long id;
  private final HandleKind kind;
  private final AtomicInteger state = new AtomicInteger();
  private final Drop drop;
  private final Cleaner.Cleanable cleanable;

  OwnedHandle(long id, HandleKind kind, HandleRegistry registry) {
    this.id = id;
    this.kind = kind;
    this.drop = new Drop(id, kind, registry);
    this.cleanable = CLEANER.register(this, drop);
    registry.added(id, kind);
  }

  /**
   * The handle's id. Use it in requests only under a {@link Lease}.
   *
   * @return the id
   */
  public long id() {
    return id;
  }

  /**
   * What the handle stands for.
   *
   * @return the kind
   */
  public HandleKind kind() {
    return kind;
  }

  /**
   * Takes a lease so the id can be sent to the core.
   *
   * @return an open lease; close it when the operation is over
   * @throws HandleClosedException if the handle is closed
   */
  public Lease lease() {
    while (true) {
      int s = state.get();
      if ((s & CLOSED) != 0) {
        throw new HandleClosedException(kind + " handle " + id + " is closed");
      }
      if (state.compareAndSet(s, s + 1)) {
        return new Lease(this);
      }
    }
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  /**
   * Whether the id was given back to the core.
   *
   * @return true once dropped
   */
  public boolean isDropped() {
    return drop.done.get();
  }

  /**
   * Completes once the id was given back to the core (or consumed, or reclaimed as a leak), on
   * the thread that dropped it.
   *
   * @return a future that never fails
   */
  public CompletableFuture<Void> onDropped() {
    return drop.dropped;
  }

  /**
   * How many leases are open.
   *
   * @return the count
   */
  public int leases() {
    return state.get() & ~CLOSED;
  }

  /**
   * Refuses new leases, and drops the handle now or when its last lease is released.
   * Idempotent.
   */
  @Override
  public void close() {
    while (true) {
      int s = state.get();
      if ((s & CLOSED) != 0) {
        return;
      }
      if (state.compareAndSet(s, s | CLOSED)) {
        if (s == 0) {
          dropNow();
        }
        return;
      }
    }
  }

  void release() {
    int s = state.decrementAndGet();
    if (s == CLOSED) {
      dropNow();
    }
  }

  /**
   * Marks the handle as given back by the core itself (a request that takes ownership of it),
   * so it is closed and never dropped by the client.
   */
  public void consumed() {
    drop.consumed.set(true);
    close();
  }

  private void dropNow() {
    drop.explicit.set(true);
    cleanable.clean();
  }

  // Holds no reference to the OwnedHandle, so the Cleaner can see it become unreachable.
  private static final class Drop implements Runnable {
    private final long id;
    private final HandleKind kind;
    private final HandleRegistry registry;
    private final AtomicBoolean explicit = new AtomicBoolean();
    private final AtomicBoolean consumed = new AtomicBoolean();
    private final AtomicBoolean done = new AtomicBoolean();
    private final CompletableFuture<Void> dropped = new CompletableFuture<>();

    Drop(long id, HandleKind kind, HandleRegistry registry) {
      this.id = id;
      this.kind = kind;
      this.registry = registry;
    }

    @Override
    public void run() {
      if (done.compareAndSet(false, true)) {
        try {
          registry.drop(id, kind, !explicit.get(), consumed.get());
        } finally {
          dropped.complete(null);
        }
      }
    }
  }
}
