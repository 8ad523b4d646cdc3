package io.roomflux.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper from the jar, run with a stub java and, where it would make a namespace, a stub
 * {@code ip} that cannot: nothing real is created.
 */
class NetnsJvmTest {
  @TempDir
  Path dir;

  private record Run(int exitCode, String output) {}

  private static void executable(Path file, String script) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Run run(Path wrapper, Map<String, String> env) throws Exception {
    executable(dir.resolve("jdk/bin/java"), "#!/bin/sh\necho \"stub java $* node=${ROOMFLUX_NODE_IP:-none}\"\n");
    // An ip that fails the way a container without CAP_SYS_ADMIN does.
    executable(dir.resolve("fakebin/ip"), "#!/bin/sh\necho 'mount --make-shared /run/netns failed: Operation not permitted' >&2\nexit 1\n");
    ProcessBuilder builder = new ProcessBuilder(wrapper.toString(), "-version").redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    builder.environment().put("PATH", dir.resolve("fakebin") + ":/usr/bin:/bin");
    builder.environment().put("ROOMFLUX_NODE_IP", "10.77.0.1");
    builder.environment().remove("ROOMFLUX_NETNS");
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void installWritesAnExecutableJavaInABinDirectoryAsSurefireWants() throws Exception {
    Path java = NetnsJvm.install(dir.resolve("netns-jvm"));

    assertThat(java).isEqualTo(dir.resolve("netns-jvm/bin/java").toAbsolutePath());
    assertThat(Files.isExecutable(java)).isTrue();
    assertThat(Files.readString(java)).startsWith("#!/usr/bin/env bash").contains("ip netns add");
    assertThat(NetnsJvm.install(dir.resolve("netns-jvm"))).isEqualTo(java);
  }

  @Test
  void whenNoNamespaceCanBeMadeAutoModeRunsJavaPlainlyAndSaysWhy() throws Exception {
    Run run = run(NetnsJvm.install(dir.resolve("w")), Map.of());

    assertThat(run.exitCode()).isZero();
    // As root the stub ip is reached and fails; otherwise the wrapper does not try.
    assertThat(run.output()).containsPattern("netns-java: plain mode \\((could not create network namespace roomflux-\\S+: "
        + "mount --make-shared /run/netns failed: Operation not permitted|not root)\\)");
    assertThat(run.output()).contains("stub java -version node=none");
  }

  @Test
  void onMakesAFailedNamespaceAnError() throws Exception {
    Run run = run(NetnsJvm.install(dir.resolve("w")), Map.of("ROOMFLUX_NETNS", "on"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output()).contains("ROOMFLUX_NETNS=on, but a test network namespace is impossible here")
        .doesNotContain("stub java");
  }

  @Test
  void offRunsJavaPlainlyWithoutTrying() throws Exception {
    Run run = run(NetnsJvm.install(dir.resolve("w")), Map.of("ROOMFLUX_NETNS", "off"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).contains("netns-java: plain mode (ROOMFLUX_NETNS=off)")
        .contains("stub java -version node=none");
  }
}
