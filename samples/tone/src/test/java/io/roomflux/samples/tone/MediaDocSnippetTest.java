package io.roomflux.samples.tone;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/media.md shows the sample's code, between its {@code tag::...[]} markers. */
class MediaDocSnippetTest {
  @ParameterizedTest
  @ValueSource(strings = {"publish", "receive"})
  void theMediaGuideShowsTheSamplesCode(String tag) throws IOException {
    String snippet = DocSnippets.javaBlock(
        DocSnippets.repoFile("samples/tone/src/main/java/io/roomflux/samples/tone/ToneSample.java"), tag);

    assertThat(Files.readString(DocSnippets.repoFile("docs/media.md"), StandardCharsets.UTF_8)).contains(snippet);
  }
}
