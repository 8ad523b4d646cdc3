package io.roomflux.server;

import java.util.Map;

/** The service is unavailable for now ({@code unavailable}, or HTTP 429/502/503/504 without a Twirp body). Idempotent calls are retried on it, within the call's timeout. */
public final class UnavailableException extends TwirpException {
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
  public UnavailableException(TwirpErrorCode code, String serverMessage, Map<String, String> meta, int httpStatus, String method) {
    super(code, serverMessage, meta, httpStatus, method);
  }
}
