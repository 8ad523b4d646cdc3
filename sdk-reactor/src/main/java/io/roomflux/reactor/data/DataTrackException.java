package io.roomflux.reactor.data;

import io.roomflux.RoomFluxException;
import java.util.Objects;

/**
 * A data track operation failed: the core or the server refused it, or the track is no longer
 * published. {@link #reason()} says which, the message carries the core's own words.
 */
public class DataTrackException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /** Why a data track operation failed. */
  public enum Reason {
    /** The local participant already publishes a data track of that name. */
    DUPLICATE_NAME,
    /** The name is not valid (for example empty). */
    INVALID_NAME,
    /** The declared schema or frame encoding is not valid. */
    INVALID_SCHEMA,
    /** The access token does not allow publishing data. */
    NOT_ALLOWED,
    /** The server's limit of data tracks was reached. */
    LIMIT_REACHED,
    /** The track is no longer published (unpublished by its publisher, or the room closed). */
    UNPUBLISHED,
    /** The server did not answer in time. */
    TIMEOUT,
    /** The room was disconnected. */
    DISCONNECTED,
    /** The core could not establish a subscription, or lost it. */
    SUBSCRIPTION_FAILED,
    /** A schema could not be stored or fetched (not defined, already defined, or refused). */
    SCHEMA,
    /** Anything else: a protocol or internal error of the core. */
    OTHER
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why it failed
   * @param message which track, which operation and the core's words
   */
  public DataTrackException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Why the operation failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
