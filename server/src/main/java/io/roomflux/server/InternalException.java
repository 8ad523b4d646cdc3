package io.roomflux.server;

import java.util.Map;

/** An internal error of the server or of a service behind it ({@code internal}, {@code dataloss}); livekit-server answers so for Egress, Ingress and SIP calls when no such service is connected. */
public final class InternalException extends TwirpException {
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
  public InternalException(TwirpErrorCode code, String serverMessage, Map<String, String> meta, int httpStatus, String method) {
    super(code, serverMessage, meta, httpStatus, method);
  }
}
