package io.roomflux.reactor.internal.core;

import io.roomflux.RoomFluxException;
import io.roomflux.core.FfiClosedException;
import io.roomflux.core.FfiPanicException;
import io.roomflux.core.FfiRequestException;
import io.roomflux.reactor.CoreClosedException;
import io.roomflux.reactor.CorePanicException;
import io.roomflux.reactor.NativeLibraryException;
import io.roomflux.reactor.OperationFailedException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where the core's exceptions become API exceptions: a user never has to name a
 * type of the (unexported) core module to tell what happened.
 */
public final class CoreErrors {
  private CoreErrors() {
  }

  /**
   * The API exception for a failure of the core's own kind.
   *
   * @param error the core's exception
   * @return an exception of the API, under the same root
   */
  public static RoomFluxException toApi(RoomFluxException error) {
    return (RoomFluxException) toApi((Throwable) error);
  }

  /**
   * The API exception for a failure that came from the core.
   *
   * @param error the core's exception (or one already translated, returned as it is)
   * @return an exception of the API; others pass through unchanged
   */
  public static RuntimeException toApi(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return switch (e) {
      case FfiPanicException p -> new CorePanicException("the livekit-ffi core panicked: " + p.getMessage(), p);
      case FfiClosedException c -> new CoreClosedException(String.valueOf(c.getMessage()), c);
      case FfiRequestException r -> new OperationFailedException(r.requestKind(),
          r.coreReason().orElse("refused by the core"), r);
      case io.roomflux.core.NativeLibraryException n -> new NativeLibraryException(String.valueOf(n.getMessage()), n);
      case RuntimeException r -> r;
      default -> new RoomFluxException(String.valueOf(e.getMessage()), e);
    };
  }
}
