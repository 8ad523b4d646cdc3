package io.roomflux.agents;

/**
 * A job ended with {@code JS_FAILED}: its function failed, or its room could not be joined. Carried
 * by {@link JobEnd#error()}; the message is the one the worker sent to the server.
 */
public final class JobFailedException extends AgentWorkerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the error sent to the server
   * @param cause what made the job fail
   */
  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
