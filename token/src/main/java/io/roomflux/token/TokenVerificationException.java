package io.roomflux.token;

import io.roomflux.RoomFluxException;

/**
 * A token that {@link TokenVerifier} refused, with the {@link #reason()} why. Immutable.
 */
public final class TokenVerificationException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** Not a compact JWS, or its claims are not a JSON object of the expected types. */
    MALFORMED,
    /** Signed with an algorithm other than HS256. */
    UNSUPPORTED_ALGORITHM,
    /** Its issuer ({@code iss}) is missing or not an API key the verifier knows. */
    UNKNOWN_KEY,
    /** The signature does not match the known key's secret: a wrong secret or a tampered token. */
    BAD_SIGNATURE,
    /** Its expiry ({@code exp}), plus the leeway, has passed, or it has none. */
    EXPIRED,
    /** Its start ({@code nbf}), less the leeway, is still ahead. */
    NOT_YET_VALID
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the token was refused
   * @param message details, never the token's secret
   */
  public TokenVerificationException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  /**
   * Creates the exception with a cause.
   *
   * @param reason why the token was refused
   * @param message details
   * @param cause the parser's or crypto's error
   */
  public TokenVerificationException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  /**
   * Returns why the token was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
