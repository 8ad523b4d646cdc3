package io.roomflux.server;

import io.roomflux.RoomFluxException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A server API call that the server answered with a Twirp error: its {@link #code()}, the
 * server's message and the {@link #meta()} it attached. Subclasses name the codes callers tell
 * apart ({@link NotFoundException}, {@link UnauthenticatedException}, ...); {@link #of} picks the
 * one for a code. Immutable.
 */
public class TwirpException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  private final TwirpErrorCode code;
  private final String serverMessage;
  private final TreeMap<String, String> meta;
  private final int httpStatus;
  private final String method;

  /**
   * Creates the exception for one failed call.
   *
   * @param code the Twirp code
   * @param serverMessage the server's {@code msg}, possibly empty
   * @param meta the server's {@code meta}, possibly empty
   * @param httpStatus the HTTP status of the answer
   * @param method the method called, {@code livekit.<Service>/<Method>}
   */
  public TwirpException(TwirpErrorCode code, String serverMessage, Map<String, String> meta, int httpStatus, String method) {
    super(method + " failed: " + code.wireName() + " (HTTP " + httpStatus + ")"
        + (serverMessage.isEmpty() ? "" : ": " + serverMessage));
    this.code = code;
    this.serverMessage = serverMessage;
    this.meta = new TreeMap<>(meta);
    this.httpStatus = httpStatus;
    this.method = method;
  }

  /**
   * Creates the exception of the subclass that stands for {@code code}.
   *
   * @param code the Twirp code
   * @param serverMessage the server's {@code msg}
   * @param meta the server's {@code meta}
   * @param httpStatus the HTTP status of the answer
   * @param method the method called, {@code livekit.<Service>/<Method>}
   * @return the exception, a subclass where one stands for the code
   */
  public static TwirpException of(TwirpErrorCode code, String serverMessage, Map<String, String> meta, int httpStatus, String method) {
    return switch (code) {
      case NOT_FOUND, BAD_ROUTE -> new NotFoundException(code, serverMessage, meta, httpStatus, method);
      case INVALID_ARGUMENT, MALFORMED, OUT_OF_RANGE -> new InvalidArgumentException(code, serverMessage, meta, httpStatus, method);
      case ALREADY_EXISTS -> new AlreadyExistsException(code, serverMessage, meta, httpStatus, method);
      case PERMISSION_DENIED -> new PermissionDeniedException(code, serverMessage, meta, httpStatus, method);
      case UNAUTHENTICATED -> new UnauthenticatedException(code, serverMessage, meta, httpStatus, method);
      case RESOURCE_EXHAUSTED -> new ResourceExhaustedException(code, serverMessage, meta, httpStatus, method);
      case FAILED_PRECONDITION -> new FailedPreconditionException(code, serverMessage, meta, httpStatus, method);
      case UNIMPLEMENTED -> new UnimplementedException(code, serverMessage, meta, httpStatus, method);
      case INTERNAL, DATALOSS -> new InternalException(code, serverMessage, meta, httpStatus, method);
      case UNAVAILABLE -> new UnavailableException(code, serverMessage, meta, httpStatus, method);
      case DEADLINE_EXCEEDED -> new DeadlineExceededException(code, serverMessage, meta, httpStatus, method);
      case CANCELED, UNKNOWN, ABORTED -> new TwirpException(code, serverMessage, meta, httpStatus, method);
    };
  }

  /**
   * Returns the Twirp code of the answer.
   *
   * @return the code
   */
  public TwirpErrorCode code() {
    return code;
  }

  /**
   * Returns the server's own message ({@code msg}).
   *
   * @return the message, possibly empty
   */
  public String serverMessage() {
    return serverMessage;
  }

  /**
   * Returns the {@code meta} the server attached to the error.
   *
   * @return an unmodifiable map sorted by key, possibly empty
   */
  public Map<String, String> meta() {
    return Collections.unmodifiableMap(meta);
  }

  /**
   * Returns the HTTP status of the answer.
   *
   * @return the status
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Returns the method that failed.
   *
   * @return {@code livekit.<Service>/<Method>}
   */
  public String method() {
    return method;
  }
}
