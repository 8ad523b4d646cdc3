package io.roomflux.devserver.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the livekit-server binary, in this order: the one the caller named; the environment
 * variable {@code ROOMFLUX_LIVEKIT_SERVER}; a {@code livekit-server} or {@code server} on
 * {@code PATH} that reports the pinned version; {@code server} in Go's bin directory
 * ({@code go env GOBIN}, else the first entry of {@code go env GOPATH} + {@code /bin}) that
 * reports it; the per-user cache; and else installs the pinned version with {@code go install}
 * into the per-user cache. Stateless; thread-safe.
 */
public final class ServerBinary {
  /** The livekit-server version RoomFlux is tested with. */
  public static final String VERSION = "1.13.5";
  /** The Go package {@code go install} builds it from. */
  public static final String GO_PACKAGE = "github.com/livekit/livekit-server/cmd/server";
  /** The environment variable naming a binary. */
  public static final String ENV = "ROOMFLUX_LIVEKIT_SERVER";

  private static final Logger LOG = LoggerFactory.getLogger(ServerBinary.class);
  private static final Pattern VERSION_LINE =
      Pattern.compile("(?m)(^|\\s)v?" + Pattern.quote(VERSION) + "\\s*$");
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);

  private ServerBinary() {}

  /** What the search looks at and does, injectable for tests. */
  public interface Probes {
    /**
     * An environment variable.
     *
     * @param name its name
     * @return its value, empty if unset or empty
     */
    Optional<String> env(String name);

    /**
     * Tells whether a file exists and is executable.
     *
     * @param file the file
     * @return whether it can be run
     */
    boolean isExecutable(Path file);

    /**
     * Runs {@code file --version}.
     *
     * @param file the binary
     * @return what it printed, empty if it could not be run
     */
    Optional<String> version(Path file);

    /**
     * Go's bin directory, where {@code go install} puts binaries by default.
     *
     * @return empty without {@code go}
     */
    Optional<Path> goBinDirectory();

    /**
     * The per-user cache directory for the pinned version.
     *
     * @return a directory, maybe not there yet
     */
    Path cacheDirectory();

    /**
     * Runs {@code go install GO_PACKAGE@vVERSION} with {@code GOBIN=directory}.
     *
     * @param directory where the binary goes
     * @throws IllegalStateException if Go is missing or the install fails
     */
    void goInstall(Path directory);

    /**
     * The real environment, file system and Go toolchain.
     *
     * @return probes of this machine
     */
    static Probes system() {
      return new SystemProbes();
    }
  }

  /**
   * Tells whether {@code --version} output names the pinned version ({@code server version 1.13.5}).
   *
   * @param versionOutput the output
   * @return whether it is the pinned version
   */
  public static boolean isPinnedVersion(String versionOutput) {
    return VERSION_LINE.matcher(versionOutput.strip()).find();
  }

  /**
   * Finds (or installs) the binary; see the {@link ServerBinary class description} for the order.
   *
   * @param explicit a binary the caller named, used as it is
   * @param probes what to look at
   * @return an executable file
   * @throws IllegalStateException if a named binary is not executable, or none is found and
   *     {@code go install} is impossible or fails
   */
  public static Path find(Optional<Path> explicit, Probes probes) {
    if (explicit.isPresent()) {
      return checked(explicit.get(), "the binary the caller named", probes);
    }
    Optional<String> fromEnv = probes.env(ENV);
    if (fromEnv.isPresent()) {
      return checked(Path.of(fromEnv.get()), ENV + "=" + fromEnv.get(), probes);
    }
    List<Path> skipped = new ArrayList<>();
    for (Path candidate : pathCandidates(probes)) {
      if (isPinned(candidate, probes, skipped)) {
        return candidate;
      }
    }
    Optional<Path> goBin = probes.goBinDirectory().map(dir -> dir.resolve("server"));
    if (goBin.isPresent() && isPinned(goBin.get(), probes, skipped)) {
      return goBin.get();
    }
    Path cached = probes.cacheDirectory().resolve("server");
    if (isPinned(cached, probes, skipped)) {
      return cached;
    }
    LOG.info("livekit-server {} not found ({}{}); installing it with go install {}@v{} into {} (once per user; takes minutes)",
        VERSION, "not on PATH as livekit-server or server, no " + ENV,
        skipped.isEmpty() ? "" : "; other versions at " + skipped, GO_PACKAGE, VERSION, probes.cacheDirectory());
    probes.goInstall(probes.cacheDirectory());
    if (!isPinned(cached, probes, new ArrayList<>())) {
      throw new IllegalStateException("go install " + GO_PACKAGE + "@v" + VERSION + " ran, but " + cached
          + " does not report version " + VERSION);
    }
    LOG.info("livekit-server {} installed at {}", VERSION, cached);
    return cached;
  }

  private static Path checked(Path binary, String source, Probes probes) {
    if (!probes.isExecutable(binary)) {
      throw new IllegalStateException(source + ": not an executable file");
    }
    Optional<String> version = probes.version(binary);
    if (version.isEmpty() || !isPinnedVersion(version.get())) {
      LOG.warn("{} reports version {}; RoomFlux is tested with livekit-server {}", source,
          version.map(String::strip).orElse("(none)"), VERSION);
    }
    return binary;
  }

  private static List<Path> pathCandidates(Probes probes) {
    List<Path> candidates = new ArrayList<>();
    for (String name : List.of("livekit-server", "server")) {
      for (String dir : probes.env("PATH").orElse("").split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, name));
        }
      }
    }
    return candidates;
  }

  private static boolean isPinned(Path candidate, Probes probes, List<Path> skipped) {
    if (!probes.isExecutable(candidate)) {
      return false;
    }
    if (probes.version(candidate).filter(ServerBinary::isPinnedVersion).isPresent()) {
      return true;
    }
    skipped.add(candidate);
    return false;
  }

  /** The real thing. */
  private static final class SystemProbes implements Probes {
    @Override
    public Optional<String> env(String name) {
      return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isEmpty());
    }

    @Override
    public boolean isExecutable(Path file) {
      return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    @Override
    public Optional<String> version(Path file) {
      return run(List.of(file.toString(), "--version"), Optional.empty(), VERSION_TIMEOUT)
          .filter(result -> result.exitCode() == 0).map(Result::output);
    }

    @Override
    public Optional<Path> goBinDirectory() {
      Optional<String> gobin = goEnv("GOBIN");
      if (gobin.isPresent()) {
        return gobin.map(Path::of);
      }
      return goEnv("GOPATH").map(gopath -> Path.of(gopath.split(File.pathSeparator)[0], "bin"));
    }

    @Override
    public Path cacheDirectory() {
      String base = Optional.ofNullable(System.getenv("XDG_CACHE_HOME")).filter(value -> !value.isEmpty())
          .orElse(Path.of(System.getProperty("user.home"), ".cache").toString());
      return Path.of(base, "roomflux", "livekit-server", VERSION);
    }

    @Override
    public void goInstall(Path directory) {
      if (goEnv("GOVERSION").isEmpty()) {
        throw new IllegalStateException("livekit-server " + VERSION + " is not installed and there is no go on PATH"
            + " to install it: put a livekit-server " + VERSION + " binary on PATH, or name one in " + ENV
            + ", or install Go");
      }
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new IllegalStateException("could not create " + directory, e);
      }
      String target = GO_PACKAGE + "@v" + VERSION;
      Result result = run(List.of("go", "install", target), Optional.of(directory), Duration.ofMinutes(30))
          .orElseThrow(() -> new IllegalStateException("could not run go install " + target));
      if (result.exitCode() != 0) {
        throw new IllegalStateException("go install " + target + " failed with exit code " + result.exitCode()
            + ":\n" + result.output());
      }
    }

    private static Optional<String> goEnv(String name) {
      return run(List.of("go", "env", name), Optional.empty(), VERSION_TIMEOUT)
          .filter(result -> result.exitCode() == 0)
          .map(result -> result.output().strip())
          .filter(value -> !value.isEmpty());
    }

    private record Result(int exitCode, String output) {}

    private static Optional<Result> run(List<String> command, Optional<Path> gobin, Duration timeout) {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      gobin.ifPresent(dir -> builder.environment().put("GOBIN", dir.toString()));
      try {
        Process process = builder.start();
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
          // Read before waiting: a full pipe would stall the child. The timeout bounds only the wait.
          output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          ChildProcess.kill(process);
          return Optional.empty();
        }
        return Optional.of(new Result(process.exitValue(), output));
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }
}
