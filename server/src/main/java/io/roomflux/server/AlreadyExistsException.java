package io.roomflux.server;

import java.util.Map;

/** The entity to create exists already ({@code already_exists}). */
public final class AlreadyExistsException extends TwirpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for one failed call.
   *
   * @param code the Twirp code
   * @param serverMessage the server's {@code msg}
   * @param meta the server's {@code meta}
   * @param httpStatus the HTTP status of the answer
   * @param method the method called, {@code livekit.<Service>/<Method>}
   */
  public AlreadyExistsException(TwirpErrorCode code, String serverMessage, Map<String, String> meta, int httpStatus, String method) {
    super(code, serverMessage, meta, httpStatus, method);
  }
}
