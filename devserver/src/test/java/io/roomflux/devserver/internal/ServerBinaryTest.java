package io.roomflux.devserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerBinaryTest {
  private static final String PINNED = "server version 1.13.5\n";
  private static final Path CACHE = Path.of("/cache/roomflux/livekit-server/1.13.5");

  /** A scripted machine: files with their --version output, an environment, Go's bin directory. */
  private static final class FakeMachine implements ServerBinary.Probes {
    final Map<String, String> env = new HashMap<>();
    final Map<Path, String> binaries = new HashMap<>();
    Optional<Path> goBin = Optional.empty();
    final List<Path> installs = new ArrayList<>();
    boolean installWorks = true;

    @Override
    public Optional<String> env(String name) {
      return Optional.ofNullable(env.get(name));
    }

    @Override
    public boolean isExecutable(Path file) {
      return binaries.containsKey(file);
    }

    @Override
    public Optional<String> version(Path file) {
      return Optional.ofNullable(binaries.get(file));
    }

    @Override
    public Optional<Path> goBinDirectory() {
      return goBin;
    }

    @Override
    public Path cacheDirectory() {
      return CACHE;
    }

    @Override
    public void goInstall(Path directory) {
      installs.add(directory);
      if (!installWorks) {
        throw new IllegalStateException("go install failed");
      }
      binaries.put(directory.resolve("server"), PINNED);
    }
  }

  @Test
  void recognisesThePinnedVersionOnly() {
    assertThat(ServerBinary.isPinnedVersion("server version 1.13.5")).isTrue();
    assertThat(ServerBinary.isPinnedVersion("livekit-server version v1.13.5\n")).isTrue();
    assertThat(ServerBinary.isPinnedVersion("server version 1.13.50")).isFalse();
    assertThat(ServerBinary.isPinnedVersion("server version 1.9.0")).isFalse();
  }

  @Test
  void aBinaryTheCallerNamesWinsOverEverything() {
    FakeMachine machine = new FakeMachine();
    machine.binaries.put(Path.of("/opt/lk"), "server version 1.9.0");
    machine.env.put("ROOMFLUX_LIVEKIT_SERVER", "/env/server");
    machine.binaries.put(Path.of("/env/server"), PINNED);

    assertThat(ServerBinary.find(Optional.of(Path.of("/opt/lk")), machine)).isEqualTo(Path.of("/opt/lk"));
  }

  @Test
  void theEnvironmentVariableComesBeforePath() {
    FakeMachine machine = new FakeMachine();
    machine.env.put("ROOMFLUX_LIVEKIT_SERVER", "/env/server");
    machine.binaries.put(Path.of("/env/server"), PINNED);
    machine.env.put("PATH", "/usr/bin");
    machine.binaries.put(Path.of("/usr/bin/livekit-server"), PINNED);

    assertThat(ServerBinary.find(Optional.empty(), machine)).isEqualTo(Path.of("/env/server"));
  }

  @Test
  void aNamedBinaryThatIsNotThereIsAnError() {
    FakeMachine machine = new FakeMachine();
    machine.env.put("ROOMFLUX_LIVEKIT_SERVER", "/env/missing");

    assertThatThrownBy(() -> ServerBinary.find(Optional.empty(), machine))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ROOMFLUX_LIVEKIT_SERVER=/env/missing");
  }

  @Test
  void onPathLivekitServerComesBeforeServerAndOtherVersionsAreSkipped() {
    FakeMachine machine = new FakeMachine();
    machine.env.put("PATH", "/a:/b");
    machine.binaries.put(Path.of("/a/livekit-server"), "server version 1.8.0");
    machine.binaries.put(Path.of("/a/server"), PINNED);
    machine.binaries.put(Path.of("/b/livekit-server"), PINNED);

    assertThat(ServerBinary.find(Optional.empty(), machine)).isEqualTo(Path.of("/b/livekit-server"));
  }

  @Test
  void goBinComesAfterPathAndBeforeTheCache() {
    FakeMachine machine = new FakeMachine();
    machine.env.put("PATH", "/usr/bin");
    machine.goBin = Optional.of(Path.of("/root/go/bin"));
    machine.binaries.put(Path.of("/root/go/bin/server"), PINNED);
    machine.binaries.put(CACHE.resolve("server"), PINNED);

    assertThat(ServerBinary.find(Optional.empty(), machine)).isEqualTo(Path.of("/root/go/bin/server"));

    machine.binaries.remove(Path.of("/root/go/bin/server"));
    assertThat(ServerBinary.find(Optional.empty(), machine)).isEqualTo(CACHE.resolve("server"));
    assertThat(machine.installs).isEmpty();
  }

  @Test
  void installsThePinnedVersionIntoTheCacheWhenNothingElseIsFound() {
    FakeMachine machine = new FakeMachine();
    machine.env.put("PATH", "/usr/bin");
    machine.binaries.put(Path.of("/usr/bin/server"), "some other server 2.0");

    assertThat(ServerBinary.find(Optional.empty(), machine)).isEqualTo(CACHE.resolve("server"));
    assertThat(machine.installs).containsExactly(CACHE);
  }

  @Test
  void aFailedInstallIsReported() {
    FakeMachine machine = new FakeMachine();
    machine.installWorks = false;

    assertThatThrownBy(() -> ServerBinary.find(Optional.empty(), machine))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("go install failed");
  }
}
