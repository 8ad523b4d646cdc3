package io.roomflux.server;

import java.util.Locale;

/**
 * The error codes of the Twirp protocol, with the HTTP status a Twirp server answers each with.
 * A server API call that fails with one of them signals a {@link TwirpException} (a subclass per
 * code where a caller is likely to tell them apart).
 */
public enum TwirpErrorCode {
  /** The operation was cancelled. */
  CANCELED(408),
  /** An error without a more specific code. */
  UNKNOWN(500),
  /** The request had an invalid argument. */
  INVALID_ARGUMENT(400),
  /** The request body could not be decoded. */
  MALFORMED(400),
  /** The operation took too long on the server side. */
  DEADLINE_EXCEEDED(408),
  /** The room, participant, track or other entity does not exist. */
  NOT_FOUND(404),
  /** The route does not exist: an unknown service or method, or not a Twirp server. */
  BAD_ROUTE(404),
  /** The entity to create exists already. */
  ALREADY_EXISTS(409),
  /** The caller is authenticated but may not do this. */
  PERMISSION_DENIED(403),
  /** The caller's token is missing, invalid, or lacks the grant the method needs. */
  UNAUTHENTICATED(401),
  /** A quota or limit is exhausted. */
  RESOURCE_EXHAUSTED(403),
  /** The system is not in the state the operation requires. */
  FAILED_PRECONDITION(412),
  /** The operation was aborted, typically by a concurrency conflict. */
  ABORTED(409),
  /** An argument was out of its valid range. */
  OUT_OF_RANGE(400),
  /** The method is not implemented or not enabled on this server. */
  UNIMPLEMENTED(501),
  /** An internal error of the server or of a service behind it. */
  INTERNAL(500),
  /** The service is unavailable for now; an idempotent call may be retried. */
  UNAVAILABLE(503),
  /** Unrecoverable data loss. */
  DATALOSS(500);

  private final int httpStatus;

  TwirpErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /**
   * Returns the HTTP status a Twirp server answers this code with.
   *
   * @return the status, for example 404 for {@link #NOT_FOUND}
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Returns the code as Twirp writes it in an error body.
   *
   * @return the wire name, for example {@code not_found}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a code from an error body; a code this enum does not know is {@link #UNKNOWN}.
   *
   * @param wireName the {@code code} of a Twirp error body
   * @return the code
   */
  public static TwirpErrorCode fromWireName(String wireName) {
    for (TwirpErrorCode code : values()) {
      if (code.wireName().equals(wireName)) {
        return code;
      }
    }
    return UNKNOWN;
  }

  /**
   * The code a Twirp client assumes when an error answer carries no Twirp error body (for example
   * one written by a proxy, or by livekit-server's authentication layer): 401 unauthenticated,
   * 403 permission denied, 404 bad route, 429/502/503/504 unavailable, 3xx and 400 internal,
   * anything else unknown (Twirp's protocol specification).
   *
   * @param httpStatus the HTTP status of the answer
   * @return the code
   */
  public static TwirpErrorCode fromHttpStatus(int httpStatus) {
    return switch (httpStatus) {
      case 401 -> UNAUTHENTICATED;
      case 403 -> PERMISSION_DENIED;
      case 404 -> BAD_ROUTE;
      case 429, 502, 503, 504 -> UNAVAILABLE;
      default -> (httpStatus >= 300 && httpStatus < 400) || httpStatus == 400 ? INTERNAL : UNKNOWN;
    };
  }
}
