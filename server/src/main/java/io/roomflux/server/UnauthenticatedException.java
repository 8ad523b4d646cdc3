package io.roomflux.server;

import java.util.Map;

/** The server did not accept the call's token ({@code unauthenticated}): a wrong key or secret, an expired token, or (livekit-server answers so) a token without the grant the method needs. */
public final class UnauthenticatedException extends TwirpException {
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
  public UnauthenticatedException(TwirpErrorCode code, String serverMessage, Map<String, String> meta, int httpStatus, String method) {
    super(code, serverMessage, meta, httpStatus, method);
  }
}
