package io.roomflux.agents.docs;

import io.roomflux.agents.AgentWorker;
import io.roomflux.agents.JobDecision;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.AgentDispatch;
import io.roomflux.server.proto.CreateAgentDispatchRequest;
import java.time.Duration;
import java.util.Map;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** The code docs/agents.md shows: compiled by the build, compared with the page by {@link AgentDocSnippetTest}. */
final class AgentDocExamples {
  private AgentDocExamples() {}

  static Disposable worker(String url, String apiKey, String apiSecret) {
    // tag::worker[]
    AgentWorker worker = AgentWorker.builder(url, apiKey, apiSecret)   // ws(s):// or http(s)://
        .agentName("support")                                           // "" = every new room
        .maxJobs(20)                                                    // FULL at 0.7 × 20 running
        .onRequest(request -> Mono.just(request.metadata().contains("vip")
            ? JobDecision.accept("support-" + request.id()).withName("Support").withAttributes(Map.of("tier", "vip"))
            : JobDecision.accept()))
        .onJob(job -> {                                                 // in the joined room
          job.room().localParticipant().registerRpcMethod("ask", call -> Mono.just("on it: " + call.payload()));
          return job.room().events().ofType(RoomEvent.ParticipantDisconnected.class).next();
        })                                                              // completes: JS_SUCCESS, room left
        .build();
    Disposable running = worker.start();                                // or worker.run(): Mono<Void>
    // end::worker[]
    return running;
  }

  static Mono<Void> drain(AgentWorker worker) {
    // tag::drain[]
    return worker.drain(Duration.ofMinutes(5));   // FULL now, running jobs finish, then closed
    // end::drain[]
  }

  static Mono<AgentDispatch> dispatch(ServerApi api) {
    // tag::dispatch[]
    return api.agentDispatch().createDispatch(CreateAgentDispatchRequest.newBuilder()
        .setAgentName("support").setRoom("ticket-42").setMetadata("{\"vip\":true}").build());
    // end::dispatch[]
  }
}
