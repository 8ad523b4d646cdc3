package io.roomflux.core;

import com.google.protobuf.InvalidProtocolBufferException;
import io.roomflux.RoomFluxException;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The synchronous request path: refuse once the core is terminated, encode, call the core,
 * decode the response; a refusal becomes an {@link FfiRequestException} that remembers the log
 * position taken before sending, so that {@link FfiClient#explain} can find the core's reason.
 * Thread-safe: holds no state of its own.
 */
final class Transport {
  // Immutable after class initialization; read only on refusals.
  private static final Map<FfiRequest.MessageCase, String> REQUEST_KINDS = requestKinds();

  /** The native request function: request in, decoded response or null (refused) out. */
  @FunctionalInterface
  interface NativeRequest {
    @Nullable FfiResponse request(FfiRequest request) throws InvalidProtocolBufferException;
  }

  private final NativeRequest nativeRequest;
  private final LongSupplier logPosition;
  private final Supplier<@Nullable RoomFluxException> termination;

  /**
   * @param nativeRequest calls the core
   * @param logPosition the core log's position, taken before each request
   * @param termination the panic or close that stopped the core, or null while it serves
   */
  Transport(NativeRequest nativeRequest, LongSupplier logPosition,
            Supplier<@Nullable RoomFluxException> termination) {
    this.nativeRequest = nativeRequest;
    this.logPosition = logPosition;
    this.termination = termination;
  }

  /**
   * Sends one request.
   *
   * @throws FfiRequestException if the core refused it
   * @throws FfiPanicException after a core panic
   * @throws FfiClosedException after a close
   */
  FfiResponse request(FfiRequest request) {
    RoomFluxException failure = termination.get();
    if (failure != null) {
      throw rethrow(failure);
    }
    long position = logPosition.getAsLong();
    FfiResponse response;
    try {
      response = nativeRequest.request(request);
    } catch (InvalidProtocolBufferException e) {
      throw new RoomFluxException("undecodable response from livekit-ffi", e);
    }
    if (response == null) {
      throw new FfiRequestException(REQUEST_KINDS.getOrDefault(request.getMessageCase(), "request"), null)
          .at(position);
    }
    return response;
  }

  // A fresh exception per call site, so each caller's stack trace shows where it was refused.
  private static RuntimeException rethrow(RoomFluxException failure) {
    return failure instanceof FfiPanicException panic
        ? new FfiPanicException(panic)
        : new FfiClosedException(failure.getMessage());
  }

  private static Map<FfiRequest.MessageCase, String> requestKinds() {
    Map<FfiRequest.MessageCase, String> kinds = new EnumMap<>(FfiRequest.MessageCase.class);
    for (FfiRequest.MessageCase c : FfiRequest.MessageCase.values()) {
      if (c != FfiRequest.MessageCase.MESSAGE_NOT_SET) {
        kinds.put(c, FfiRequest.getDescriptor().findFieldByNumber(c.getNumber()).getMessageType().getName());
      }
    }
    return Collections.unmodifiableMap(kinds);
  }
}
