package io.roomflux.agents;

import org.reactivestreams.Publisher;

/**
 * What an agent does in a job's room, as a type of its own: a bean or a named class where
 * {@link AgentWorker.Builder#onJob} takes a function. Pass it as {@code builder.onJob(handler::handle)}
 * (no overload of {@code onJob}: a lambda would then match both and not compile).
 *
 * <p>Threads: called on the core's callback thread, once per job, possibly for several jobs at
 * once; it must not block. Release: the worker subscribes the returned publisher once the room is
 * joined, and disconnects the room when it completes (the job succeeds), fails (the job fails with
 * its error) or is cancelled (the server terminated the job, the room ended, or the worker stopped).
 */
@FunctionalInterface
public interface AgentJobHandler {

  /**
   * Runs one job.
   *
   * @param job the job and its joined room
   * @return what the job does; the job lasts as long as this publisher does
   */
  Publisher<?> handle(AgentJob job);
}
