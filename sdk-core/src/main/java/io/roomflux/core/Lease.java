package io.roomflux.core;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Permission to use a handle's id in a request. While any lease is open the handle is not
 * dropped, even if it was closed meanwhile. Closing the lease is idempotent; hold it until the
 * operation's last callback has arrived.
 */
public final class Lease implements AutoCloseable {
  private final OwnedHandle handle;
  private final AtomicBoolean released = new AtomicBoolean();

  Lease(OwnedHandle handle) {
    this.handle = handle;
  }

  /**
   * The leased handle's id, valid to send to the core until {@link #close()}.
   *
   * @return the id
   */
  public long id() {
    return handle.id();
  }

  /**
   * The handle this lease is on.
   *
   * @return the handle
   */
  public OwnedHandle handle() {
    return handle;
  }

  /** Releases the lease; the handle is dropped now if it was closed and this was its last lease. */
  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      handle.release();
    }
  }
}
