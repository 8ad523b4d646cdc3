package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Test audio filter plugins, C sources under {@code src/test/resources/audio-filter-plugins},
 * compiled with the machine's C compiler ({@code cc}) into
 * {@code target/audio-filter-plugins/<pid>} once per test JVM: {@link #gain()}, which multiplies every sample by the gain its options name
 * and logs its sessions to a file, and {@link #notAPlugin()}, a shared library that exports none of
 * the plugin's functions.
 */
public final class AudioFilterPlugins {
  /** Per test JVM: test JVMs running side by side never load a library another one is writing. */
  private static final Path OUT = Path.of("target", "audio-filter-plugins", Long.toString(ProcessHandle.current().pid()))
      .toAbsolutePath();
  private static Path gain;
  private static Path notAPlugin;

  private AudioFilterPlugins() {
  }

  /**
   * {@return the gain plugin} Its options for a stream: {@code "gain=<number>;log=<file>"}.
   */
  public static synchronized Path gain() {
    if (gain == null) {
      gain = build("gain_filter");
    }
    return gain;
  }

  /** {@return a shared library that is not a plugin} */
  public static synchronized Path notAPlugin() {
    if (notAPlugin == null) {
      notAPlugin = build("not_a_plugin");
    }
    return notAPlugin;
  }

  /** The options of the gain plugin for one stream. */
  public static String gainOptions(double gain, Path log) {
    return "gain=" + gain + ";log=" + log;
  }

  private static Path build(String name) {
    try {
      Files.createDirectories(OUT);
      Path source = OUT.resolve(name + ".c");
      try (InputStream in = Objects.requireNonNull(
          AudioFilterPlugins.class.getResourceAsStream("/audio-filter-plugins/" + name + ".c"), name + ".c")) {
        Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
      }
      Path library = OUT.resolve("lib" + name + ".so");
      Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror",
          "-o", library.toString(), source.toString()).redirectErrorStream(true).start();
      String output;
      try (InputStream out = cc.getInputStream()) {
        output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(cc.waitFor(60, TimeUnit.SECONDS)).as("cc finished building %s", name).isTrue();
      assertThat(cc.exitValue()).as("cc building the test plugin %s (a C compiler is needed): %s", name, output)
          .isZero();
      return library;
    } catch (IOException e) {
      throw new UncheckedIOException("could not build the test plugin " + name + " with cc", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
