package io.roomflux.agents;

import io.roomflux.reactor.Room;
import io.roomflux.server.proto.Job;

/**
 * A running job: the server's description of it and the room the agent joined for it. Handed to
 * the worker's {@link AgentWorker.Builder#onJob job function}; the room belongs to the worker,
 * which disconnects it when the job's publisher ends, fails or is cancelled.
 *
 * @param job the job, as the server assigned it
 * @param room the joined room, open while the job runs
 */
public record AgentJob(Job job, Room room) {
  /**
   * The job's id.
   *
   * @return the id
   */
  public String id() {
    return job.getId();
  }

  /**
   * The dispatch's metadata, empty for none.
   *
   * @return the metadata
   */
  public String metadata() {
    return job.getMetadata();
  }
}
