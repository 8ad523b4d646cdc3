package io.roomflux.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's usage snippet is the sample's code, between its {@code tag::readme[]} markers. */
class ReadmeSnippetTest {
  private static final Path REPO = Path.of(System.getProperty("roomflux.repo", "../..")).toAbsolutePath();

  @Test
  void theReadmeShowsTheSamplesCode() throws IOException {
    List<String> source = Files.readAllLines(
        REPO.resolve("samples/hello-room/src/main/java/io/roomflux/samples/hello/HelloRoom.java"),
        StandardCharsets.UTF_8);
    int start = indexOfLine(source, "// tag::readme[]");
    int end = indexOfLine(source, "// end::readme[]");
    assertThat(start).as("tag::readme[] in HelloRoom.java").isNotNegative();
    assertThat(end).as("end::readme[] in HelloRoom.java").isGreaterThan(start + 1);

    List<String> tagged = source.subList(start + 1, end);
    int indent = tagged.stream().filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    StringBuilder snippet = new StringBuilder("```java\n");
    tagged.forEach(line -> snippet.append(line.isBlank() ? "" : line.substring(indent)).append('\n'));
    snippet.append("```\n");

    assertThat(Files.readString(REPO.resolve("README.md"), StandardCharsets.UTF_8)).contains(snippet);
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
