package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.RoomFluxException;
import io.roomflux.reactor.OperationFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * Loading audio filter plugins into the real core: a plugin built from C by the test loads and is
 * registered; a missing file, a file that is not a shared library, a library that is not a plugin
 * and a missing dependency each fail with {@link AudioFilterPluginException} naming the path.
 */
@ExtendWith(NativeHandlesBalanced.class)
class AudioFilterPluginTest {
  private static final Duration IO = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void aPluginLoadsOffTheCallersThreadAndIsRegisteredUnderItsModuleIdWithAbsolutePaths() {
    Path plugin = AudioFilterPlugins.gain();
    Path relative = Path.of("").toAbsolutePath().relativize(plugin);
    AtomicReference<String> thread = new AtomicReference<>();

    StepVerifier.create(TestMedia.MEDIA.loadAudioFilterPlugin(relative, "roomflux-test-load")
            .doOnNext(f -> thread.set(Thread.currentThread().getName())))
        .assertNext(filter -> {
          assertThat(filter.moduleId()).isEqualTo("roomflux-test-load");
          assertThat(filter.plugin()).isEqualTo(plugin).isAbsolute();
          assertThat(filter.dependencies()).isEmpty();
        })
        .expectComplete()
        .verify(IO);
    assertThat(thread.get()).startsWith("boundedElastic");
  }

  @Test
  void dependenciesAreLoadedFirstAndKeptAbsoluteInTheirOrder() {
    Path dependency = AudioFilterPlugins.notAPlugin();

    StepVerifier.create(TestMedia.MEDIA.loadAudioFilterPlugin(AudioFilterPlugins.gain(), List.of(dependency),
            "roomflux-test-deps"))
        .assertNext(filter -> assertThat(filter.dependencies()).containsExactly(dependency))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void aMissingPluginFileFailsWithAudioFilterPluginExceptionNamingThePath() {
    Path missing = dir.resolve("libmissing_filter.so");

    StepVerifier.create(TestMedia.MEDIA.loadAudioFilterPlugin(missing, "roomflux-test-missing"))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(AudioFilterPluginException.class).isInstanceOf(OperationFailedException.class)
              .isInstanceOf(RoomFluxException.class)
              .hasMessageStartingWith("loadAudioFilterPlugin failed: " + missing + ": ")
              .hasMessageContaining("No such file");
          assertThat(((AudioFilterPluginException) e).plugin()).isEqualTo(missing);
        })
        .verify(IO);
  }

  @Test
  void aFileThatIsNotASharedLibraryFailsWithAudioFilterPluginException() throws IOException {
    Path text = Files.writeString(dir.resolve("libtext_filter.so"), "not a shared library\n", StandardCharsets.UTF_8);

    StepVerifier.create(TestMedia.MEDIA.loadAudioFilterPlugin(text, "roomflux-test-text"))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AudioFilterPluginException.class)
            .hasMessageContaining(text.toString())
            .hasMessageContaining("dylib error"))
        .verify(IO);
  }

  @Test
  void aLibraryThatIsNotAPluginFailsNamingThePathAndTheMissingFunction() {
    Path library = AudioFilterPlugins.notAPlugin();

    StepVerifier.create(TestMedia.MEDIA.loadAudioFilterPlugin(library, "roomflux-test-not-a-plugin"))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(AudioFilterPluginException.class)
              .hasMessageStartingWith("loadAudioFilterPlugin failed: " + library + ": ");
          AudioFilterPluginException failure = (AudioFilterPluginException) e;
          assertThat(failure.plugin()).isEqualTo(library);
          assertThat(failure.reason()).contains("audio_filter_on_load");
        })
        .verify(IO);
  }

  @Test
  void aMissingDependencyFailsNamingTheDependency() {
    Path missing = dir.resolve("libmissing_dependency.so");

    StepVerifier.create(TestMedia.MEDIA.loadAudioFilterPlugin(AudioFilterPlugins.gain(), List.of(missing),
            "roomflux-test-missing-dependency"))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(AudioFilterPluginException.class);
          assertThat(((AudioFilterPluginException) e).plugin()).isEqualTo(AudioFilterPlugins.gain());
          assertThat(((AudioFilterPluginException) e).reason()).contains(missing.toString());
        })
        .verify(IO);
  }

  @Test
  void anEmptyModuleIdIsRefusedBeforeAnythingIsLoaded() {
    assertThatThrownBy(() -> TestMedia.MEDIA.loadAudioFilterPlugin(AudioFilterPlugins.gain(), ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("moduleId");
  }
}
