package io.roomflux.server;

import java.util.Map;

/** The room, participant, track or other entity named in the call does not exist ({@code not_found}), or the route does not ({@code bad_route}). */
public final class NotFoundException extends TwirpException {
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
  public NotFoundException(TwirpErrorCode code, String serverMessage, Map<String, String> meta, int httpStatus, String method) {
    super(code, serverMessage, meta, httpStatus, method);
  }
}
