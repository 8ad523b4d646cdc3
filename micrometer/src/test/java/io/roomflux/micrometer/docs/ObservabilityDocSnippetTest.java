package io.roomflux.micrometer.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.DocSnippets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/observability.md shows exactly the code of {@link ObservabilityDocExamples}, which the build compiles. */
class ObservabilityDocSnippetTest {

  @ParameterizedTest
  @ValueSource(strings = {"plain", "observations", "own"})
  void theDocumentContainsTheCompiledSnippet(String tag) throws Exception {
    Path source = DocSnippets.repoFile(
        "micrometer/src/test/java/io/roomflux/micrometer/docs/ObservabilityDocExamples.java");
    assertThat(Files.readString(DocSnippets.repoFile("docs/observability.md")))
        .contains(DocSnippets.javaBlock(source, tag));
  }
}
