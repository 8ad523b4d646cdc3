package io.roomflux.spring.boot;

import io.roomflux.agents.AgentWorker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;

/**
 * Runs the auto-configured {@link AgentWorker} with the application: started once the context has
 * refreshed, drained when it stops (new jobs declined at once, running jobs given
 * {@code roomflux.agent.drain-timeout} to end, then cancelled and their rooms released). It stops in the
 * default (last) phase, so before the web server stops. An {@code AgentWorker} runs once, so a
 * stopped lifecycle does not start again. Thread-safe; {@link #stop(Runnable)} does not block.
 */
public final class AgentWorkerLifecycle implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(AgentWorkerLifecycle.class);

  private final AgentWorker worker;
  private final Duration drainTimeout;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean running;
  private volatile Disposable run = () -> { };

  /**
   * A lifecycle for a worker.
   *
   * @param worker the worker, not started yet
   * @param drainTimeout how long running jobs may take to end when stopping
   */
  public AgentWorkerLifecycle(AgentWorker worker, Duration drainTimeout) {
    this.worker = worker;
    this.drainTimeout = drainTimeout;
  }

  /** Starts the worker in the background; it connects and registers asynchronously. */
  @Override
  public void start() {
    if (started.compareAndSet(false, true)) {
      running = true;
      run = worker.run().subscribe(null, error -> {
        running = false;
        LOG.error("RoomFlux agent worker stopped", error);
      }, () -> running = false);
    }
  }

  /** Drains the worker and calls {@code callback} once it has closed (asynchronously). */
  @Override
  public void stop(Runnable callback) {
    if (!running) {
      callback.run();
      return;
    }
    worker.drain(drainTimeout).doFinally(signal -> {
      running = false;
      run.dispose();
      callback.run();
    }).subscribe(null, error -> LOG.warn("RoomFlux agent worker did not drain cleanly", error));
  }

  /** Drains the worker, waiting for it on the calling thread (blocking). */
  @Override
  public void stop() {
    if (running) {
      worker.drain(drainTimeout).block(drainTimeout.plusSeconds(30));
      running = false;
      run.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * The worker this lifecycle runs.
   *
   * @return the worker
   */
  public AgentWorker worker() {
    return worker;
  }
}
