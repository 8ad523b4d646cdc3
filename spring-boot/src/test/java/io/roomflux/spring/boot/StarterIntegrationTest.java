package io.roomflux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.agents.AgentJob;
import io.roomflux.agents.AgentJobHandler;
import io.roomflux.agents.AgentWorker;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.CreateAgentDispatchRequest;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The auto-configured beans against livekit-server v1.13.5: the {@link LiveKit} bean joins a room
 * with a token from the {@link TokenIssuer} and the closing context releases it; an
 * {@link AgentJobHandler} bean receives a job dispatched through the {@link ServerApi} bean; the
 * health indicator is UP with the server, the agent worker registered, and no secret in its details.
 */
@LiveKitIntegrationTest
class StarterIntegrationTest {
  private static final Duration IO = Duration.ofSeconds(30);

  private final LiveKitDevServer server;
  private final ApplicationContextRunner runner;

  StarterIntegrationTest(LiveKitDevServer server) {
    this.server = server;
    this.runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RoomFluxAutoConfiguration.class, RoomFluxServerAutoConfiguration.class,
            RoomFluxAgentAutoConfiguration.class, RoomFluxHealthAutoConfiguration.class))
        .withPropertyValues("roomflux.url=" + server.url(), "roomflux.api-key=" + server.apiKey(),
            "roomflux.api-secret=" + server.apiSecret());
  }

  @Test
  void theLiveKitBeanJoinsARoomAndTheClosingContextReleasesItsRoomsAndHandles() {
    AtomicReference<LiveKit> bean = new AtomicReference<>();
    String room = "spring-" + UUID.randomUUID();
    runner.run(context -> {
      LiveKit lk = context.getBean(LiveKit.class);
      bean.set(lk);
      String token = context.getBean(TokenIssuer.class).joinJwt(room, "spring-bot");
      Room joined = lk.connect(context.getBean(LiveKitConnectionDetails.class).url(), token, context.getBean(RoomOptions.class))
          .block(IO);
      assertThat(joined).isNotNull();
      assertThat(joined.localParticipant().identity()).isEqualTo("spring-bot");
      assertThat(lk.diagnostics().roomsOpen()).isEqualTo(1);
      assertThat(lk.diagnostics().liveHandles()).isPositive();
    });
    // The context is closed: LiveKitCloser disconnected the room without being asked.
    assertThat(bean.get().diagnostics().roomsOpen()).isZero();
    assertThat(bean.get().diagnostics().liveHandles()).isZero();
  }

  @Test
  void anAgentJobHandlerBeanReceivesAJobDispatchedThroughTheServerApiBean() {
    String agentName = "spring-agent-" + UUID.randomUUID();
    String room = "spring-agent-" + UUID.randomUUID();
    AtomicReference<LiveKit> bean = new AtomicReference<>();
    runner.withUserConfiguration(Jobs.class)
        .withPropertyValues("roomflux.agent.name=" + agentName, "roomflux.agent.drain-timeout=2s")
        .run(context -> {
          assertThat(context).hasNotFailed();
          bean.set(context.getBean(LiveKit.class));
          AgentWorker worker = context.getBean(AgentWorker.class);
          String workerId = worker.registrations().next().block(IO);

          Health health = context.getBean(RoomFluxHealthIndicator.class).health().block(IO);
          assertThat(health).isNotNull();
          assertThat(health.getStatus().getCode()).as("%s", health).isEqualTo("UP");
          assertThat(((Map<?, ?>) health.getDetails().get("agent")).get("workerId")).isEqualTo(workerId);
          assertThat(health.toString()).doesNotContain(server.apiSecret()).doesNotContain("eyJ");

          ServerApi api = context.getBean(ServerApi.class);
          Jobs jobs = context.getBean(Jobs.class);
          AgentJob job = jobs.received.asFlux().next()
              .doOnSubscribe(s -> api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).setEmptyTimeout(60).build())
                  .then(api.agentDispatch().createDispatch(CreateAgentDispatchRequest.newBuilder()
                      .setAgentName(agentName).setRoom(room).setMetadata("from spring").build()))
                  .subscribe())
              .block(IO);
          assertThat(job).isNotNull();
          assertThat(job.job().getRoom().getName()).isEqualTo(room);
          assertThat(job.metadata()).isEqualTo("from spring");
          assertThat(job.room().localParticipant().identity()).isEqualTo("agent-" + job.id());
          assertThat(worker.stats().runningJobs()).isEqualTo(1);
        });
    // Closing drained the worker (its job cancelled after 2 s) and released the LiveKit bean's rooms.
    assertThat(bean.get().diagnostics().roomsOpen()).isZero();
    assertThat(bean.get().diagnostics().liveHandles()).isZero();
  }

  @Configuration(proxyBeanMethods = false)
  static class Jobs {
    final Sinks.Many<AgentJob> received = Sinks.many().replay().all();

    @Bean
    AgentJobHandler handler() {
      return job -> {
        synchronized (received) {
          received.tryEmitNext(job);
        }
        return Mono.never();
      };
    }
  }
}
