package io.roomflux.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The README's usage snippet is the sample's code, between its {@code tag::readme[]} markers. */
class ReadmeSnippetTest {
  @Test
  void theReadmeShowsTheSamplesCode() throws IOException {
    String snippet = DocSnippets.javaBlock(
        DocSnippets.repoFile("samples/hello-room/src/main/java/io/roomflux/samples/hello/HelloRoom.java"), "readme");

    assertThat(Files.readString(DocSnippets.repoFile("README.md"), StandardCharsets.UTF_8)).contains(snippet);
  }
}
