package io.roomflux.testkit;

import io.roomflux.devserver.LiveKitDevServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A LiveKit participant that is not RoomFlux: LiveKit's own Python SDK ({@code livekit==1.2.1},
 * the wheel whose core the natives module ships) running {@code peer.py}, for interop tests. It
 * can publish a sine tone, analyse one participant's audio, and use a shared E2EE key; it reports
 * what happens as JSON lines, read here as {@link Report}s (the kinds are listed in
 * {@code testkit/src/main/python/peer.py}).
 *
 * <p>The peer is a child process of this JVM, so it shares the JVM's network: inside the test
 * network namespace (see {@code scripts/netns-java}) it reaches the {@link LiveKitDevServer} the
 * tests started there, and nothing else. Its interpreter is a virtual environment that
 * {@code scripts/python-peer.sh install} creates at build time (it needs the package index, which
 * the namespace cannot reach); it is found through the system property {@code roomflux.peer.python}
 * (which the build passes), else the environment variable {@code ROOMFLUX_PEER_PYTHON}, else
 * {@code ~/.cache/roomflux/peer-venv/bin/python}.
 *
 * <p>The token and the key go to the child in its environment, never on its command line, and
 * are not logged. The peer's diagnostics (stderr) are logged at debug level and kept for failure
 * messages. {@link #close()} closes its stdin (the peer leaves the room and exits), then
 * terminates it if it lingers. Thread-safe; the {@code await} methods block the calling thread.
 */
public final class PythonPeer implements AutoCloseable {
  /** How long {@link #close()} lets the peer leave the room before terminating it. */
  public static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(PythonPeer.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Stands for a JSON {@code null} in a report's fields, which hold no Java null. */
  private static final Object JSON_NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };
  private static final String SCRIPT_RESOURCE = "peer.py";
  private static final int TAIL_LINES = 40;
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  /**
   * One line the peer printed.
   *
   * @param type its kind: {@code connected}, {@code published}, {@code tone_done},
   *     {@code subscribed}, {@code audio}, {@code e2ee_state}, {@code error} or {@code exit}
   * @param fields all its fields, {@code type} included: strings, {@link BigDecimal} numbers,
   *     booleans, a placeholder for JSON {@code null}, and Jackson {@code JsonNode}s for nested
   *     objects and arrays (the peer's lines are read with Jackson)
   */
  public record Report(String type, Map<String, Object> fields) {
    /**
     * Checks and copies the parts.
     *
     * @param type the kind
     * @param fields the fields
     */
    public Report {
      Objects.requireNonNull(type, "type");
      fields = Map.copyOf(fields);
    }

    /**
     * Whether this report is of a kind.
     *
     * @param kind e.g. {@code audio}
     * @return true if {@link #type()} is {@code kind}
     */
    public boolean is(String kind) {
      return type.equals(kind);
    }

    /**
     * A string field.
     *
     * @param name the field
     * @return its value; empty if absent, null or not a string
     */
    public Optional<String> text(String name) {
      return fields.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * A number field.
     *
     * @param name the field
     * @return its value
     * @throws IllegalArgumentException if the field is absent or not a number
     */
    public double number(String name) {
      if (fields.get(name) instanceof BigDecimal d) {
        return d.doubleValue();
      }
      throw new IllegalArgumentException(type + " report has no number '" + name + "': " + fields);
    }

    @Override
    public String toString() {
      return fields.toString();
    }
  }

  /** What the peer should do; {@link #start()} launches it. */
  public static final class Builder {
    private final URI url;
    private final String token;
    private String name = "python-peer";
    private double toneFrequency;
    private Duration toneDuration = Duration.ZERO;
    private double amplitude = 0.3;
    private @Nullable String listenIdentity;
    private double listenFrequency = 440;
    private byte @Nullable [] sharedKey;
    private int failureTolerance = -1;
    private int ratchetWindowSize = 16;
    private Duration maxDuration = Duration.ZERO;
    private @Nullable String dataTrackName;
    private @Nullable String dataTrackPublisher;

    private Builder(URI url, String token) {
      this.url = Objects.requireNonNull(url, "url");
      this.token = Objects.requireNonNull(token, "token");
    }

    /**
     * Names the peer in logs and failure messages.
     *
     * @param value e.g. its identity
     * @return this builder
     */
    public Builder name(String value) {
      this.name = Objects.requireNonNull(value, "name");
      return this;
    }

    /**
     * Publishes a microphone track with a sine tone, 48 kHz mono, in 10 ms frames.
     *
     * @param frequency the tone in Hz
     * @param duration how long to send it; {@link Duration#ZERO}: until the peer exits. The
     *     track stays published afterwards (silent)
     * @return this builder
     */
    public Builder publishTone(double frequency, Duration duration) {
      if (frequency <= 0) {
        throw new IllegalArgumentException("frequency must be positive");
      }
      this.toneFrequency = frequency;
      this.toneDuration = Objects.requireNonNull(duration, "duration");
      return this;
    }

    /**
     * The tone's peak.
     *
     * @param value a fraction of full scale, 0 to 1 (default 0.3)
     * @return this builder
     */
    public Builder amplitude(double value) {
      this.amplitude = value;
      return this;
    }

    /**
     * Subscribes to one participant's audio and reports, once a second, the power ratio at
     * {@code frequency} and the samples received ({@code audio} reports).
     *
     * @param identity the participant
     * @param frequency the frequency to look for, in Hz
     * @return this builder
     */
    public Builder listen(String identity, double frequency) {
      this.listenIdentity = Objects.requireNonNull(identity, "identity");
      this.listenFrequency = frequency;
      return this;
    }

    /**
     * Joins with end-to-end encryption in shared-key mode (LiveKit's defaults otherwise).
     *
     * @param key the key material; copied
     * @return this builder
     */
    public Builder sharedKey(byte[] key) {
      this.sharedKey = key.clone();
      return this;
    }

    /**
     * With E2EE, how many decryption failures are tolerated before a key is invalid: -1 (the
     * default) does not count them, and then a wrong key is reported by no event.
     *
     * @param value -1 or more
     * @return this builder
     */
    public Builder failureTolerance(int value) {
      this.failureTolerance = value;
      return this;
    }

    /**
     * With E2EE, how many times a receiver ratchets a key forward while trying to decrypt a frame
     * (default 16, LiveKit's default). Each attempt derives a key, so a wrong key with a window
     * and no failure tolerance makes the receiver fall behind.
     *
     * @param value 0 or more
     * @return this builder
     */
    public Builder ratchetWindowSize(int value) {
      this.ratchetWindowSize = value;
      return this;
    }

    /**
     * Publishes a data track of this name and pushes a frame every 20 ms until the peer exits:
     * frame {@code i} (from 0) has the payload {@code "py-i"} (UTF-8) and the user timestamp
     * {@code i} ({@code data_track_published} report with {@code sid} and {@code name}).
     *
     * @param name the track's name
     * @return this builder
     */
    public Builder publishDataTrack(String name) {
      this.dataTrackName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Subscribes to every data track {@code identity} publishes, and reports each frame
     * ({@code data_track_subscribed} with {@code participant}, {@code sid}, {@code name}; then
     * {@code data_frame} with {@code sid}, {@code payload} (UTF-8 text) and {@code user_timestamp}
     * (absent if none); {@code data_track_ended} with {@code sid} when the stream ends).
     *
     * @param identity the publisher
     * @return this builder
     */
    public Builder subscribeDataTracks(String identity) {
      this.dataTrackPublisher = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /**
     * Makes the peer leave by itself after a while (besides on {@link #close()}).
     *
     * @param value the longest run; {@link Duration#ZERO}: no limit (the default)
     * @return this builder
     */
    public Builder maxDuration(Duration value) {
      this.maxDuration = Objects.requireNonNull(value, "maxDuration");
      return this;
    }

    /**
     * Starts the peer. Returns at once; await its {@code connected} report before relying on it.
     *
     * @return the running peer; close it when done
     * @throws IllegalStateException if the peer's interpreter is not installed
     * @throws UncheckedIOException if the script cannot be written or the process not started
     */
    public PythonPeer start() {
      Path python = interpreter();
      Path script = script();
      List<String> command = new ArrayList<>(List.of(python.toString(), "-u", script.toString(),
          "--amplitude", Double.toString(amplitude), "--log-level", "INFO"));
      if (toneFrequency > 0) {
        command.addAll(List.of("--tone", Double.toString(toneFrequency),
            "--tone-seconds", Double.toString(toneDuration.toMillis() / 1000.0)));
      }
      String listen = listenIdentity;
      if (listen != null) {
        command.addAll(List.of("--listen", listen, "--listen-frequency", Double.toString(listenFrequency)));
      }
      command.addAll(List.of("--e2ee-failure-tolerance", Integer.toString(failureTolerance),
          "--e2ee-ratchet-window", Integer.toString(ratchetWindowSize)));
      String dataTrack = dataTrackName;
      if (dataTrack != null) {
        command.addAll(List.of("--data-track", dataTrack));
      }
      String dataPublisher = dataTrackPublisher;
      if (dataPublisher != null) {
        command.addAll(List.of("--subscribe-data", dataPublisher));
      }
      if (!maxDuration.isZero()) {
        command.addAll(List.of("--duration", Double.toString(maxDuration.toMillis() / 1000.0)));
      }
      ProcessBuilder builder = new ProcessBuilder(command);
      Map<String, String> env = builder.environment();
      env.put("LIVEKIT_URL", url.toString());
      env.put("LIVEKIT_TOKEN", token);
      byte[] key = sharedKey;
      if (key != null) {
        env.put("ROOMFLUX_PEER_E2EE_KEY_HEX", HexFormat.of().formatHex(key));
      } else {
        env.remove("ROOMFLUX_PEER_E2EE_KEY_HEX");
      }
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start " + python + " " + script, e);
      }
      LOG.info("{} (pid {}) started: {}", name, process.pid(), String.join(" ", command.subList(2, command.size())));
      return new PythonPeer(name, process);
    }
  }

  private final String name;
  private final Process process;
  private final List<Report> reports = new ArrayList<>();
  private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread stdoutReader;
  private final Thread stderrReader;
  private boolean stdoutDone;

  private PythonPeer(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdoutReader = Thread.ofPlatform().daemon().name(name + "-stdout")
        .start(() -> readLines(process.getInputStream(), this::onStdout, this::stdoutEnded));
    this.stderrReader = Thread.ofPlatform().daemon().name(name + "-stderr")
        .start(() -> readLines(process.getErrorStream(), this::onStderr, () -> {}));
  }

  /**
   * Describes a peer to start.
   *
   * @param url the server's WebSocket URL, e.g. {@link LiveKitDevServer#url()}
   * @param token an access token for the peer's identity and room
   * @return a builder
   */
  public static Builder builder(URI url, String token) {
    return new Builder(url, token);
  }

  /**
   * Waits until the peer printed a report that matches, looking at every report since it started.
   *
   * @param predicate what to wait for
   * @param timeout how long to wait
   * @return the first matching report
   * @throws AssertionError if none came in time or the peer exited without one (the message lists
   *     the last reports and the peer's last diagnostics)
   */
  public Report awaitReport(Predicate<Report> predicate, Duration timeout) {
    return awaitReportAfter(0, predicate, timeout);
  }

  /**
   * Waits until the peer printed a matching report after the first {@code mark} reports, e.g. a
   * {@link #reportCount()} taken before changing something.
   *
   * @param mark how many reports to skip
   * @param predicate what to wait for
   * @param timeout how long to wait
   * @return the first matching report after the mark
   * @throws AssertionError if none came in time or the peer exited without one
   */
  public Report awaitReportAfter(int mark, Predicate<Report> predicate, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (reports) {
      int next = mark;
      while (true) {
        for (; next < reports.size(); next++) {
          if (predicate.test(reports.get(next))) {
            return reports.get(next);
          }
        }
        if (stdoutDone) {
          throw failure("exited (" + exitDescription() + ") without the expected report");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw failure("printed no expected report within " + timeout);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(reports, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure("was awaited by an interrupted thread");
        }
      }
    }
  }

  /**
   * How many reports the peer printed so far.
   *
   * @return the count
   */
  public int reportCount() {
    synchronized (reports) {
      return reports.size();
    }
  }

  /**
   * The reports so far.
   *
   * @return an immutable snapshot, in order
   */
  public List<Report> reports() {
    synchronized (reports) {
      return List.copyOf(reports);
    }
  }

  /**
   * Whether the peer process is still running.
   *
   * @return true while it runs
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Closes the peer's stdin so that it leaves the room and exits; waits up to
   * {@link #CLOSE_GRACE}, then terminates it (SIGTERM, then SIGKILL). Blocks until the process
   * is gone. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean interrupted = false;
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      LOG.debug("{}: closing stdin failed", name, e);
    }
    try {
      if (!process.waitFor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} (pid {}) did not exit within {} of stdin closing; terminating it", name, process.pid(),
            CLOSE_GRACE);
        process.destroy();
        if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
      process.destroyForcibly();
    }
    while (true) {
      try {
        process.waitFor();
        stdoutReader.join(KILL_GRACE.toMillis());
        stderrReader.join(KILL_GRACE.toMillis());
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    LOG.info("{} (pid {}) ended: {}", name, process.pid(), exitDescription());
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "PythonPeer[" + name + ", pid " + process.pid() + (process.isAlive() ? "]" : ", " + exitDescription() + "]");
  }

  private String exitDescription() {
    return process.isAlive() ? "running" : "exit code " + process.exitValue();
  }

  private AssertionError failure(String what) {
    List<Report> last;
    synchronized (reports) {
      last = List.copyOf(reports.subList(Math.max(0, reports.size() - 10), reports.size()));
    }
    List<String> tail;
    synchronized (stderrTail) {
      tail = List.copyOf(stderrTail);
    }
    return new AssertionError(name + " " + what + ". Last reports:\n  " + String.join("\n  ",
        last.stream().map(Report::toString).toList()) + "\nLast diagnostics:\n  " + String.join("\n  ", tail));
  }

  private void onStdout(String line) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(line);
    } catch (JacksonException e) {
      LOG.warn("{}: not a report: {}", name, line);
      return;
    }
    if (!parsed.isObject() || !parsed.path("type").isString()) {
      LOG.warn("{}: not a report: {}", name, line);
      return;
    }
    String type = parsed.path("type").stringValue();
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    parsed.properties().forEach(field -> fields.put(field.getKey(), value(field.getValue())));
    Report report = new Report(type, fields);
    LOG.debug("{}: {}", name, line);
    synchronized (reports) {
      reports.add(report);
      reports.notifyAll();
    }
  }

  /** A report's field as {@link Report} documents it. */
  private static Object value(JsonNode node) {
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNull()) {
      return JSON_NULL;
    }
    return node;
  }

  private void stdoutEnded() {
    synchronized (reports) {
      stdoutDone = true;
      reports.notifyAll();
    }
  }

  private void onStderr(String line) {
    LOG.debug("{} says: {}", name, line);
    synchronized (stderrTail) {
      if (stderrTail.size() == TAIL_LINES) {
        stderrTail.removeFirst();
      }
      stderrTail.addLast(line);
    }
  }

  private void readLines(InputStream in, java.util.function.Consumer<String> consumer, Runnable atEnd) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        consumer.accept(line);
      }
    } catch (IOException e) {
      LOG.debug("{}: reading its output failed", name, e);
    } finally {
      atEnd.run();
    }
  }

  private static Path interpreter() {
    String configured = System.getProperty("roomflux.peer.python", "");
    if (configured.isEmpty()) {
      configured = Objects.requireNonNullElse(System.getenv("ROOMFLUX_PEER_PYTHON"), "");
    }
    Path python;
    if (!configured.isEmpty()) {
      python = Path.of(configured);
    } else {
      String cache = System.getenv("XDG_CACHE_HOME");
      Path base = cache != null && !cache.isEmpty()
          ? Path.of(cache)
          : Path.of(System.getProperty("user.home"), ".cache");
      python = base.resolve("roomflux/peer-venv/bin/python");
    }
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException("no Python for the LiveKit peer at " + python + ": run "
          + "'scripts/python-peer.sh install' where the package index is reachable (the testkit build does), "
          + "or point the system property roomflux.peer.python at an interpreter with livekit==1.2.1");
    }
    return python;
  }

  /** Writes the bundled {@code peer.py} into the build directory (once per JVM is enough; it is small). */
  private static Path script() {
    Path dir = Path.of(System.getProperty("roomflux.buildDir", "target")).toAbsolutePath();
    try (InputStream in = PythonPeer.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the testkit jar");
      }
      Files.createDirectories(dir);
      Path target = Files.createTempFile(dir, "roomflux-peer-", ".py");
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      target.toFile().deleteOnExit();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the peer script into " + dir, e);
    }
  }
}
