package io.roomflux.testkit;

import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A livekit-server in dev mode (API key {@code devkey}, secret {@code secret}), run as a child
 * process of this JVM by {@code scripts/livekit-server.sh run}.
 *
 * <p>The child shares the JVM's network. When {@code scripts/netns-java} started the JVM inside a
 * test network namespace it exported {@code ROOMFLUX_NODE_IP}; the server then announces that
 * address and the namespace's ports 7880/7881/7882 ({@link Mode.Namespace}). Otherwise
 * ({@link Mode.Plain}) the server runs in the machine's network on free ports, as on a
 * developer's machine. Signalling is always on {@code 127.0.0.1}.
 *
 * <p>The server's output is appended to {@code livekit-server-<timestamp>.log} in the build
 * directory (system property {@code roomflux.buildDir}, default {@code target}). The server is
 * stopped by {@link #close()} or, failing that, when the JVM shuts down. Thread-safe.
 */
public final class LiveKitDevServer implements AutoCloseable {

  /** How long {@link #start()} waits for the server to answer. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(LiveKitDevServer.class);
  private static final String SCRIPT = "scripts/livekit-server.sh";
  private static final String API_KEY = "devkey";
  private static final String API_SECRET = "secret";
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration SECOND_SIGNAL_AFTER = Duration.ofSeconds(1);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int DEFAULT_PORT = 7880;
  private static final int DEFAULT_RTC_TCP_PORT = 7881;
  private static final int DEFAULT_RTC_UDP_PORT = 7882;
  private static final int LOG_TAIL_LINES = 40;
  private static final DateTimeFormatter LOG_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  /** Where the server's network is; see the {@link LiveKitDevServer class description}. */
  public sealed interface Mode {
    /**
     * The server and this JVM run in a throwaway network namespace made by {@code scripts/netns-java}.
     *
     * @param name the namespace's name, as {@code ip netns} lists it
     * @param nodeIp the address the server announces for media, on the namespace's {@code lk0}
     */
    record Namespace(String name, String nodeIp) implements Mode {
      /**
       * Checks the parts.
       *
       * @param name the namespace's name
       * @param nodeIp the node IP
       */
      public Namespace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodeIp, "nodeIp");
      }
    }

    /** The server runs in the machine's own network, as LiveKit's docs describe for dev mode. */
    record Plain() implements Mode {}
  }

  private record Ports(int http, int rtcTcp, int rtcUdp) {}

  private final Process process;
  private final Mode mode;
  private final Ports ports;
  private final Path logFile;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LiveKitDevServer(Process process, Mode mode, Ports ports, Path logFile) {
    this.process = process;
    this.mode = mode;
    this.ports = ports;
    this.logFile = logFile;
    this.shutdownHook = new Thread(() -> stop(process), "livekit-server-shutdown");
  }

  /**
   * Starts a server and waits up to {@link #DEFAULT_START_TIMEOUT} until it answers; blocks the
   * calling thread meanwhile.
   *
   * @return the running server; close it when done
   * @throws IllegalStateException if the repository's scripts are not found, or the server exits
   *     or does not answer in time (the message ends with the tail of its log); the process is
   *     stopped then
   * @throws UncheckedIOException if the log file or the process cannot be created
   */
  public static LiveKitDevServer start() {
    return start(DEFAULT_START_TIMEOUT);
  }

  /**
   * Starts a server and waits up to {@code timeout} until it answers; blocks the calling thread
   * meanwhile.
   *
   * @param timeout how long to wait for the server's HTTP endpoint to answer {@code OK}
   * @return the running server; close it when done
   * @throws IllegalStateException if the repository's scripts are not found, or the server exits
   *     or does not answer in time (the message ends with the tail of its log); the process is
   *     stopped then
   * @throws UncheckedIOException if the log file or the process cannot be created
   */
  public static LiveKitDevServer start(Duration timeout) {
    Path repo = repoRoot();
    Mode mode = detectMode();
    Ports ports = choosePorts(mode);
    Path logFile = newLogFile();

    ProcessBuilder builder =
        new ProcessBuilder("bash", repo.resolve(SCRIPT).toString(), "run")
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = builder.environment();
    env.put("ROOMFLUX_LK_PORT", Integer.toString(ports.http()));
    env.put("ROOMFLUX_LK_RTC_TCP_PORT", Integer.toString(ports.rtcTcp()));
    env.put("ROOMFLUX_LK_RTC_UDP_PORT", Integer.toString(ports.rtcUdp()));
    if (mode instanceof Mode.Plain) {
      env.remove("ROOMFLUX_NODE_IP");
    }

    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + repo.resolve(SCRIPT), e);
    }
    LiveKitDevServer server = new LiveKitDevServer(process, mode, ports, logFile);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.awaitReady(timeout);
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    LOG.info(
        "livekit-server (pid {}) ready at {} in {}; log {}",
        process.pid(),
        server.url(),
        describe(mode),
        logFile);
    return server;
  }

  /**
   * Returns the WebSocket URL clients connect to.
   *
   * @return {@code ws://127.0.0.1:<port>}
   */
  public URI url() {
    return URI.create("ws://127.0.0.1:" + ports.http());
  }

  /**
   * Returns the HTTP base URL of the server API (Twirp) and of the health check.
   *
   * @return {@code http://127.0.0.1:<port>}
   */
  public URI httpUrl() {
    return URI.create("http://127.0.0.1:" + ports.http());
  }

  /**
   * Returns the dev-mode API key.
   *
   * @return {@code devkey}
   */
  public String apiKey() {
    return API_KEY;
  }

  /**
   * Returns the dev-mode API secret.
   *
   * @return {@code secret}
   */
  public String apiSecret() {
    return API_SECRET;
  }

  /**
   * Tells where the server's network is.
   *
   * @return the namespace it shares with this JVM, or plain
   */
  public Mode mode() {
    return mode;
  }

  /**
   * Returns the file the server's output is appended to.
   *
   * @return an absolute path in the build directory
   */
  public Path logFile() {
    return logFile;
  }

  /**
   * Mints a join token for this server, valid for {@link AccessToken#DEFAULT_TTL}.
   *
   * @param identity the participant identity, not empty
   * @param room the room to join, not empty (dev mode creates it on first join)
   * @return a JWT allowing to join {@code room}, publish, subscribe and publish data
   * @throws IllegalArgumentException if {@code identity} or {@code room} is empty
   */
  public String token(String identity, String room) {
    return AccessToken.builder()
        .apiKey(API_KEY)
        .apiSecret(API_SECRET)
        .identity(identity)
        .videoGrant(
            VideoGrant.builder()
                .roomJoin(true)
                .room(room)
                .canPublish(true)
                .canSubscribe(true)
                .canPublishData(true)
                .build())
        .build()
        .toJwt();
  }

  /**
   * Returns a client for this server's room service API, signed with the dev key.
   *
   * @return a new client
   */
  public RoomServiceClient roomService() {
    return RoomServiceClient.create(httpUrl(), API_KEY, API_SECRET);
  }

  /**
   * Stops the server: SIGTERM, a second SIGTERM (LiveKit's forced stop, which does not wait for
   * participants to leave) after 1 s, then a kill after 10 s; blocks the calling thread until the
   * process has exited. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is shutting down and the hook stops the process anyway; stopping twice is harmless.
    }
    stop(process);
    LOG.info("livekit-server (pid {}) stopped, exit code {}", process.pid(), process.exitValue());
  }

  @Override
  public String toString() {
    return "LiveKitDevServer[" + url() + ", " + describe(mode) + "]";
  }

  private static void stop(Process process) {
    boolean interrupted = false;
    try {
      process.destroy();
      if (!process.waitFor(SECOND_SIGNAL_AFTER.toMillis(), TimeUnit.MILLISECONDS)) {
        // livekit-server drops a SIGTERM that arrives in its first 100 ms (Stop runs before Start
        // marks the server running) and, when not forced, waits for participants to leave. Its
        // answer to a second signal is a forced stop, which covers both.
        process.destroy();
        if (!process.waitFor(STOP_GRACE.minus(SECOND_SIGNAL_AFTER).toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("livekit-server (pid {}) did not stop within {} of SIGTERM; killing it", process.pid(), STOP_GRACE);
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
      process.destroyForcibly();
    }
    // A killed process is gone at once; this wait only reaps it.
    while (true) {
      try {
        process.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Duration timeout) {
    URI health = httpUrl().resolve("/");
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).GET().build();
    Instant deadline = Instant.now().plus(timeout);
    try (http) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "livekit-server exited with code " + process.exitValue() + " before answering on " + health + logTail());
        }
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().strip().equals("OK")) {
            return;
          }
        } catch (InterruptedIOException e) {
          // A request timeout: the server is not listening yet, try again.
        } catch (IOException e) {
          // Connection refused until the server listens.
        }
        if (!Instant.now().isBefore(deadline)) {
          throw new IllegalStateException(
              "livekit-server did not answer OK on " + health + " within " + timeout + logTail());
        }
        // Wakes early if the process exits.
        process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for livekit-server to answer on " + health, e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "\n--- last " + tail.size() + " lines of " + logFile + " ---\n" + String.join("\n", tail);
    } catch (IOException | UncheckedIOException e) {
      return "\n(could not read " + logFile + ": " + e + ")";
    }
  }

  private static String describe(Mode mode) {
    return switch (mode) {
      case Mode.Namespace ns -> "namespace mode (network namespace " + ns.name() + ", node IP " + ns.nodeIp() + ")";
      case Mode.Plain _ -> "plain mode (this machine's network)";
    };
  }

  private static Mode detectMode() {
    String nodeIp = System.getenv("ROOMFLUX_NODE_IP");
    if (nodeIp == null || nodeIp.isEmpty()) {
      return new Mode.Plain();
    }
    String name = System.getenv("ROOMFLUX_NETNS_NAME");
    return new Mode.Namespace(name == null || name.isEmpty() ? "(unnamed)" : name, nodeIp);
  }

  /**
   * The namespace is this JVM's own, so the standard ports are normally free there; anywhere
   * else, or when a second server runs in the same namespace, let the kernel pick free ones.
   */
  private static Ports choosePorts(Mode mode) {
    if (mode instanceof Mode.Namespace && portsFree(DEFAULT_PORT, DEFAULT_RTC_TCP_PORT, DEFAULT_RTC_UDP_PORT)) {
      return new Ports(DEFAULT_PORT, DEFAULT_RTC_TCP_PORT, DEFAULT_RTC_UDP_PORT);
    }
    // All three held open together, so the two TCP ports differ.
    try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket rtcTcp = new ServerSocket(0);
        DatagramSocket rtcUdp = new DatagramSocket(0)) {
      return new Ports(http.getLocalPort(), rtcTcp.getLocalPort(), rtcUdp.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("could not find free ports for livekit-server", e);
    }
  }

  private static boolean portsFree(int http, int rtcTcp, int rtcUdp) {
    try (var _ = new ServerSocket(http, 1, InetAddress.getLoopbackAddress());
        var _ = new ServerSocket(rtcTcp);
        var _ = new DatagramSocket(rtcUdp)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path newLogFile() {
    Path dir = Path.of(System.getProperty("roomflux.buildDir", "target")).toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the build directory " + dir, e);
    }
    return dir.resolve("livekit-server-" + LOG_STAMP.format(Instant.now()) + ".log");
  }

  private static Path repoRoot() {
    String configured = System.getProperty("roomflux.repo", "");
    if (!configured.isEmpty()) {
      Path repo = Path.of(configured).toAbsolutePath();
      if (!Files.isRegularFile(repo.resolve(SCRIPT))) {
        throw new IllegalStateException("system property roomflux.repo=" + configured + " has no " + SCRIPT);
      }
      return repo;
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "could not find the RoomFlux repository: no " + SCRIPT + " in " + start
            + " or above; set the system property roomflux.repo");
  }
}
