package io.roomflux.samples.tone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/media.md shows the sample's code, between its {@code tag::...[]} markers. */
class MediaDocSnippetTest {
  private static final Path REPO = Path.of(System.getProperty("roomflux.repo", "../..")).toAbsolutePath();

  @ParameterizedTest
  @ValueSource(strings = {"publish", "receive"})
  void theMediaGuideShowsTheSamplesCode(String tag) throws IOException {
    List<String> source = Files.readAllLines(
        REPO.resolve("samples/tone/src/main/java/io/roomflux/samples/tone/ToneSample.java"), StandardCharsets.UTF_8);
    int start = indexOfLine(source, "// tag::" + tag + "[]");
    int end = indexOfLine(source, "// end::" + tag + "[]");
    assertThat(start).as("tag::%s[] in ToneSample.java", tag).isNotNegative();
    assertThat(end).as("end::%s[] in ToneSample.java", tag).isGreaterThan(start + 1);

    List<String> tagged = source.subList(start + 1, end);
    int indent = tagged.stream().filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    StringBuilder snippet = new StringBuilder("```java\n");
    tagged.forEach(line -> snippet.append(line.isBlank() ? "" : line.substring(indent)).append('\n'));
    snippet.append("```\n");

    assertThat(Files.readString(REPO.resolve("docs/media.md"), StandardCharsets.UTF_8)).contains(snippet);
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
