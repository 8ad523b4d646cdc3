package io.roomflux.samples.hello.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java on the feature pages is code the build compiles: each page shows every snippet of its
 * source class (between {@code tag::NAME[]} markers), and no Java block on a page comes from
 * anywhere else.
 */
class DocsSnippetTest {
  private static final String SOURCES = "samples/hello-room/src/test/java/io/roomflux/samples/hello/docs/";
  private static final Pattern TAG = Pattern.compile("^\\s*// tag::([A-Za-z0-9_-]+)\\[\\]\\s*$", Pattern.MULTILINE);
  private static final Pattern JAVA_BLOCK = Pattern.compile("^```java\\n.*?^```\\n", Pattern.MULTILINE | Pattern.DOTALL);

  static Stream<Arguments> pages() {
    return Stream.of(
        Arguments.of("docs/data.md", "DataSnippets.java"),
        Arguments.of("docs/data-tracks.md", "DataTrackSnippets.java"),
        Arguments.of("docs/rpc.md", "RpcSnippets.java"),
        Arguments.of("docs/streams.md", "StreamSnippets.java"),
        Arguments.of("docs/participants.md", "ParticipantSnippets.java"),
        Arguments.of("docs/troubleshooting.md", "TroubleshootingSnippets.java"));
  }

  /** Pages that also show snippets of another source: docs/media.md shows ToneSample's (MediaDocSnippetTest). */
  static Stream<Arguments> pagesWithOtherSnippetsToo() {
    return Stream.of(Arguments.of("docs/media.md", "MediaSnippets.java"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"pages", "pagesWithOtherSnippetsToo"})
  void thePageShowsEverySnippetOfItsSourceAsTheBuildCompilesIt(String page, String source) throws IOException {
    String text = read(page);
    List<String> blocks = blocksOf(source);

    assertThat(blocks).isNotEmpty();
    for (String block : blocks) {
      assertThat(text).as("%s shows this block of %s", page, source).contains(block);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void everyJavaBlockOnThePageComesFromItsSource(String page, String source) throws IOException {
    List<String> known = blocksOf(source);
    Matcher blocks = JAVA_BLOCK.matcher(read(page));
    int count = 0;
    while (blocks.find()) {
      count++;
      assertThat(known).as("a Java block of %s that is not a snippet of %s", page, source).contains(blocks.group());
    }
    assertThat(count).isEqualTo(known.size());
  }

  private static List<String> blocksOf(String source) throws IOException {
    Path file = DocSnippets.repoFile(SOURCES + source);
    List<String> blocks = new ArrayList<>();
    Matcher tags = TAG.matcher(Files.readString(file, StandardCharsets.UTF_8));
    while (tags.find()) {
      blocks.add(DocSnippets.javaBlock(file, tags.group(1)));
    }
    return blocks;
  }

  private static String read(String page) throws IOException {
    return Files.readString(DocSnippets.repoFile(page), StandardCharsets.UTF_8);
  }
}
