package io.roomflux.reactor;

import io.roomflux.Telemetry;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Settings of a {@link LiveKit} entry point. Immutable; make one with {@link #builder()} or start
 * from {@link #defaults()}. New settings are added as builder methods, so code that builds
 * options keeps compiling and linking.
 *
 * <p>The core settings ({@link #coreLogs()}, {@link #explainWait()}, {@link #shutdownTimeout()})
 * apply to the process's native core, which is started once per process: only the first entry
 * point's settings take effect.
 */
public final class LiveKitOptions {
  private final Scheduler scheduler;
  private final Scheduler timer;
  private final int eventBufferSize;
  private final boolean coreLogs;
  private final Duration explainWait;
  private final Duration shutdownTimeout;
  private final Telemetry telemetry;

  private LiveKitOptions(Builder b) {
    this.scheduler = b.scheduler;
    this.timer = b.timer;
    this.eventBufferSize = b.eventBufferSize;
    this.coreLogs = b.coreLogs;
    this.explainWait = b.explainWait;
    this.shutdownTimeout = b.shutdownTimeout;
    this.telemetry = b.telemetry;
  }

  /**
   * The defaults described on each setting.
   *
   * @return default options
   */
  public static LiveKitOptions defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.scheduler = scheduler;
    b.timer = timer;
    b.eventBufferSize = eventBufferSize;
    b.coreLogs = coreLogs;
    b.explainWait = explainWait;
    b.shutdownTimeout = shutdownTimeout;
    b.telemetry = telemetry;
    return b;
  }

  /**
   * Where subscribers receive events and operation results; never the core's or the
   * dispatcher's threads. Default {@link Schedulers#parallel()}.
   *
   * @return the scheduler
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * The scheduler connect timeouts and grace periods run on; inject a virtual-time scheduler in
   * tests. Default {@link Schedulers#parallel()}.
   *
   * @return the scheduler
   */
  public Scheduler timer() {
    return timer;
  }

  /**
   * How many events one slow subscriber of {@link Room#events()} may have waiting before the
   * oldest are dropped for it (and counted in {@link Room#missedEvents()}). Memory per subscriber
   * is bounded by this many events. Default 1024.
   *
   * @return the size
   */
  public int eventBufferSize() {
    return eventBufferSize;
  }

  /**
   * Whether the core's own log lines are forwarded to SLF4J (loggers {@code io.roomflux.ffi.*}) and
   * used to explain refused requests. Default true. Forwarded lines are logged at DEBUG when they
   * are chatter (the core's INFO) or report an error the caller receives anyway; the core's other
   * warnings and errors keep their level (docs/troubleshooting.md lists the mapping). When false,
   * the core prints its lines to standard error itself, filtered by {@code RUST_LOG}.
   *
   * @return whether core logs are captured
   */
  public boolean coreLogs() {
    return coreLogs;
  }

  /**
   * How long a refused request waits for the reason the core logs for it before failing
   * without one. Default 250 ms.
   *
   * @return the wait
   */
  public Duration explainWait() {
    return explainWait;
  }

  /**
   * How long the process's core waits at JVM exit for open rooms to confirm their disconnect.
   * Default 10 s.
   *
   * @return the timeout
   */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * Where this entry point reports what it does: each connect (operation {@code roomflux.connect})
   * and RPC it performs ({@code roomflux.rpc}), each request to the native core, each event its
   * rooms emit, and the events and media frames dropped for slow subscribers. Called on RoomFlux's
   * and Reactor's threads, never on the core's callback thread; an exception it throws is caught
   * and ignored. Default {@link Telemetry#none()}; {@code roomflux-micrometer}'s
   * {@code MicrometerTelemetry} reports to Micrometer.
   *
   * @return the telemetry
   */
  public Telemetry telemetry() {
    return telemetry;
  }

  /**
   * With another timer scheduler.
   *
   * @param value the scheduler
   * @return new options
   */
  public LiveKitOptions withTimer(Scheduler value) {
    return toBuilder().timer(value).build();
  }

  /**
   * With another per-subscriber event buffer size.
   *
   * @param value the size
   * @return new options
   */
  public LiveKitOptions withEventBufferSize(int value) {
    return toBuilder().eventBufferSize(value).build();
  }

  /**
   * Equal if every setting is (schedulers and telemetry compared as their own {@code equals} does).
   *
   * @param other another object
   * @return whether the options are equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof LiveKitOptions o && o.scheduler.equals(scheduler) && o.timer.equals(timer)
        && o.eventBufferSize == eventBufferSize && o.coreLogs == coreLogs && o.explainWait.equals(explainWait)
        && o.shutdownTimeout.equals(shutdownTimeout) && o.telemetry.equals(telemetry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheduler, timer, eventBufferSize, coreLogs, explainWait, shutdownTimeout, telemetry);
  }

  /**
   * Describes the options.
   *
   * @return e.g. {@code LiveKitOptions[scheduler=..., eventBufferSize=1024, ...]}
   */
  @Override
  public String toString() {
    return "LiveKitOptions[scheduler=" + scheduler + ", timer=" + timer + ", eventBufferSize=" + eventBufferSize
        + ", coreLogs=" + coreLogs + ", explainWait=" + explainWait + ", shutdownTimeout=" + shutdownTimeout
        + ", telemetry=" + telemetry + "]";
  }

  /** Builds {@link LiveKitOptions}; not thread-safe, reusable. */
  public static final class Builder {
    private Scheduler scheduler = Schedulers.parallel();
    private Scheduler timer = Schedulers.parallel();
    private int eventBufferSize = 1024;
    private boolean coreLogs = true;
    private Duration explainWait = Duration.ofMillis(250);
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private Telemetry telemetry = Telemetry.none();

    private Builder() {
    }

    /**
     * See {@link LiveKitOptions#scheduler()}.
     *
     * @param value the scheduler
     * @return this builder
     */
    public Builder scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * See {@link LiveKitOptions#timer()}.
     *
     * @param value the scheduler
     * @return this builder
     */
    public Builder timer(Scheduler value) {
      this.timer = Objects.requireNonNull(value, "timer");
      return this;
    }

    /**
     * See {@link LiveKitOptions#eventBufferSize()}.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder eventBufferSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("eventBufferSize must be at least 1, was " + value);
      }
      this.eventBufferSize = value;
      return this;
    }

    /**
     * See {@link LiveKitOptions#coreLogs()}.
     *
     * @param value whether to capture the core's logs
     * @return this builder
     */
    public Builder coreLogs(boolean value) {
      this.coreLogs = value;
      return this;
    }

    /**
     * See {@link LiveKitOptions#explainWait()}.
     *
     * @param value not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder explainWait(Duration value) {
      this.explainWait = nonNegative(value, "explainWait");
      return this;
    }

    /**
     * See {@link LiveKitOptions#shutdownTimeout()}.
     *
     * @param value not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder shutdownTimeout(Duration value) {
      this.shutdownTimeout = nonNegative(value, "shutdownTimeout");
      return this;
    }

    /**
     * See {@link LiveKitOptions#telemetry()}.
     *
     * @param value the telemetry, {@link Telemetry#none()} to report nothing
     * @return this builder
     */
    public Builder telemetry(Telemetry value) {
      this.telemetry = Objects.requireNonNull(value, "telemetry");
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
     */
    public LiveKitOptions build() {
      return new LiveKitOptions(this);
    }

    private static Duration nonNegative(Duration value, String name) {
      if (Objects.requireNonNull(value, name).isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
      return value;
    }
  }
}
