package io.roomflux.samples.tone;

import io.roomflux.reactor.LiveKit;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The tone sample, run against a real livekit-server. */
@LiveKitIntegrationTest
class ToneSampleTest {
  private static final Duration IO = Duration.ofSeconds(60);

  @Test
  void theListenerHearsThe440HzToneAndNoHandleOutlivesTheRooms(LiveKitDevServer server) {
    LiveKit lk = LiveKit.create();
    // Told on Reactor threads, where BlockHound forbids System.out.
    Queue<String> story = new ConcurrentLinkedQueue<>();

    StepVerifier.create(ToneSample.run(lk, server.url().toString(), server::token, story::add))
        .assertNext(outcome -> {
          assertThat(outcome.seconds()).as("seconds heard").hasSizeGreaterThanOrEqualTo(3);
          assertThat(outcome.seconds()).allSatisfy(s -> assertThat(s.sampleRate()).isEqualTo(ToneSample.RATE));
          assertThat(outcome.heard()).as("the tone was heard").isTrue();
          // Past the first second (jitter buffer filling), the tone dominates.
          assertThat(outcome.seconds().subList(1, 3)).allSatisfy(s -> assertThat(s.ratio()).isGreaterThan(0.5));
          assertThat(outcome.liveHandles()).isZero();
        })
        .expectComplete()
        .verify(IO);

    List<String> lines = List.copyOf(story);
    story.forEach(System.out::println);
    assertThat(lines).contains("speaker left", "listener left");
    assertThat(lines).anyMatch(line -> line.startsWith("speaker unpublished "));
    assertThat(lk.diagnostics().liveHandles()).isZero();
    assertThat(lk.diagnostics().leakedHandles()).isZero();
  }
}
