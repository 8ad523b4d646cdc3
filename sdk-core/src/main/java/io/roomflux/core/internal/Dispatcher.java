package io.roomflux.core.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.roomflux.proto.FfiEvent;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that decodes and routes core events.
 *
 * <p>{@link #offer} is called by the core's threads from the upcall: it only enqueues on a
 * lock-free queue and unparks the dispatcher, so it never blocks. The dispatcher takes events in
 * arrival order, which keeps the order the core sent them in (the core emits one room's events
 * from one task). The queue is unbounded on purpose: the core cannot be told to wait, and
 * dropping here would lose events; streams that can outpace a consumer (media frames) apply
 * their bounded policies downstream, releasing what they drop.
 */
public final class Dispatcher {
  /** Name of the dispatcher thread; also used to mark it non-blocking for BlockHound. */
  public static final String THREAD_NAME = "roomflux-ffi-dispatch";

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final Consumer<FfiEvent> handler;
  private final Thread thread;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private volatile boolean stopped;

  /**
   * Creates and starts the dispatcher.
   *
   * @param handler routes one decoded event; runs on the dispatcher thread, must not block
   */
  public Dispatcher(Consumer<FfiEvent> handler) {
    this.handler = handler;
    this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(this::loop);
    thread.start();
  }

  /**
   * Enqueues one event's bytes. Non-blocking; safe from any thread.
   *
   * @param event a copy of the encoded {@code FfiEvent}
   */
  public void offer(byte[] event) {
    queue.offer(event);
    received.incrementAndGet();
    LockSupport.unpark(thread);
  }

  /**
   * Whether the caller runs on the dispatcher thread.
   *
   * @return true on the dispatcher thread
   */
  public boolean inDispatcher() {
    return Thread.currentThread() == thread;
  }

  /**
   * Events received from the core so far.
   *
   * @return the count
   */
  public long received() {
    return received.get();
  }

  /**
   * Events decoded and routed so far.
   *
   * @return the count
   */
  public long handled() {
    return handled.get();
  }

  /** Routes what is queued, then stops the thread. Returns without waiting. */
  public void stop() {
    stopped = true;
    LockSupport.unpark(thread);
  }

  /**
   * Waits for the thread to finish after {@link #stop}.
   *
   * @param millis the longest wait
   * @throws InterruptedException if interrupted while waiting
   */
  public void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private void loop() {
    while (true) {
      byte[] bytes = queue.poll();
      if (bytes == null) {
        if (stopped) {
          return;
        }
        awaitWork();
        continue;
      }
      try {
        handler.accept(FfiEvent.parseFrom(bytes));
      } catch (InvalidProtocolBufferException e) {
        log.error("undecodable event from livekit-ffi ({} bytes) dropped", bytes.length, e);
      } catch (Throwable t) {
        // A failing listener must not take the dispatcher down with it.
        log.error("event listener failed", t);
      } finally {
        handled.incrementAndGet();
      }
    }
  }

  // The only place the dispatcher waits: parked while the queue is empty.
  private void awaitWork() {
    if (queue.isEmpty() && !stopped) {
      LockSupport.park(this);
    }
  }
}
