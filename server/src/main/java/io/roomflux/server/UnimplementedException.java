package io.roomflux.server;

import java.util.Map;

/** The method is not implemented or not enabled on this server ({@code unimplemented}). */
public final class UnimplementedException extends TwirpException {
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
  public UnimplementedException(TwirpErrorCode code, String serverMessage, Map<String, String> meta, int httpStatus, String method) {
    super(code, serverMessage, meta, httpStatus, method);
  }
}
