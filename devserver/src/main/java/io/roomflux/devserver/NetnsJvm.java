package io.roomflux.devserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes out {@code netns-java}, the JVM wrapper that runs a test JVM (and so the
 * {@link LiveKitDevServer} it starts) in a throwaway network namespace, for projects outside the
 * RoomFlux repository. As root with iproute2's {@code ip}, the wrapper makes a namespace holding
 * only {@code lo} and a veth pair, runs {@code $JAVA_HOME/bin/java} in it, and deletes it
 * afterwards; anywhere else, or when the namespace cannot be made, it runs java plainly and says
 * why on standard error ({@code ROOMFLUX_NETNS=on} makes that an error, {@code off} skips the
 * namespace).
 *
 * <p>Surefire accepts a {@code <jvm>} whose file is named {@code java} in a {@code bin} directory,
 * which is what {@link #install(Path)} writes. For example, in a project's {@code pom.xml}: run
 * {@code io.roomflux.devserver.NetnsJvm} with the argument {@code ${project.build.directory}/netns-jvm}
 * (exec-maven-plugin's {@code java} goal, test class path, phase {@code process-test-classes}),
 * then configure Surefire with
 * {@code <jvm>${project.build.directory}/netns-jvm/bin/java</jvm>} and the environment variable
 * {@code JAVA_HOME=${java.home}} (else Surefire points {@code JAVA_HOME} at the wrapper's directory).
 * Without the wrapper the dev server runs in plain mode, which is right on a developer's machine.
 */
public final class NetnsJvm {
  private static final String RESOURCE = "netns-java";

  private NetnsJvm() {}

  /**
   * Writes the wrapper to {@code directory/bin/java} (replacing an older copy), executable.
   * Blocks the calling thread for the file I/O.
   *
   * @param directory where to put {@code bin/java}; created if missing
   * @return the wrapper's path, for Surefire's {@code jvm}
   * @throws UncheckedIOException if it cannot be written
   * @throws IllegalStateException if the jar lacks the script
   */
  public static Path install(Path directory) {
    Path bin = directory.toAbsolutePath().resolve("bin");
    Path java = bin.resolve("java");
    try (InputStream script = NetnsJvm.class.getResourceAsStream(RESOURCE)) {
      if (script == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the roomflux-devserver jar");
      }
      Files.createDirectories(bin);
      Path partial = Files.createTempFile(bin, "java", ".partial");
      Files.copy(script, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(partial, java, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + java, e);
    }
    return java;
  }

  /**
   * Command line: {@code java -cp roomflux-devserver.jar io.roomflux.devserver.NetnsJvm DIRECTORY}
   * writes {@code DIRECTORY/bin/java} and prints its path.
   *
   * @param args the directory, one argument
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: NetnsJvm DIRECTORY   (writes DIRECTORY/bin/java, the namespaced JVM wrapper)");
      System.exit(2);
    }
    System.out.println(install(Path.of(args[0])));
  }
}
