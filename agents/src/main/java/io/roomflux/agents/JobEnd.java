package io.roomflux.agents;

import java.util.Optional;

/**
 * How a job of this worker ended, published by {@link AgentWorker#jobEnds()} after the job's room
 * was disconnected and released.
 *
 * @param jobId the job's id
 * @param roomName the job's room
 * @param outcome how it ended
 * @param error the error of a failed job
 */
public record JobEnd(String jobId, String roomName, Outcome outcome, Optional<JobFailedException> error) {
  /** How a job ended. */
  public enum Outcome {
    /** Its publisher completed: reported {@code JS_SUCCESS}. */
    SUCCEEDED,
    /** Its publisher or its room failed: reported {@code JS_FAILED} with the error. */
    FAILED,
    /** Its room ended (deleted, or the agent removed): reported {@code JS_SUCCESS}. */
    ROOM_ENDED,
    /** The server terminated it ({@code JobTermination}), or the worker closed. */
    TERMINATED
  }
}
