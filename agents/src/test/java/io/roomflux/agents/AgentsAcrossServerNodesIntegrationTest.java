package io.roomflux.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.devserver.RedisServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.CreateAgentDispatchRequest;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The scale-out path: two livekit-server nodes sharing one Redis, the worker connected only to
 * node B, rooms created, dispatched and joined through node A. LiveKit routes each job over Redis
 * to node B's worker; a participant on node A talks to the agent by RPC; a worker on node A takes
 * the new jobs once node B's worker is gone.
 */
@LiveKitIntegrationTest
class AgentsAcrossServerNodesIntegrationTest {
  private static final Duration IO = Duration.ofSeconds(30);

  /** Starts a worker under {@code name} on {@code node} whose jobs land in {@code started} by room name. */
  private static AgentWorker worker(LiveKitDevServer node, Map<String, AgentJob> started, Sinks.Many<String> starts) {
    return AgentWorker.builder(node.url().toString(), node.apiKey(), node.apiSecret()).agentName("nodes")
        .onJob(job -> {
          job.room().localParticipant().registerRpcMethod("where", call -> Mono.just(job.job().getRoom().getName()));
          started.put(job.job().getRoom().getName(), job);
          synchronized (starts) {
            starts.tryEmitNext(job.job().getRoom().getName());
          }
          return Mono.never();
        })
        .build();
  }

  private static void register(AgentWorker worker) {
    worker.start();
    StepVerifier.create(worker.registrations().next()).expectNextCount(1).expectComplete().verify(IO);
  }

  private static String dispatch(ServerApi api, Sinks.Many<String> starts) {
    String room = "nodes-" + UUID.randomUUID();
    api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).setEmptyTimeout(60).build()).block(IO);
    StepVerifier.create(starts.asFlux().filter(room::equals).next())
        .then(() -> api.agentDispatch().createDispatch(CreateAgentDispatchRequest.newBuilder()
            .setAgentName("nodes").setRoom(room).build()).block(IO))
        .expectNext(room)
        .expectComplete()
        .verify(IO);
    return room;
  }

  @Test
  void jobsDispatchedThroughNodeARunOnceOnNodeBsWorkerAndMoveToNodeAWhenItStops() {
    try (RedisServer redis = RedisServer.start();
         LiveKitDevServer nodeA = LiveKitDevServer.builder().redis(redis).start();
         LiveKitDevServer nodeB = LiveKitDevServer.builder().redis(redis).start();
         ServerApi apiA = ServerApi.builder(nodeA.httpUrl().toString(), nodeA.apiKey(), nodeA.apiSecret()).build()) {
      LiveKit lk = LiveKit.create();
      Map<String, AgentJob> onB = new ConcurrentHashMap<>();
      Sinks.Many<String> startsB = Sinks.many().replay().all();
      AgentWorker workerB = worker(nodeB, onB, startsB);
      register(workerB);

      int dispatches = 5;
      for (int i = 0; i < dispatches; i++) {
        String room = dispatch(apiA, startsB);
        if (i == 0) {
          Room alice = lk.connect(nodeA.url().toString(), nodeA.token("alice", room)).block(IO);
          String agent = "agent-" + onB.get(room).id();
          Mono<String> present = Flux.merge(
                  alice.events().ofType(RoomEvent.ParticipantConnected.class).map(e -> e.participant().identity()),
                  Flux.defer(() -> Flux.fromIterable(alice.remoteParticipants().keySet())))
              .filter(agent::equals)
              .next();
          StepVerifier.create(present.then(alice.localParticipant().performRpc(agent, "where", "")))
              .expectNext(room)
              .expectComplete()
              .verify(IO);
          alice.disconnect().block(IO);
        }
      }
      assertThat(onB).hasSize(dispatches);
      assertThat(workerB.stats().assigned()).isEqualTo(dispatches);

      workerB.close().block(IO);
      assertThat(workerB.stats().liveHandles()).isZero();

      Map<String, AgentJob> onA = new ConcurrentHashMap<>();
      Sinks.Many<String> startsA = Sinks.many().replay().all();
      AgentWorker workerA = worker(nodeA, onA, startsA);
      register(workerA);
      try {
        String room = dispatch(apiA, startsA);
        assertThat(onA).containsOnlyKeys(room);
        assertThat(workerB.stats().assigned()).isEqualTo(dispatches);
      } finally {
        workerA.close().block(IO);
        lk.closeRooms().block(IO);
      }
      assertThat(workerA.stats().liveHandles()).isZero();
      assertThat(lk.diagnostics().liveHandles()).isZero();
    }
  }
}
