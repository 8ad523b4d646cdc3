package io.roomflux.server.webhook;

import io.roomflux.RoomFluxException;

/**
 * A webhook that {@link WebhookReceiver} refused, with the {@link #reason()} why. A refused
 * webhook was not parsed: nothing in its body is trusted. Immutable.
 */
public final class WebhookVerificationException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /** Why a webhook was refused. */
  public enum Reason {
    /** No {@code Authorization} header. */
    MISSING_SIGNATURE,
    /**
     * The signature JWT was refused: unknown API key, wrong secret, tampered, expired or
     * malformed (the cause is the {@link io.roomflux.token.TokenVerificationException}).
     */
    BAD_SIGNATURE,
    /** The signature is valid but its {@code sha256} claim is missing or is not the body's hash. */
    BODY_HASH_MISMATCH,
    /** The body is larger than the receiver accepts. */
    BODY_TOO_LARGE,
    /** The body is signed correctly but is not a {@code WebhookEvent} in JSON. */
    MALFORMED_BODY
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the webhook was refused
   * @param message details
   */
  public WebhookVerificationException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  /**
   * Creates the exception with a cause.
   *
   * @param reason why the webhook was refused
   * @param message details
   * @param cause the verifier's or parser's error
   */
  public WebhookVerificationException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  /**
   * Returns why the webhook was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the HTTP status the ready route answers this refusal with.
   *
   * @return 401 for signature problems, 413 for an oversized body, 400 for a malformed one
   */
  public int httpStatus() {
    return switch (reason) {
      case MISSING_SIGNATURE, BAD_SIGNATURE, BODY_HASH_MISMATCH -> 401;
      case BODY_TOO_LARGE -> 413;
      case MALFORMED_BODY -> 400;
    };
  }
}
