package io.roomflux.agents;

/**
 * The server did not accept the worker: it refused the {@code /agent} WebSocket handshake (wrong
 * key or secret, a token without the agent grant), or it did not answer the registration within
 * the registration timeout. A refused handshake ends {@link AgentWorker#run()}; an unanswered
 * registration is retried with backoff like a lost connection.
 */
public final class WorkerRegistrationException extends AgentWorkerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param cause the cause, if any
   */
  public WorkerRegistrationException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public WorkerRegistrationException(String message) {
    super(message);
  }
}
