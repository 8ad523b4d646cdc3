package io.roomflux.core;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Holds the process's one {@link FfiClient}: opens it on first use, closes it from a JVM shutdown
 * hook if the application did not, and refuses to open another once it was closed.
 *
 * @param <C> the client type (a type parameter only so that tests can hold a fake)
 */
final class ProcessClient<C> {
  /**
   * The only static state of the core, and it is inherent: livekit-ffi keeps process-global
   * state (one event callback, one runtime) and can be initialized once per process, and
   * disposed once. Everything else hangs off the client this holds.
   */
  static final ProcessClient<FfiClient> PROCESS =
      new ProcessClient<>(FfiClient::start, FfiClient::closed, FfiClient::close);

  private final Function<FfiClientOptions, C> start;
  private final Predicate<C> closed;
  private final Consumer<C> close;
  private final Object lock = new Object();
  private @Nullable C client;

  /**
   * @param start starts a client (loads and initializes the core)
   * @param closed whether a client was closed
   * @param close closes a client; the shutdown hook calls it
   */
  ProcessClient(Function<FfiClientOptions, C> start, Predicate<C> closed, Consumer<C> close) {
    this.start = start;
    this.closed = closed;
    this.close = close;
  }

  /**
   * The client, started with these options if there is none yet (else they are ignored).
   *
   * @throws FfiClosedException if it was closed already: the core cannot be started twice
   */
  C open(FfiClientOptions options) {
    synchronized (lock) {
      C c = client;
      if (c == null) {
        c = start.apply(options);
        client = c;
        C started = c;
        Runtime.getRuntime().addShutdownHook(
            Thread.ofPlatform().name("roomflux-ffi-shutdown").unstarted(() -> close.accept(started)));
      } else if (closed.test(c)) {
        throw new FfiClosedException("the livekit-ffi core of this process was disposed; "
            + "it cannot be started again in the same JVM");
      }
      return c;
    }
  }
}
