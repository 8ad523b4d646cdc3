package io.roomflux.testkit;

/**
 * A call to the server's room service API was answered with an error.
 *
 * <p>{@link #code()} is the Twirp error code ({@code not_found}, {@code permission_denied}, ...)
 * when the server sent one, else {@code http_<status>} (the server answers a bad token with
 * plain text, for example).
 */
public final class RoomServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status. */
  private final int status;

  /** The Twirp error code or {@code http_<status>}. */
  private final String code;

  RoomServiceException(String method, int status, String code, String message) {
    super("RoomService." + method + " failed: HTTP " + status + " " + code + ": " + message);
    this.status = status;
    this.code = code;
  }

  /**
   * Returns the HTTP status of the answer.
   *
   * @return the status, for example 404
   */
  public int status() {
    return status;
  }

  /**
   * Returns the error code of the answer.
   *
   * @return the Twirp code such as {@code not_found}, or {@code http_<status>} if there was none
   */
  public String code() {
    return code;
  }
}
