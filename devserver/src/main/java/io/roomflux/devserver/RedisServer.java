package io.roomflux.devserver;

import io.roomflux.devserver.internal.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway Redis (Debian's {@code redis-server}) on {@code 127.0.0.1}, run as a child process of
 * this JVM without persistence ({@code --save '' --appendonly no}), so that several
 * {@link LiveKitDevServer}s form one cluster ({@link LiveKitDevServer.Builder#redis(RedisServer)}).
 * It shares the JVM's network, so inside a test namespace it is reachable only there.
 *
 * <p>Its output goes to {@code redis-server-<port>.log} in the log directory (the system property
 * {@code roomflux.buildDir}, else {@code target}). Stopped by {@link #close()} or, failing that,
 * when the JVM shuts down. Thread-safe.
 */
public final class RedisServer implements AutoCloseable {
  /** How long {@link #start()} waits for Redis to answer {@code PING}. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
  private static final String BINARY = "redis-server";
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private final Process process;
  private final int port;
  private final Path logFile;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisServer(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.shutdownHook = new Thread(() -> ChildProcess.stop(process, STOP_GRACE, STOP_GRACE), "redis-server-shutdown");
  }

  /**
   * Starts Redis on a free port of {@code 127.0.0.1} and waits until it answers; blocks the
   * calling thread meanwhile.
   *
   * @return the running Redis; close it when done
   * @throws IllegalStateException if {@code redis-server} is not installed (the message names the
   *     package), or it exits or does not answer within {@link #START_TIMEOUT}
   * @throws UncheckedIOException if the log file or the process cannot be created
   */
  public static RedisServer start() {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port for redis-server", e);
    }
    return start(port);
  }

  /**
   * Starts Redis on {@code 127.0.0.1:port} and waits until it answers; blocks the calling thread
   * meanwhile.
   *
   * @param port the TCP port, e.g. 6379
   * @return the running Redis; close it when done
   * @throws IllegalStateException as {@link #start()}
   * @throws UncheckedIOException as {@link #start()}
   */
  public static RedisServer start(int port) {
    Path binary = findBinary().orElseThrow(() -> new IllegalStateException(
        "redis-server is not on PATH: install it (Debian/Ubuntu: apt-get install redis-server)"));
    Path dir = Path.of(System.getProperty("roomflux.buildDir", "target")).toAbsolutePath();
    Path logFile = dir.resolve("redis-server-" + port + ".log");
    Process process;
    try {
      Files.createDirectories(dir);
      process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + binary, e);
    }
    RedisServer redis = new RedisServer(process, port, logFile);
    Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
    try {
      redis.awaitPong();
    } catch (RuntimeException | Error e) {
      redis.close();
      throw e;
    }
    LOG.info("redis-server (pid {}) ready at {}; log {}", process.pid(), redis.address(), logFile);
    return redis;
  }

  /**
   * Returns where Redis listens, as livekit-server's {@code redis.address} wants it.
   *
   * @return {@code 127.0.0.1:<port>}
   */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * Returns the TCP port.
   *
   * @return the port on 127.0.0.1
   */
  public int port() {
    return port;
  }

  /**
   * Returns the file Redis's output is appended to.
   *
   * @return an absolute path
   */
  public Path logFile() {
    return logFile;
  }

  /**
   * Stops Redis (SIGTERM, SIGKILL after 5 s) and blocks until it has exited. Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook stops it anyway.
    }
    ChildProcess.stop(process, STOP_GRACE, STOP_GRACE);
    LOG.info("redis-server (pid {}) stopped", process.pid());
  }

  @Override
  public String toString() {
    return "RedisServer[" + address() + "]";
  }

  private static Optional<Path> findBinary() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : (path + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/sbin").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, BINARY);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Sends an inline PING until the answer is +PONG. */
  private void awaitPong() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("redis-server exited with code " + process.exitValue()
              + " before answering on " + address() + ChildProcess.logTail(logFile));
        }
        if (pong()) {
          return;
        }
        if (!Instant.now().isBefore(deadline)) {
          throw new IllegalStateException("redis-server did not answer PING on " + address() + " within "
              + START_TIMEOUT + ChildProcess.logTail(logFile));
        }
        process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for redis-server on " + address(), e);
    }
  }

  private boolean pong() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = in.readNBytes(7);
      return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }
}
