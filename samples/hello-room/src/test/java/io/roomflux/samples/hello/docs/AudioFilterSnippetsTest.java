package io.roomflux.samples.hello.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.media.AudioFilterPluginException;
import io.roomflux.testkit.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * docs/media.md shows the audio filter snippets as the build compiles them, and the error
 * snippet, run against the real core, reports a missing plugin with its path.
 */
class AudioFilterSnippetsTest {
  private static final Path SOURCE =
      DocSnippets.repoFile("samples/hello-room/src/test/java/io/roomflux/samples/hello/docs/AudioFilterSnippets.java");

  @Test
  void theMediaPageShowsEveryAudioFilterSnippet() throws IOException {
    String page = Files.readString(DocSnippets.repoFile("docs/media.md"), StandardCharsets.UTF_8);

    for (String tag : List.of("audio-filter", "audio-filter-errors")) {
      assertThat(page).as("docs/media.md shows %s", tag).contains(DocSnippets.javaBlock(SOURCE, tag));
    }
  }

  @Test
  void theErrorSnippetReportsAMissingPluginWithItsPath(@TempDir Path dir) {
    Path missing = dir.resolve("libdenoise.so");
    Queue<String> log = new ConcurrentLinkedQueue<>();
    try (LiveKit lk = LiveKit.create()) {
      StepVerifier.create(AudioFilterSnippets.load(lk.media(), missing, log::add))
          .expectError(AudioFilterPluginException.class)
          .verify(Duration.ofSeconds(30));
    }

    assertThat(log).singleElement().asString()
        .startsWith("not a usable filter plugin: " + missing + " (")
        .contains("No such file");
  }
}
