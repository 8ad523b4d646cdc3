package io.roomflux.agents;

import io.roomflux.server.proto.Job;

/**
 * A job the server offers to this worker (its {@code AvailabilityRequest}); the worker's
 * {@link AgentWorker.Builder#onRequest request function} answers it with a {@link JobDecision}.
 *
 * @param job the job, as the server describes it (room, dispatch, metadata, participant)
 * @param resuming whether the server resumes a job another worker ran
 */
public record JobRequest(Job job, boolean resuming) {
  /**
   * The job's id.
   *
   * @return the id
   */
  public String id() {
    return job.getId();
  }

  /**
   * The name of the job's room.
   *
   * @return the room name
   */
  public String roomName() {
    return job.getRoom().getName();
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
