package io.roomflux.reactor.architecture;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where this checkout is: the build passes it in, and a run from an IDE finds it from the working directory. */
final class Repository {

  private Repository() {
  }

  /** The root of the checkout (the directory holding the parent pom.xml and docs/). */
  static Path root() {
    String configured = System.getProperty("roomflux.repo");
    if (configured != null && Files.isDirectory(Path.of(configured, "docs"))) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("docs")) && Files.isDirectory(dir.resolve("sdk-reactor"))) {
        return dir;
      }
    }
    throw new AssertionError("cannot find the checkout root (set -Droomflux.repo)");
  }
}
