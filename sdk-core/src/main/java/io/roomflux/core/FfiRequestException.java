package io.roomflux.core;

import io.roomflux.RoomFluxException;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The core refused a request: {@code livekit_ffi_request} returned no response.
 *
 * <p>The core says why only in its log; {@link FfiClient#explain(FfiRequestException)} waits
 * briefly for that log line and returns an exception that carries it as {@link #coreReason()}.
 */
public class FfiRequestException extends RoomFluxException {
  private static final long serialVersionUID = 1L;

  private final String requestKind;
  private final @Nullable String coreReason;
  private transient long position;

  /**
   * Creates the exception.
   *
   * @param requestKind the protocol message of the request, e.g. {@code ConnectRequest}
   * @param coreReason the core's reason when known, with secrets already redacted
   */
  public FfiRequestException(String requestKind, @Nullable String coreReason) {
    super("livekit-ffi refused " + requestKind
        + (coreReason == null ? "" : ": " + coreReason));
    this.requestKind = requestKind;
    this.coreReason = coreReason;
  }

  FfiRequestException at(long logPosition) {
    this.position = logPosition;
    return this;
  }

  long position() {
    return position;
  }

  /**
   * The protocol message name of the refused request.
   *
   * @return e.g. {@code DisconnectRequest}
   */
  public String requestKind() {
    return requestKind;
  }

  /**
   * The reason the core logged, when it was seen.
   *
   * @return the redacted reason, e.g. {@code InvalidRequest("handle not found")}
   */
  public Optional<String> coreReason() {
    return Optional.ofNullable(coreReason);
  }
}
