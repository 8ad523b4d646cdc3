package io.roomflux;

import java.util.Map;

/**
 * Where RoomFlux reports what it does, for metrics and tracing: the client ({@code LiveKitOptions}),
 * the server API ({@code ServerApi.Builder}) and agent workers ({@code AgentWorker.Builder}) each
 * take one. {@link #none()} (the default) does nothing; {@code roomflux-micrometer}'s
 * {@code MicrometerTelemetry} turns the calls into Micrometer meters and observations.
 *
 * <p><b>Threads.</b> Every method may be called on any thread, including Reactor's non-blocking
 * ones and RoomFlux's dispatcher, concurrently: implementations must be thread-safe, must not block
 * and must return quickly. They are never called on the native core's callback thread. An
 * exception thrown by an implementation is caught and ignored (it never fails the operation).
 *
 * <p>Every method has a no-op default, so an implementation overrides only what it needs, and
 * new methods can be added without breaking it.
 */
public interface Telemetry {

  /**
   * Telemetry that records nothing.
   *
   * @return the shared no-op instance
   */
  static Telemetry none() {
    return Noop.INSTANCE;
  }

  /**
   * Wraps an implementation the way RoomFlux calls it: every exception it throws is caught (the
   * first one is logged as a warning through {@link System.Logger} {@code io.roomflux.telemetry},
   * later ones at debug level), and each scope it starts ends at most once, later ends being
   * ignored. {@link #none()} and already guarded telemetry are returned as they are.
   *
   * @param telemetry the implementation
   * @return the guarded telemetry
   */
  static Telemetry guarded(Telemetry telemetry) {
    java.util.Objects.requireNonNull(telemetry, "telemetry");
    return telemetry == Noop.INSTANCE || telemetry instanceof Guarded ? telemetry : new Guarded(telemetry);
  }

  /**
   * An operation starts: a connect, an RPC, a server API call. The returned scope is ended exactly
   * once, by {@link Scope#success()}, {@link Scope#failure(Throwable)} or {@link Scope#cancel()}.
   *
   * @param operation what starts
   * @return the scope to end when it ends
   */
  default Scope start(Operation operation) {
    return Scope.NOOP;
  }

  /**
   * One request was answered by the native core (synchronously; asynchronous requests are timed
   * until the core accepted them).
   *
   * @param kind the request's kind, for example {@code connect} or {@code publish_data}
   * @param nanos how long the call into the core took, in nanoseconds
   */
  default void ffiRequest(String kind, long nanos) {}

  /**
   * A room emitted an event to its subscribers.
   *
   * @param type the event's record name, for example {@code ParticipantConnected}
   */
  default void eventEmitted(String type) {}

  /**
   * Events were dropped for a subscriber that did not keep up (its overflow policy dropped them).
   *
   * @param count how many
   */
  default void eventsDropped(long count) {}

  /**
   * Media frames were dropped for a stream whose subscriber did not keep up.
   *
   * @param kind {@code audio} or {@code video}
   * @param count how many
   */
  default void mediaFramesDropped(String kind, long count) {}

  /**
   * An agent job ended.
   *
   * @param status how the job ended: {@code SUCCEEDED}, {@code FAILED}, {@code ROOM_ENDED} or
   *     {@code TERMINATED} (the names of {@code io.roomflux.agents.JobEnd.Outcome})
   */
  default void agentJobEnded(String status) {}

  /**
   * An operation RoomFlux observes, with its tags. Low-cardinality tags (a bounded set of values:
   * a method name, a service) may become metric tags; high-cardinality ones (a room name, an
   * identity) only trace attributes.
   *
   * @param name the operation's name: {@code roomflux.connect}, {@code roomflux.rpc} or
   *     {@code roomflux.server.call}
   * @param contextualName a short human name for a trace span, for example {@code rpc greet}
   * @param lowCardinalityTags tags with a bounded set of values
   * @param highCardinalityTags tags with unbounded values; never a secret or a token
   */
  record Operation(String name, String contextualName, Map<String, String> lowCardinalityTags,
                   Map<String, String> highCardinalityTags) {
    /** Copies the maps. */
    public Operation {
      lowCardinalityTags = Map.copyOf(lowCardinalityTags);
      highCardinalityTags = Map.copyOf(highCardinalityTags);
    }
  }

  /** A started operation; end it exactly once. Implementations are thread-safe. */
  interface Scope {
    /** A scope that records nothing. */
    Scope NOOP = new Scope() {
      @Override
      public void success() {}

      @Override
      public void failure(Throwable error) {}

      @Override
      public void cancel() {}
    };

    /** The operation succeeded. */
    void success();

    /**
     * The operation failed.
     *
     * @param error why
     */
    void failure(Throwable error);

    /** The operation was cancelled by its subscriber before it ended. */
    void cancel();
  }
}

/** The no-op {@link Telemetry}. */
final class Noop implements Telemetry {
  static final Noop INSTANCE = new Noop();

  private Noop() {}
}
