package io.roomflux.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.DocSnippets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/server.md shows exactly the code of {@link ServerDocExamples}, which the build compiles. */
class ServerDocSnippetTest {

  @ParameterizedTest
  @ValueSource(strings = {"server-api", "errors", "webhooks", "verify"})
  void theDocumentContainsTheCompiledSnippet(String tag) throws Exception {
    Path source = DocSnippets.repoFile("server/src/test/java/io/roomflux/server/docs/ServerDocExamples.java");
    String block = DocSnippets.javaBlock(source, tag);

    assertThat(Files.readString(DocSnippets.repoFile("docs/server.md"))).contains(block);
  }
}
