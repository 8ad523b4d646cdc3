package io.roomflux.reactor.internal.room;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The lifecycle counters of one entry point's rooms, and the one test seam of the operation
 * runner. One per {@code LiveKit}, passed to each room it joins: no state is JVM-wide, so tests
 * and metrics of two entry points never see each other's numbers.
 */
public final class RoomProbe {
  private final LongAdder attached = new LongAdder();
  private final LongAdder readySent = new LongAdder();
  private final LongAdder withdrawn = new LongAdder();
  private final LongAdder abandoned = new LongAdder();
  private final LongAdder unconfirmed = new LongAdder();
  private final AtomicLong steps = new AtomicLong();
  private final Runnable betweenCheckAndRegistration;

  /** A probe with no seam. */
  public RoomProbe() {
    this(() -> { });
  }

  /**
   * A probe whose seam runs between an operation's phase check and its registration, the
   * window in which disposal can begin unseen (tests start a disconnect there).
   *
   * @param betweenCheckAndRegistration the seam
   */
  public RoomProbe(Runnable betweenCheckAndRegistration) {
    this.betweenCheckAndRegistration = betweenCheckAndRegistration;
  }

  public void attached() {
    attached.increment();
  }

  public void readySent() {
    readySent.increment();
  }

  public void withdrawn() {
    withdrawn.increment();
  }

  public void abandoned() {
    abandoned.increment();
  }

  public void disconnectUnconfirmed() {
    unconfirmed.increment();
  }

  public long step() {
    return steps.incrementAndGet();
  }

  public void betweenCheckAndRegistration() {
    betweenCheckAndRegistration.run();
  }

  /**
   * Rooms taken over from a connect callback.
   *
   * @return the count
   */
  public long roomsAttached() {
    return attached.sum();
  }

  /**
   * Ready handshakes sent for attached rooms.
   *
   * @return the count
   */
  public long readyHandshakesSent() {
    return readySent.sum();
  }

  /**
   * Operations that found their room closing only after they registered, and withdrew unsent.
   *
   * @return the count
   */
  public long operationsWithdrawn() {
    return withdrawn.sum();
  }

  /**
   * Operations whose callback never came within the grace period after their room closed.
   *
   * @return the count
   */
  public long callbacksAbandoned() {
    return abandoned.sum();
  }

  /**
   * Disconnects the core did not confirm within {@code RoomDisposal.DISCONNECT_WAIT}; each left
   * its room's handle leased until the core answers.
   *
   * @return the count
   */
  public long disconnectsUnconfirmed() {
    return unconfirmed.sum();
  }
}
