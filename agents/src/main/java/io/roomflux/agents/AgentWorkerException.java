package io.roomflux.agents;

import io.roomflux.RoomFluxException;

/**
 * The root of the errors an {@link AgentWorker} reports: the server refused or did not answer the
 * worker's registration, or the worker was used after it was closed.
 */
public class AgentWorkerException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public AgentWorkerException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong
   * @param cause the cause
   */
  public AgentWorkerException(String message, Throwable cause) {
    super(message, cause);
  }
}
