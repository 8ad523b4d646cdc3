package io.roomflux.reactor.rpc;

import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.RoomFluxException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A remote procedure call failed, or a method handler refuses a call.
 *
 * <p>The caller receives it from {@link LocalParticipant#performRpc}: either one of the built-in
 * codes below, raised by the RPC system (timeouts, unknown method, payload limits, ...), or the
 * code, message and data that the remote handler signalled. A handler registered with
 * {@link LocalParticipant#registerRpcMethod} signals one (as an error of its {@code Mono}, or
 * thrown) to send exactly that code, message and data back to the caller; any other exception
 * is sent as {@link #APPLICATION_ERROR}.
 *
 * <p>Codes 1001 to 1999 are reserved for the RPC system; applications use codes outside that
 * range. The built-in codes are LiveKit's: 14xx for errors found before the handler runs,
 * 15xx for failures while it runs or while its answer travels. A handler's error is sent with
 * at most {@value #MAX_MESSAGE_BYTES} bytes of message and {@value #MAX_PAYLOAD_BYTES} bytes of
 * data (UTF-8); longer ones are cut.
 *
 * <p>The exception a caller receives names its call: {@link #getMessage()} reads, for example,
 * {@code RPC "greet" to "bob" failed: 1501 Connection timeout (is "bob" in the room?)}, and
 * {@link #calledMethod()} and {@link #destinationIdentity()} give the method and destination.
 * {@link #message()} is always the error's message as sent over RPC, without that context.
 */
public final class RpcException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  /** The recipient has no handler for the method. */
  public static final int UNSUPPORTED_METHOD = 1400;
  /** No participant with the destination identity is in the room. */
  public static final int RECIPIENT_NOT_FOUND = 1401;
  /** The request payload exceeded {@link #MAX_PAYLOAD_BYTES}; nothing was sent. */
  public static final int REQUEST_PAYLOAD_TOO_LARGE = 1402;
  /** The server does not support RPC. */
  public static final int UNSUPPORTED_SERVER = 1403;
  /** The recipient speaks another version of the RPC protocol. */
  public static final int UNSUPPORTED_VERSION = 1404;

  /** The method handler failed with something other than an {@code RpcException}. */
  public static final int APPLICATION_ERROR = 1500;
  /** The recipient did not acknowledge the request in time (it may not be in the room). */
  public static final int CONNECTION_TIMEOUT = 1501;
  /** The recipient acknowledged the request but did not answer within the response timeout. */
  public static final int RESPONSE_TIMEOUT = 1502;
  /** The recipient left the room before answering. */
  public static final int RECIPIENT_DISCONNECTED = 1503;
  /** The answer exceeded {@link #MAX_PAYLOAD_BYTES}. */
  public static final int RESPONSE_PAYLOAD_TOO_LARGE = 1504;
  /** The request or its answer could not be sent. */
  public static final int SEND_FAILED = 1505;

  /** The largest payload, in UTF-8 bytes, of a request or of an answer (15 KiB). */
  public static final int MAX_PAYLOAD_BYTES = 15_360;

  /** The longest error message, in UTF-8 bytes, that is sent to the caller. */
  public static final int MAX_MESSAGE_BYTES = 256;

  private final int code;
  private final String rpcMessage;
  private final @Nullable String data;
  private final @Nullable String calledMethod;
  private final @Nullable String destinationIdentity;

  /**
   * An RPC error without data.
   *
   * @param code the error code; applications use codes outside 1001 to 1999
   * @param message what went wrong, for the caller
   */
  public RpcException(int code, String message) {
    this(code, message, null);
  }

  /**
   * An RPC error with extra data for the caller.
   *
   * @param code the error code; applications use codes outside 1001 to 1999
   * @param message what went wrong, for the caller
   * @param data extra detail for the caller (typically JSON), or {@code null} for none
   */
  public RpcException(int code, String message, @Nullable String data) {
    super("RPC error " + code + ": " + message);
    this.code = code;
    this.rpcMessage = message;
    this.data = data;
    this.calledMethod = null;
    this.destinationIdentity = null;
  }

  private RpcException(RpcException error, String method, String destinationIdentity) {
    super("RPC \"" + method + "\" to \"" + destinationIdentity + "\" failed: " + error.code + " "
        + error.rpcMessage + hint(error.code, method, destinationIdentity));
    this.code = error.code;
    this.rpcMessage = error.rpcMessage;
    this.data = error.data;
    this.calledMethod = method;
    this.destinationIdentity = destinationIdentity;
  }

  private static String hint(int code, String method, String destinationIdentity) {
    return switch (code) {
      case CONNECTION_TIMEOUT, RECIPIENT_NOT_FOUND -> " (is \"" + destinationIdentity + "\" in the room?)";
      case UNSUPPORTED_METHOD -> " (\"" + destinationIdentity + "\" has no handler registered for \""
          + method + "\")";
      default -> "";
    };
  }

  /**
   * This error as the caller of a method receives it: the same code, message and data, with a
   * {@link #getMessage()} that names the method and the destination, and a hint where the code
   * suggests one (is the destination in the room? does it handle the method?). RoomFlux calls it
   * for every error of {@link LocalParticipant#performRpc}; a handler has no need to.
   *
   * @param method the method that was called
   * @param destinationIdentity the identity of the participant it was sent to
   * @return a new exception; this one is unchanged
   */
  public RpcException forCall(String method, String destinationIdentity) {
    RpcException named = new RpcException(this, Objects.requireNonNull(method, "method"),
        Objects.requireNonNull(destinationIdentity, "destinationIdentity"));
    named.setStackTrace(getStackTrace());
    Throwable cause = getCause();
    if (cause != null) {
      named.initCause(cause);
    }
    return named;
  }

  /**
   * An {@link #APPLICATION_ERROR} with this message: what a handler's failure is reported as.
   *
   * @param message what went wrong, for the caller
   * @return the exception
   */
  public static RpcException applicationError(String message) {
    return new RpcException(APPLICATION_ERROR, message);
  }

  /**
   * One of the built-in errors with its standard message (the one LiveKit's SDKs use).
   *
   * @param code one of the built-in codes above (1400 to 1404, 1500 to 1505)
   * @return the exception
   * @throws IllegalArgumentException for any other code
   */
  public static RpcException builtIn(int code) {
    return new RpcException(code, switch (code) {
      case APPLICATION_ERROR -> "Application error in method handler";
      case CONNECTION_TIMEOUT -> "Connection timeout";
      case RESPONSE_TIMEOUT -> "Response timeout";
      case RECIPIENT_DISCONNECTED -> "Recipient disconnected";
      case RESPONSE_PAYLOAD_TOO_LARGE -> "Response payload too large";
      case SEND_FAILED -> "Failed to send";
      case UNSUPPORTED_METHOD -> "Method not supported at destination";
      case RECIPIENT_NOT_FOUND -> "Recipient not found";
      case REQUEST_PAYLOAD_TOO_LARGE -> "Request payload too large";
      case UNSUPPORTED_SERVER -> "RPC not supported by server";
      case UNSUPPORTED_VERSION -> "Unsupported RPC version";
      default -> throw new IllegalArgumentException(code + " is not a built-in RPC error code");
    });
  }

  /**
   * The error code: a built-in one (1400 to 1404, 1500 to 1505) or the one the remote handler
   * chose.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * The error's message as sent over RPC, without the code that {@link #getMessage()} adds.
   *
   * @return the message
   */
  public String message() {
    return rpcMessage;
  }

  /**
   * Extra detail the handler attached, if any.
   *
   * @return the data
   */
  public Optional<String> data() {
    return Optional.ofNullable(data);
  }

  /**
   * The method of the call that failed, on the caller's side; empty on an exception a handler
   * made.
   *
   * @return the method
   */
  public Optional<String> calledMethod() {
    return Optional.ofNullable(calledMethod);
  }

  /**
   * The identity the failed call was sent to, on the caller's side; empty on an exception a
   * handler made.
   *
   * @return the destination identity
   */
  public Optional<String> destinationIdentity() {
    return Optional.ofNullable(destinationIdentity);
  }
}
