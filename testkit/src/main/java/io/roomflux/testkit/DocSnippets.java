package io.roomflux.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The code that documentation shows, taken from the sources the build compiles: the lines of a
 * source file between its {@code // tag::NAME[]} and {@code // end::NAME[]} markers, as the
 * Markdown block a document must contain.
 *
 * <pre>{@code
 * String snippet = DocSnippets.javaBlock(DocSnippets.repoFile("samples/.../HelloRoom.java"), "readme");
 * assertThat(Files.readString(DocSnippets.repoFile("README.md"))).contains(snippet);
 * }</pre>
 */
public final class DocSnippets {
  private DocSnippets() {}

  /**
   * A file of the repository, found from the system property {@code roomflux.repo} (which the
   * build sets for test JVMs), else from two directories up (a sample module's directory).
   *
   * @param relative the path from the repository's root, such as {@code "README.md"}
   * @return the absolute path
   */
  public static Path repoFile(String relative) {
    return Path.of(System.getProperty("roomflux.repo", "../..")).toAbsolutePath().resolve(relative);
  }

  /**
   * The lines of {@code source} between {@code // tag::TAG[]} and {@code // end::TAG[]}, with
   * their common indent removed, as a {@code ```java} Markdown block ending in a line break.
   *
   * @param source the source file
   * @param tag the marker's name
   * @return the block
   * @throws IOException if the file cannot be read
   * @throws AssertionError if a marker is missing or nothing lies between them
   */
  public static String javaBlock(Path source, String tag) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    int start = indexOfLine(lines, "// tag::" + tag + "[]");
    int end = indexOfLine(lines, "// end::" + tag + "[]");
    if (start < 0) {
      throw new AssertionError("no tag::" + tag + "[] in " + source.getFileName());
    }
    if (end <= start + 1) {
      throw new AssertionError("no end::" + tag + "[] after tag::" + tag + "[] and at least one line in "
          + source.getFileName());
    }
    List<String> tagged = lines.subList(start + 1, end);
    int indent = tagged.stream().filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    StringBuilder block = new StringBuilder("```java\n");
    tagged.forEach(line -> block.append(line.isBlank() ? "" : line.substring(indent)).append('\n'));
    return block.append("```\n").toString();
  }

  private static int indexOfLine(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    return -1;
  }
}
