package io.roomflux.core.internal;

import io.roomflux.core.NativeLibraryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the livekit-ffi library: an explicit path first (system property
 * {@value #PATH_PROPERTY}, then environment {@value #PATH_ENV}), else the library bundled in the
 * natives jar, extracted once into a per-user cache directory named by its sha256.
 */
public final class NativeLibraryLoader {
  /** System property naming a livekit-ffi library to load instead of the bundled one. */
  public static final String PATH_PROPERTY = "roomflux.ffi.library";
  /** Environment variable naming a livekit-ffi library to load instead of the bundled one. */
  public static final String PATH_ENV = "ROOMFLUX_FFI_LIBRARY";
  /** System property overriding the cache directory the bundled library is extracted to. */
  public static final String CACHE_PROPERTY = "roomflux.ffi.cacheDir";

  private static final Logger log = LoggerFactory.getLogger(NativeLibraryLoader.class);
  private static final String RESOURCE_ROOT = "io/roomflux/natives/";
  private static final String LIBRARY_NAME = "liblivekit_ffi.so";

  private final Map<String, String> env;
  private final Properties props;

  /** A loader reading the real system properties and environment. */
  public NativeLibraryLoader() {
    this(System.getenv(), System.getProperties());
  }

  NativeLibraryLoader(Map<String, String> env, Properties props) {
    this.env = env;
    this.props = props;
  }

  /**
   * Resolves the library to load.
   *
   * @return an existing library file
   * @throws NativeLibraryException when none can be had, saying how to provide one
   */
  public Path locate() {
    String explicit = props.getProperty(PATH_PROPERTY);
    String source = "system property " + PATH_PROPERTY;
    if (explicit == null || explicit.isBlank()) {
      explicit = env.get(PATH_ENV);
      source = "environment variable " + PATH_ENV;
    }
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      if (!Files.isRegularFile(path)) {
        throw new NativeLibraryException(source + " points at " + path + ", which is not a file");
      }
      log.debug("using livekit-ffi from {} ({})", path, source);
      return path;
    }
    String platform = platform();
    if (platform == null) {
      throw new NativeLibraryException("RoomFlux bundles livekit-ffi for linux-x86_64 only; this is "
          + props.getProperty("os.name") + "/" + props.getProperty("os.arch")
          + ". Set the system property " + PATH_PROPERTY + " or the environment variable " + PATH_ENV
          + " to a livekit-ffi library built for this platform (the PyPI 'livekit' wheel for it carries one).");
    }
    return extractBundled(platform);
  }

  private @Nullable String platform() {
    String os = props.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = props.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
      return "linux-x86_64";
    }
    return null;
  }

  private Path extractBundled(String platform) {
    ClassLoader loader = NativeLibraryLoader.class.getClassLoader();
    String resource = RESOURCE_ROOT + platform + "/" + LIBRARY_NAME;
    URL lib = loader.getResource(resource);
    URL sum = loader.getResource(resource + ".sha256");
    if (lib == null || sum == null) {
      throw new NativeLibraryException("the natives jar io.roomflux:roomflux-natives-" + platform
          + " is not on the class path (no " + resource + "); add it, or set " + PATH_PROPERTY
          + " / " + PATH_ENV + " to a livekit-ffi library");
    }
    try {
      String sha256;
      try (InputStream in = sum.openStream()) {
        sha256 = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
      }
      Path dir = cacheRoot().resolve(sha256);
      Path target = dir.resolve(LIBRARY_NAME);
      if (Files.isRegularFile(target)) {
        return target;
      }
      Files.createDirectories(dir);
      // Another JVM may extract at the same time: each writes its own temp file, checks it, and
      // renames it into place atomically, so the target is either absent or complete.
      Path tmp = Files.createTempFile(dir, LIBRARY_NAME, ".part");
      try {
        try (InputStream in = lib.openStream()) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        String actual = sha256(tmp);
        if (!actual.equals(sha256)) {
          throw new NativeLibraryException("bundled " + resource + " has sha256 " + actual
              + ", expected " + sha256 + ": the natives jar is damaged");
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      log.debug("extracted livekit-ffi to {}", target);
      return target;
    } catch (IOException e) {
      throw new NativeLibraryException("could not extract the bundled livekit-ffi library to "
          + cacheRoot() + "; set " + CACHE_PROPERTY + " to a writable directory", e);
    }
  }

  private Path cacheRoot() {
    String configured = props.getProperty(CACHE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(props.getProperty("user.home", props.getProperty("java.io.tmpdir")), ".cache");
    return base.resolve("roomflux").resolve("natives");
  }

  static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          digest.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
