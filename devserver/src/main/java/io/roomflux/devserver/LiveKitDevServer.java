package io.roomflux.devserver;

import io.roomflux.devserver.internal.ChildProcess;
import io.roomflux.devserver.internal.ModeChoice;
import io.roomflux.devserver.internal.ServerBinary;
import io.roomflux.devserver.internal.ServerConfig;
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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A livekit-server in dev mode (by default API key {@code devkey}, secret {@code secret}), run as
 * a child process of this JVM.
 *
 * <p>The child shares the JVM's network. When {@code netns-java} (see {@link NetnsJvm}) started the
 * JVM inside a test network namespace (it exports {@code ROOMFLUX_NODE_IP}), the server announces that address and
 * gathers candidates on the namespace's {@code lk0} only ({@link Mode.Namespace}), on the ports
 * 7880/7881/7882 unless they are taken. Otherwise ({@link Mode.Plain}) the server runs in the
 * machine's network on free ports, as on a developer's machine; {@code ROOMFLUX_NETNS=on} makes
 * that an error instead. Signalling is always on {@code 127.0.0.1}, and the server is never given
 * a STUN server that exists.
 *
 * <p>The binary is the one named by {@link Builder#binary}, else {@code ROOMFLUX_LIVEKIT_SERVER},
 * else a {@code livekit-server} or {@code server} on {@code PATH} reporting version
 * {@value #VERSION}, else {@code server} in Go's bin directory, else one in the per-user cache
 * ({@code ~/.cache/roomflux/livekit-server/<version>}), which is installed there with
 * {@code go install} when missing (said in a log line).
 *
 * <p>The server's output is appended to {@code livekit-server-<timestamp>.log} in the log directory
 * (by default the system property {@code roomflux.buildDir}, else {@code target}); its
 * configuration file sits beside it. The server is stopped by {@link #close()} or, failing that,
 * when the JVM shuts down. All methods are thread-safe; the lifecycle methods block the calling
 * thread and are serialized.
 */
public final class LiveKitDevServer implements AutoCloseable {

  /** How long {@link #start()} waits for the server to answer. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
  /** The livekit-server version RoomFlux is tested with. */
  public static final String VERSION = ServerBinary.VERSION;
  /** The API key unless {@link Builder#keys} says otherwise: dev mode's. */
  public static final String DEFAULT_API_KEY = "devkey";
  /** The API secret unless {@link Builder#keys} says otherwise: dev mode's. */
  public static final String DEFAULT_API_SECRET = "secret";

  private static final Logger LOG = LoggerFactory.getLogger(LiveKitDevServer.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration SECOND_SIGNAL_AFTER = Duration.ofSeconds(1);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int DEFAULT_PORT = 7880;
  private static final int DEFAULT_RTC_TCP_PORT = 7881;
  private static final int DEFAULT_RTC_UDP_PORT = 7882;
  private static final DateTimeFormatter LOG_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  /** Where the server's network is; see the {@link LiveKitDevServer class description}. */
  public sealed interface Mode {
    /**
     * The server and this JVM run in a throwaway network namespace made by {@code netns-java}.
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

  /**
   * The server's ports; the same after {@link #restart()}.
   *
   * @param http HTTP and WebSocket (signalling, server API, health), on 127.0.0.1
   * @param rtcTcp ICE over TCP
   * @param rtcUdp ICE over UDP (one port for all participants)
   */
  public record Ports(int http, int rtcTcp, int rtcUdp) {
    /**
     * Checks the numbers.
     *
     * @param http HTTP port
     * @param rtcTcp ICE/TCP port
     * @param rtcUdp ICE/UDP port
     * @throws IllegalArgumentException if a port is outside 1..65535 or the two TCP ports are equal
     */
    public Ports {
      for (int port : new int[] {http, rtcTcp, rtcUdp}) {
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("not a port number: " + port);
        }
      }
      if (http == rtcTcp) {
        throw new IllegalArgumentException("the HTTP and ICE/TCP ports must differ: " + http);
      }
    }
  }

  private final Path binary;
  private final Mode mode;
  private final Ports ports;
  private final String apiKey;
  private final String apiSecret;
  private final Path logFile;
  private final Path configFile;
  private final Duration startTimeout;
  private final Thread shutdownHook;
  private final Object lifecycle = new Object();
  // Written under lifecycle; volatile for the shutdown hook and isRunning().
  private volatile @Nullable Process process;
  private boolean closed;

  private LiveKitDevServer(Path binary, Mode mode, Ports ports, String apiKey, String apiSecret,
                           Path logFile, Path configFile, Duration startTimeout) {
    this.binary = binary;
    this.mode = mode;
    this.ports = ports;
    this.apiKey = apiKey;
    this.apiSecret = apiSecret;
    this.logFile = logFile;
    this.configFile = configFile;
    this.startTimeout = startTimeout;
    this.shutdownHook = new Thread(this::stopForShutdown, "livekit-server-shutdown");
  }

  /**
   * Starts a server with the defaults and waits up to {@link #DEFAULT_START_TIMEOUT} until it
   * answers; blocks the calling thread meanwhile. The same as {@code builder().start()}.
   *
   * @return the running server; close it when done
   * @throws IllegalStateException if no binary is found or installed, or the server exits or does
   *     not answer in time (the message ends with the tail of its log); the process is stopped then
   * @throws UncheckedIOException if the log file or the process cannot be created
   */
  public static LiveKitDevServer start() {
    return builder().start();
  }

  /**
   * Starts a server with the defaults and waits up to {@code timeout} until it answers; blocks the
   * calling thread meanwhile. The same as {@code builder().startTimeout(timeout).start()}.
   *
   * @param timeout how long to wait for the server's HTTP endpoint to answer {@code OK}
   * @return the running server; close it when done
   * @throws IllegalStateException as {@link #start()}
   * @throws UncheckedIOException as {@link #start()}
   */
  public static LiveKitDevServer start(Duration timeout) {
    return builder().startTimeout(timeout).start();
  }

  /**
   * A builder for a server with other settings: extra configuration, fixed ports and keys, Redis.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
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
   * Returns the API key.
   *
   * @return {@code devkey} unless the builder set another
   */
  public String apiKey() {
    return apiKey;
  }

  /**
   * Returns the API secret.
   *
   * @return {@code secret} unless the builder set another
   */
  public String apiSecret() {
    return apiSecret;
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
   * Returns the server's ports, which {@link #restart()} keeps.
   *
   * @return the ports
   */
  public Ports ports() {
    return ports;
  }

  /**
   * Returns the file the server's output is appended to (also across restarts).
   *
   * @return an absolute path
   */
  public Path logFile() {
    return logFile;
  }

  /**
   * Returns the configuration file the server runs with: the kit's settings with the builder's
   * {@link Builder#configYaml YAML} merged over them.
   *
   * @return an absolute path beside {@link #logFile()}
   */
  public Path configFile() {
    return configFile;
  }

  /**
   * Returns the binary that runs.
   *
   * @return an absolute or {@code PATH}-relative path of livekit-server
   */
  public Path binary() {
    return binary;
  }

  /**
   * Tells whether the server process is running (it may not answer yet, or any more).
   *
   * @return false after {@link #kill()}, {@link #stop()} or {@link #close()} until {@link #restart()}
   */
  public boolean isRunning() {
    Process current = process;
    return current != null && current.isAlive();
  }

  /**
   * Returns the process id of the running server.
   *
   * @return empty when it is not running
   */
  public Optional<Long> pid() {
    Process current = process;
    return current != null && current.isAlive() ? Optional.of(current.pid()) : Optional.empty();
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
        .apiKey(apiKey)
        .apiSecret(apiSecret)
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
   * Mints a token for the server API (Twirp, {@code POST /twirp/livekit.RoomService/...}) with the
   * given grants, valid for {@link AccessToken#DEFAULT_TTL}; send it as {@code Authorization: Bearer <token>}.
   *
   * @param grant the grants, e.g. {@code VideoGrant.builder().roomCreate(true).roomList(true).build()}
   * @return a JWT signed with this server's key and secret, without an identity
   */
  public String apiToken(VideoGrant grant) {
    return AccessToken.builder().apiKey(apiKey).apiSecret(apiSecret).videoGrant(grant).build().toJwt();
  }

  /**
   * Kills the server at once (SIGKILL: no goodbye to participants, no cleanup in Redis), as a
   * crash would; blocks until the process is gone. Does nothing if it is not running.
   * {@link #restart()} brings it back on the same ports.
   */
  public void kill() {
    synchronized (lifecycle) {
      Process current = process;
      if (current != null && current.isAlive()) {
        ChildProcess.kill(current);
        LOG.info("livekit-server (pid {}) killed", current.pid());
      }
    }
  }

  /**
   * Stops the server gracefully: SIGTERM, a second SIGTERM (LiveKit's forced stop, which does not
   * wait for participants to leave) after 1 s, SIGKILL after 10 s; blocks until the process has
   * exited. Does nothing if it is not running. {@link #restart()} brings it back on the same ports.
   */
  public void stop() {
    synchronized (lifecycle) {
      Process current = process;
      if (current != null && current.isAlive()) {
        stopProcess(current);
      }
    }
  }

  /**
   * Stops the server if it runs (as {@link #stop()}), then starts it again with the same binary,
   * ports, keys and configuration, and waits until it answers (the builder's start timeout); blocks
   * the calling thread meanwhile. The output goes on into the same log file.
   *
   * @throws IllegalStateException if the server was closed, or it does not come back in time (it
   *     is stopped then, and can be restarted again)
   * @throws UncheckedIOException if the process cannot be created
   */
  public void restart() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("livekit-server at " + url() + " was closed: it cannot restart");
      }
      Process current = process;
      if (current != null && current.isAlive()) {
        stopProcess(current);
      }
      launch();
    }
  }

  /**
   * Stops the server as {@link #stop()} does, for good: {@link #restart()} fails afterwards.
   * Calling it again does nothing.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is shutting down and the hook stops the process anyway; stopping twice is harmless.
      }
      stop();
    }
  }

  @Override
  public String toString() {
    return "LiveKitDevServer[" + url() + ", " + describe(mode) + "]";
  }

  private void stopProcess(Process current) {
    if (!ChildProcess.stop(current, SECOND_SIGNAL_AFTER, STOP_GRACE)) {
      LOG.warn("livekit-server (pid {}) did not stop within {} of SIGTERM; it was killed", current.pid(), STOP_GRACE);
    }
    LOG.info("livekit-server (pid {}) stopped, exit code {}", current.pid(), current.exitValue());
  }

  private void stopForShutdown() {
    Process current = process;
    if (current != null && current.isAlive()) {
      ChildProcess.stop(current, SECOND_SIGNAL_AFTER, STOP_GRACE);
    }
  }

  /** Starts the process and waits until it answers; on failure kills it and throws. */
  private void launch() {
    ProcessBuilder builder =
        new ProcessBuilder(binary.toString(), "--dev", "--config", configFile.toString())
            .directory(logFile.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Process started;
    try {
      started = builder.start();
      started.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + binary, e);
    }
    process = started;
    try {
      awaitReady(started, startTimeout);
    } catch (RuntimeException | Error e) {
      ChildProcess.kill(started);
      throw e;
    }
    LOG.info("livekit-server (pid {}) ready at {} in {}; log {}", started.pid(), url(), describe(mode), logFile);
  }

  private void awaitReady(Process started, Duration timeout) {
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
        if (!started.isAlive()) {
          throw new IllegalStateException("livekit-server exited with code " + started.exitValue()
              + " before answering on " + health + ChildProcess.logTail(logFile));
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
              "livekit-server did not answer OK on " + health + " within " + timeout + ChildProcess.logTail(logFile));
        }
        // Wakes early if the process exits.
        started.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for livekit-server to answer on " + health, e);
    }
  }

  private static String describe(Mode mode) {
    return switch (mode) {
      case Mode.Namespace ns -> "namespace mode (network namespace " + ns.name() + ", node IP " + ns.nodeIp() + ")";
      case Mode.Plain _ -> "plain mode (this machine's network)";
    };
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

  /** Creates {@code livekit-server-<stamp>.log}, a millisecond later if two servers start at once. */
  private static Path newLogFile(Path dir) {
    try {
      Files.createDirectories(dir);
      Instant stamp = Instant.now();
      while (true) {
        Path file = dir.resolve("livekit-server-" + LOG_STAMP.format(stamp) + ".log");
        try {
          return Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
          stamp = stamp.plusMillis(1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a log file in " + dir, e);
    }
  }

  /**
   * Settings for a {@link LiveKitDevServer}; {@link #start()} starts one. Not thread-safe; each
   * setter returns this builder.
   */
  public static final class Builder {
    private final List<String> configYaml = new ArrayList<>();
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private Optional<String> redis = Optional.empty();
    private Optional<Ports> ports = Optional.empty();
    private String apiKey = DEFAULT_API_KEY;
    private String apiSecret = DEFAULT_API_SECRET;
    private Optional<Path> binary = Optional.empty();
    private Optional<Path> logDirectory = Optional.empty();

    private Builder() {}

    /**
     * Adds YAML to merge over the kit's own configuration of the server (port, keys, binding,
     * RTC settings, Redis): mappings merge key by key, anything else replaces what the kit set.
     * Several calls merge in order. Example: {@code webhook: {api_key: devkey, urls: [http://127.0.0.1:8081/hook]}}.
     *
     * @param yaml a YAML mapping in livekit-server's configuration format
     * @return this builder
     * @throws IllegalArgumentException if it is not YAML or not a mapping
     */
    public Builder configYaml(String yaml) {
      ServerConfig.parse(yaml);
      configYaml.add(yaml);
      return this;
    }

    /**
     * Sets how long {@link #start()} and {@link LiveKitDevServer#restart()} wait for the server to
     * answer.
     *
     * @param timeout positive; {@link LiveKitDevServer#DEFAULT_START_TIMEOUT} by default
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder startTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the start timeout must be positive: " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Makes the server a node of a cluster whose state is in this Redis; nodes that share it (and
     * their {@link #keys}) see each other's rooms.
     *
     * @param address {@code host:port}, e.g. {@link RedisServer#address()}
     * @return this builder
     * @throws IllegalArgumentException if empty
     */
    public Builder redis(String address) {
      if (address.isBlank()) {
        throw new IllegalArgumentException("the Redis address is empty");
      }
      this.redis = Optional.of(address);
      return this;
    }

    /**
     * The same as {@code redis(redis.address())}.
     *
     * @param redis a running Redis
     * @return this builder
     */
    public Builder redis(RedisServer redis) {
      return redis(redis.address());
    }

    /**
     * Fixes the server's ports; by default 7880/7881/7882 in a namespace when free, else free
     * ports the kernel picks.
     *
     * @param ports the ports
     * @return this builder
     */
    public Builder ports(Ports ports) {
      this.ports = Optional.of(ports);
      return this;
    }

    /**
     * Sets the API key and secret the server accepts and {@link LiveKitDevServer#token} signs with.
     *
     * @param apiKey the key, not empty; {@value LiveKitDevServer#DEFAULT_API_KEY} by default
     * @param apiSecret the secret, not empty; {@value LiveKitDevServer#DEFAULT_API_SECRET} by default
     * @return this builder
     * @throws IllegalArgumentException if either is empty
     */
    public Builder keys(String apiKey, String apiSecret) {
      if (apiKey.isEmpty() || apiSecret.isEmpty()) {
        throw new IllegalArgumentException("the API key and secret must not be empty");
      }
      this.apiKey = apiKey;
      this.apiSecret = apiSecret;
      return this;
    }

    /**
     * Names the livekit-server binary, skipping the search described in the
     * {@link LiveKitDevServer class description} (a version other than {@value LiveKitDevServer#VERSION}
     * is used with a warning).
     *
     * @param binary an executable file
     * @return this builder
     */
    public Builder binary(Path binary) {
      this.binary = Optional.of(binary.toAbsolutePath());
      return this;
    }

    /**
     * Sets where the log and configuration files go.
     *
     * @param directory created if missing; by default the system property {@code roomflux.buildDir},
     *     else {@code target}
     * @return this builder
     */
    public Builder logDirectory(Path directory) {
      this.logDirectory = Optional.of(directory.toAbsolutePath());
      return this;
    }

    /**
     * Starts the server and waits until it answers; blocks the calling thread meanwhile.
     *
     * @return the running server; close it when done
     * @throws IllegalStateException if no binary is found or installed, {@code ROOMFLUX_NETNS=on}
     *     but this JVM is not in a test namespace, or the server exits or does not answer in time
     *     (the message ends with the tail of its log); the process is stopped then
     * @throws UncheckedIOException if the log or configuration file or the process cannot be created
     */
    public LiveKitDevServer start() {
      Path bin = ServerBinary.find(binary, ServerBinary.Probes.system());
      ModeChoice.Outcome choice = ModeChoice.choose(ModeChoice.Probes.system());
      Mode mode = choice.namespace()
          .<Mode>map(ns -> new Mode.Namespace(ns.name(), ns.nodeIp()))
          .orElseGet(Mode.Plain::new);
      LOG.info("livekit-server {} runs in {}: {}", bin, describe(mode), choice.reason());
      Ports chosen = ports.orElseGet(() -> choosePorts(mode));
      Path dir = logDirectory.orElseGet(() -> Path.of(System.getProperty("roomflux.buildDir", "target")).toAbsolutePath());
      Path logFile = newLogFile(dir);
      String fileName = logFile.getFileName().toString();
      Path configFile = logFile.resolveSibling(fileName.substring(0, fileName.length() - ".log".length()) + ".yaml");
      ServerConfig config = new ServerConfig(chosen.http(), chosen.rtcTcp(), chosen.rtcUdp(), apiKey, apiSecret,
          choice.namespace().map(ns -> new ServerConfig.NodeAddress(ns.nodeIp(), ModeChoice.INTERFACE)),
          redis, configYaml);
      try {
        Files.writeString(configFile, config.toYaml(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write " + configFile, e);
      }
      LiveKitDevServer server =
          new LiveKitDevServer(bin, mode, chosen, apiKey, apiSecret, logFile, configFile, startTimeout);
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      try {
        server.restart();
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
      return server;
    }
  }
}
