package io.roomflux.samples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.agents.AgentWorker;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.server.ServerApi;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The agent sample's worker, dispatched to a room of a real livekit-server, and a visitor there. */
@LiveKitIntegrationTest
class AgentSampleTest {
  private static final Duration IO = Duration.ofSeconds(60);

  @Test
  void aDispatchedAgentGreetsTheVisitorByNameThenAnswersSayWithA440HzTone(LiveKitDevServer server) {
    String url = server.url().toString();
    Queue<String> story = new ConcurrentLinkedQueue<>();
    try (LiveKit agentSide = LiveKit.create(); LiveKit visitorSide = LiveKit.create();
         ServerApi api = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret()).build()) {
      AgentWorker worker = AgentSample.worker(agentSide, url, server.apiKey(), server.apiSecret());
      worker.start();
      try {
        StepVerifier.create(worker.registrations().next()).expectNextCount(1).expectComplete().verify(IO);
        StepVerifier.create(AgentSample.dispatch(api, "agent-sample")).expectNextCount(1).expectComplete().verify(IO);

        StepVerifier.create(AgentSample.visit(visitorSide, url, server::token, "agent-sample", story::add))
            .assertNext(visit -> {
              assertThat(visit.greeting()).isEqualTo("hello, visitor");
              assertThat(visit.agent()).startsWith("agent-");
              assertThat(visit.tone()).hasSize(AgentSample.TONE_WINDOWS);
              assertThat(visit.tone()).allSatisfy(w -> {
                assertThat(w.sampleRate()).isEqualTo(GreeterAgent.RATE);
                assertThat(w.ratio()).isGreaterThan(0.5);
              });
            })
            .expectComplete()
            .verify(IO);
        assertThat(worker.stats().assigned()).isEqualTo(1);
        assertThat(worker.stats().runningJobs()).isEqualTo(1);
      } finally {
        StepVerifier.create(worker.close()).expectComplete().verify(IO);
      }
      story.forEach(System.out::println);
      assertThat(story).containsSubsequence("visitor joined room agent-sample", "visitor said something on topic \"say\"");
      assertThat(worker.stats().liveHandles()).isZero();
      assertThat(visitorSide.diagnostics().liveHandles()).isZero();
    }
  }
}
