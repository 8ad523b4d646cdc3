package io.roomflux.server;

import java.util.Map;

/** The request was invalid ({@code invalid_argument}, {@code malformed}, {@code out_of_range}). */
public final class InvalidArgumentException extends TwirpException {
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
  public InvalidArgumentException(TwirpErrorCode code, String serverMessage, Map<String, String> meta, int httpStatus, String method) {
    super(code, serverMessage, meta, httpStatus, method);
  }
}
