package io.roomflux.agents.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.DocSnippets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/agents.md shows exactly the code of {@link AgentDocExamples}, which the build compiles. */
class AgentDocSnippetTest {

  @ParameterizedTest
  @ValueSource(strings = {"worker", "drain", "dispatch"})
  void theDocumentContainsTheCompiledSnippet(String tag) throws Exception {
    Path source = DocSnippets.repoFile("agents/src/test/java/io/roomflux/agents/docs/AgentDocExamples.java");
    assertThat(Files.readString(DocSnippets.repoFile("docs/agents.md"))).contains(DocSnippets.javaBlock(source, tag));
  }
}
