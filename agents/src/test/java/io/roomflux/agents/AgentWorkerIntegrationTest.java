package io.roomflux.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.Telemetry;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.AgentDispatch;
import io.roomflux.server.proto.CreateAgentDispatchRequest;
import io.roomflux.server.proto.CreateRoomRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.roomflux.testkit.LiveKitIntegrationTest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * {@link AgentWorker} against livekit-server v1.13.5: registration, explicit and automatic
 * dispatch, the agent in its room answering RPC, failed and terminated jobs, a full worker, and
 * re-registration after a server restart.
 */
@LiveKitIntegrationTest
class AgentWorkerIntegrationTest {
  private static final Duration IO = Duration.ofSeconds(30);

  private final LiveKitDevServer server;
  private final List<AgentWorker> workers = new CopyOnWriteArrayList<>();
  private final Sinks.Many<AgentJob> started = Sinks.many().replay().all();
  private ServerApi api;
  private LiveKit lk;

  AgentWorkerIntegrationTest(LiveKitDevServer server) {
    this.server = server;
  }

  @BeforeEach
  void setUp() {
    api = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret()).timeout(Duration.ofSeconds(20)).build();
    lk = LiveKit.create();
  }

  @AfterEach
  void releaseEverything() {
    try {
      Flux.fromIterable(workers).flatMap(AgentWorker::close).then().block(IO);
      for (AgentWorker worker : workers) {
        assertThat(worker.stats().liveHandles()).as("worker handles after close").isZero();
      }
      lk.closeRooms().block(IO);
      assertThat(lk.diagnostics().liveHandles()).isZero();
    } finally {
      api.close();
    }
  }

  private AgentWorker start(AgentWorker.Builder builder) {
    AgentWorker worker = builder.build();
    workers.add(worker);
    worker.start();
    StepVerifier.create(worker.registrations().next()).expectNextCount(1).expectComplete().verify(IO);
    return worker;
  }

  private AgentWorker.Builder worker(String agentName) {
    return AgentWorker.builder(server.url().toString(), server.apiKey(), server.apiSecret()).agentName(agentName);
  }

  private static String room(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private AgentDispatch dispatch(String agentName, String room, String metadata) {
    api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).setEmptyTimeout(60).build()).block(IO);
    return api.agentDispatch().createDispatch(CreateAgentDispatchRequest.newBuilder()
        .setAgentName(agentName).setRoom(room).setMetadata(metadata).build()).block(IO);
  }

  /** Records the job's start, for {@link #startedIn(String)}. */
  private Mono<Object> greeter(AgentJob job) {
    synchronized (started) {
      started.tryEmitNext(job);
    }
    return greet(job);
  }

  /** The job started in {@code room}, once its job function ran. */
  private AgentJob startedIn(String room) {
    return started.asFlux().filter(job -> job.job().getRoom().getName().equals(room)).blockFirst(IO);
  }

  private static Mono<Object> greet(AgentJob job) {
    job.room().localParticipant().registerRpcMethod("greet", call -> Mono.just("hello " + call.payload() + " from " + job.metadata()));
    return Mono.never();
  }

  @Test
  void dispatchedJobsJoinTheirRoomsAndTheAgentAnswersRpcFromAParticipant() {
    Map<String, Long> startedAt = new ConcurrentHashMap<>();
    AgentWorker worker = start(worker("support").maxJobs(40).onJob(job -> {
      startedAt.put(job.job().getRoom().getName(), System.nanoTime());
      return greeter(job);
    }));

    List<Long> latenciesMicros = new ArrayList<>();
    int dispatches = 20;
    for (int i = 0; i < dispatches; i++) {
      String room = room("agent-rpc");
      api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).setEmptyTimeout(60).build()).block(IO);
      long before = System.nanoTime();
      AgentDispatch dispatch = api.agentDispatch().createDispatch(CreateAgentDispatchRequest.newBuilder()
          .setAgentName("support").setRoom(room).setMetadata("ticket-" + i).build()).block(IO);
      assertThat(dispatch.getAgentName()).isEqualTo("support");
      AgentJob job = startedIn(room);
      latenciesMicros.add((startedAt.get(room) - before) / 1_000);
      assertThat(job.metadata()).isEqualTo("ticket-" + i);

      if (i < 3) {
        Room alice = lk.connect(server.url().toString(), server.token("alice", room)).block(IO);
        String agent = "agent-" + job.id();
        Mono<String> present = Flux.merge(
                alice.events().ofType(RoomEvent.ParticipantConnected.class).map(e -> e.participant().identity()),
                Flux.defer(() -> Flux.fromIterable(alice.remoteParticipants().keySet())))
            .filter(agent::equals)
            .next();
        StepVerifier.create(present.then(alice.localParticipant().performRpc(agent, "greet", "alice")))
            .expectNext("hello alice from ticket-" + i)
            .expectComplete()
            .verify(IO);
        alice.disconnect().block(IO);
      }
    }
    assertThat(worker.stats().runningJobs()).isEqualTo(dispatches);
    assertThat(worker.stats().assigned()).isEqualTo(dispatches);
    long heapPerJob = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / dispatches;
    Collections.sort(latenciesMicros);
    System.out.printf("AGENT-METRIC dispatch latency (CreateDispatch -> job function started) over %d dispatches: p50 %.1f ms, p99 %.1f ms, max %.1f ms; used heap / running jobs %d KiB (upper bound, JVM heap only)%n",
        dispatches, latenciesMicros.get(dispatches / 2) / 1000.0, latenciesMicros.get((int) Math.ceil(dispatches * 0.99) - 1) / 1000.0,
        latenciesMicros.get(dispatches - 1) / 1000.0, heapPerJob / 1024);
  }

  @Test
  void aFailingJobEndsJsFailedWithItsErrorAndTheTelemetryCountsItAndTheWorkersConnect() {
    List<String> reported = new CopyOnWriteArrayList<>();
    Telemetry telemetry = new Telemetry() {
      @Override
      public void agentJobEnded(String status) {
        reported.add("job " + status);
      }

      @Override
      public Scope start(Operation operation) {
        return new Scope() {
          @Override
          public void success() {
            reported.add(operation.name() + " success");
          }

          @Override
          public void failure(Throwable error) {
            reported.add(operation.name() + " failure");
          }

          @Override
          public void cancel() {
            reported.add(operation.name() + " cancel");
          }
        };
      }
    };
    AgentWorker worker = start(worker("failing").telemetry(telemetry)
        .onJob(job -> Mono.error(new IllegalStateException("no model loaded"))));
    StepVerifier.create(worker.jobEnds().next())
        .then(() -> dispatch("failing", room("agent-fail"), ""))
        .assertNext(end -> {
          assertThat(end.outcome()).isEqualTo(JobEnd.Outcome.FAILED);
          assertThat(end.error()).get().extracting(Throwable::getMessage).isEqualTo("IllegalStateException: no model loaded");
        })
        .expectComplete()
        .verify(IO);
    assertThat(worker.stats().failed()).isEqualTo(1);
    assertThat(worker.stats().liveHandles()).isZero();
    assertThat(reported).as("the worker's own LiveKit reports its connect; the job's end is counted")
        .containsExactly("roomflux.connect success", "job FAILED");
  }

  @Test
  void deletingTheRoomEndsItsJobAndReleasesTheAgentsRoom() {
    AgentWorker worker = start(worker("deleted").onJob(this::greeter));
    String room = room("agent-delete");
    dispatch("deleted", room, "");
    startedIn(room);
    assertThat(worker.stats().liveHandles()).isPositive();

    StepVerifier.create(worker.jobEnds().next())
        .then(() -> api.roomService().deleteRoom(room).block(IO))
        .assertNext(end -> {
          assertThat(end.roomName()).isEqualTo(room);
          assertThat(end.outcome()).isIn(JobEnd.Outcome.ROOM_ENDED, JobEnd.Outcome.TERMINATED);
        })
        .expectComplete()
        .verify(IO);
    assertThat(worker.stats().runningJobs()).isZero();
    assertThat(worker.stats().liveHandles()).isZero();
  }

  @Test
  void automaticDispatchReachesANewlyCreatedRoom() {
    Map<String, String> rooms = new ConcurrentHashMap<>();
    AgentWorker worker = start(worker("").onJob(job -> {
      rooms.put(job.job().getRoom().getName(), job.id());
      return Mono.never();
    }));
    String room = room("agent-auto");
    StepVerifier.create(worker.registrations().next().then(Mono.defer(() ->
            api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).setEmptyTimeout(60).build()))))
        .expectNextCount(1).expectComplete().verify(IO);
    // The job appears in the room's participant list once the agent has joined it; the job
    // function runs right after the join, so wait for both before comparing the identity.
    StepVerifier.create(Mono.defer(() -> api.roomService().listParticipants(room))
            .filter(answer -> answer.getParticipantsCount() == 1 && rooms.containsKey(room))
            .repeatWhenEmpty(ticks -> ticks.delayElements(Duration.ofMillis(100)).take(200)))
        .assertNext(answer -> assertThat(answer.getParticipants(0).getIdentity()).isEqualTo("agent-" + rooms.get(room)))
        .expectComplete()
        .verify(IO);
    assertThat(worker.stats().assigned()).isEqualTo(1);
  }

  @Test
  void aWorkerAtFullGetsNoNewJob() {
    AgentWorker busy = start(worker("full").maxJobs(1).onJob(this::greeter));
    String first = room("agent-full");
    dispatch("full", first, "");
    startedIn(first);
    assertThat(busy.stats().runningJobs()).isEqualTo(1);

    AgentWorker free = start(worker("full").maxJobs(10).onJob(this::greeter));
    for (int i = 0; i < 4; i++) {
      String room = room("agent-full-next");
      dispatch("full", room, "");
      startedIn(room);
    }
    assertThat(busy.stats().assigned()).isEqualTo(1);
    assertThat(free.stats().assigned()).isEqualTo(4);
  }

  @Test
  void afterAServerRestartTheWorkerRegistersAgainAndServes() {
    AgentWorker worker = start(worker("restart").onJob(this::greeter));
    String before = worker.stats().workerId().orElseThrow();

    server.restart();
    String after = worker.registrations().filter(id -> !id.equals(before)).blockFirst(IO);
    assertThat(after).isNotEqualTo(before);
    assertThat(worker.stats().registrations()).isEqualTo(2);

    String room = room("agent-restart");
    dispatch("restart", room, "");
    assertThat(startedIn(room).job().getState().getWorkerId()).isIn(after, "");
    assertThat(worker.stats().assigned()).isEqualTo(1);
  }

  @Test
  void drainLetsTheRunningJobFinishThenStopsTheWorker() {
    AgentWorker worker = start(worker("drain").onJob(job -> {
      greeter(job);
      return Mono.delay(Duration.ofSeconds(2));
    }));
    String room = room("agent-drain");
    dispatch("drain", room, "");
    startedIn(room);

    StepVerifier.create(worker.drain(Duration.ofSeconds(20))).expectComplete().verify(IO);
    WorkerStats stats = worker.stats();
    assertThat(stats.succeeded()).isEqualTo(1);
    assertThat(stats.terminated()).isZero();
    assertThat(stats.runningJobs()).isZero();
    assertThat(stats.liveHandles()).isZero();
  }

  @Test
  void aWorkerWithAWrongSecretFailsWithWorkerRegistrationException() {
    AgentWorker worker = AgentWorker.builder(server.url().toString(), server.apiKey(), "not-the-secret-of-this-server-0123456789")
        .onJob(job -> Mono.never()).build();
    workers.add(worker);
    StepVerifier.create(worker.run()).expectError(WorkerRegistrationException.class).verify(IO);
    assertThat(worker.stats().registrations()).isZero();
  }
}
