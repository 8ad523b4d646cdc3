package io.roomflux.agents;

/**
 * Computes a worker's load, 0..1, reported to the server in every status update. The worker
 * reports itself {@code WS_FULL} when the load reaches {@link AgentWorker.Builder#fullThreshold(double)}.
 * Called on the worker's timer and on reactor-netty's event loop: it must be quick and must not block.
 */
@FunctionalInterface
public interface LoadFunction {
  /**
   * The default: running jobs divided by the maximum.
   */
  LoadFunction JOBS = (running, maxJobs) -> (double) running / maxJobs;

  /**
   * Computes the load.
   *
   * @param runningJobs jobs running or accepted and awaiting their assignment
   * @param maxJobs the worker's maximum
   * @return the load, clamped to 0..1 by the worker
   */
  double load(int runningJobs, int maxJobs);
}
