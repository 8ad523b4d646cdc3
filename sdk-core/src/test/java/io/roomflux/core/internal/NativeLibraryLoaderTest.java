package io.roomflux.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.core.NativeLibraryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the livekit-ffi library comes from: an explicit path (property, then environment), or
 * the bundled one extracted into a cache directory named by its sha256.
 */
class NativeLibraryLoaderTest {
  private static final String BUNDLED = "io/roomflux/natives/linux-x86_64/liblivekit_ffi.so";

  @TempDir
  Path dir;

  @Test
  void propertyNamingAMissingFileFailsNamingTheProperty() {
    Path missing = dir.resolve("absent/liblivekit_ffi.so");
    Properties props = linux();
    props.setProperty(NativeLibraryLoader.PATH_PROPERTY, missing.toString());

    assertThatThrownBy(() -> new NativeLibraryLoader(Map.of(), props).locate())
        .isInstanceOf(NativeLibraryException.class)
        .hasMessageContaining("system property roomflux.ffi.library")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void environmentVariableNamingAMissingFileFailsNamingTheVariable() {
    Path missing = dir.resolve("absent.so");

    assertThatThrownBy(() -> new NativeLibraryLoader(
        Map.of(NativeLibraryLoader.PATH_ENV, missing.toString()), linux()).locate())
        .isInstanceOf(NativeLibraryException.class)
        .hasMessageContaining("environment variable ROOMFLUX_FFI_LIBRARY")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void environmentVariableIsUsedWhenThePropertyIsAbsent() throws IOException {
    Path fromEnv = Files.createFile(dir.resolve("env-liblivekit_ffi.so"));

    Path located = new NativeLibraryLoader(
        Map.of(NativeLibraryLoader.PATH_ENV, fromEnv.toString()), linux()).locate();

    assertThat(located).isEqualTo(fromEnv);
  }

  @Test
  void propertyWinsOverTheEnvironmentVariable() throws IOException {
    Path fromProperty = Files.createFile(dir.resolve("prop-liblivekit_ffi.so"));
    Path fromEnv = Files.createFile(dir.resolve("env-liblivekit_ffi.so"));
    Properties props = linux();
    props.setProperty(NativeLibraryLoader.PATH_PROPERTY, fromProperty.toString());

    Path located = new NativeLibraryLoader(
        Map.of(NativeLibraryLoader.PATH_ENV, fromEnv.toString()), props).locate();

    assertThat(located).isEqualTo(fromProperty);
  }

  @Test
  void unsupportedPlatformFailsNamingTheBundledPlatformAndBothWaysToProvideALibrary() {
    Properties mac = new Properties();
    mac.setProperty("os.name", "Mac OS X");
    mac.setProperty("os.arch", "aarch64");
    mac.setProperty(NativeLibraryLoader.CACHE_PROPERTY, dir.toString());

    assertThatThrownBy(() -> new NativeLibraryLoader(Map.of(), mac).locate())
        .isInstanceOf(NativeLibraryException.class)
        .hasMessageContaining("linux-x86_64")
        .hasMessageContaining("Mac OS X/aarch64")
        .hasMessageContaining(NativeLibraryLoader.PATH_PROPERTY)
        .hasMessageContaining(NativeLibraryLoader.PATH_ENV);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void linuxOnArmIsUnsupportedToo() {
    Properties arm = new Properties();
    arm.setProperty("os.name", "Linux");
    arm.setProperty("os.arch", "aarch64");

    assertThatThrownBy(() -> new NativeLibraryLoader(Map.of(), arm).locate())
        .isInstanceOf(NativeLibraryException.class)
        .hasMessageContaining("Linux/aarch64");
  }

  @Test
  void bundledLibraryIsExtractedOnceIntoADirectoryNamedByItsSha256() throws Exception {
    String expectedSha = bundledSha256();
    Properties props = linux();
    props.setProperty(NativeLibraryLoader.CACHE_PROPERTY, dir.toString());

    Path first = new NativeLibraryLoader(Map.of(), props).locate();
    Object firstFile = Files.readAttributes(first, BasicFileAttributes.class).fileKey();
    Path second = new NativeLibraryLoader(Map.of(), props).locate();

    assertThat(first).isEqualTo(dir.resolve(expectedSha).resolve("liblivekit_ffi.so"));
    assertThat(sha256(first)).isEqualTo(expectedSha).isEqualTo(resourceSha256());
    assertThat(second).isEqualTo(first);
    assertThat(Files.readAttributes(second, BasicFileAttributes.class).fileKey())
        .as("the second locate reuses the extracted file").isEqualTo(firstFile);
    assertThat(leftovers(dir.resolve(expectedSha))).containsExactly("liblivekit_ffi.so");
  }

  @Test
  void concurrentExtractionsAllReturnTheSameCompleteFile() throws Exception {
    String expectedSha = bundledSha256();
    Properties props = linux();
    props.setProperty(NativeLibraryLoader.CACHE_PROPERTY, dir.toString());
    int threads = 6;
    CountDownLatch gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Path>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          gate.await();
          return new NativeLibraryLoader(Map.of(), props).locate();
        }));
      }
      gate.countDown();
      List<Path> located = new ArrayList<>();
      for (Future<Path> result : results) {
        located.add(result.get(60, TimeUnit.SECONDS));
      }

      Path expected = dir.resolve(expectedSha).resolve("liblivekit_ffi.so");
      assertThat(located).hasSize(threads).containsOnly(expected);
      assertThat(sha256(expected)).isEqualTo(expectedSha);
      assertThat(leftovers(dir.resolve(expectedSha)))
          .as("no partial temp files stay behind").containsExactly("liblivekit_ffi.so");
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Properties linux() {
    Properties props = new Properties();
    props.setProperty("os.name", "Linux");
    props.setProperty("os.arch", "amd64");
    return props;
  }

  private static String bundledSha256() throws IOException {
    try (InputStream in = resource(BUNDLED + ".sha256")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
  }

  private static String resourceSha256() throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = resource(BUNDLED)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = NativeLibraryLoaderTest.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the test class path (the natives jar is missing)");
    }
    return in;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(Files.readAllBytes(file));
    return HexFormat.of().formatHex(digest.digest());
  }

  private static List<String> leftovers(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
