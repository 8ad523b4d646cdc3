package io.roomflux.agents;

import java.io.IOException;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * A worker JVM for {@link AgentWorkerFleetIntegrationTest}: {@code url key secret agentName maxJobs}.
 * Prints {@code REGISTERED <worker id>} and {@code JOB <room> <pid>} lines on stdout; its agents
 * answer the RPC {@code pid}. Stops (closing the worker) when its stdin closes.
 */
public final class WorkerProcessMain {
  private WorkerProcessMain() {}

  /**
   * Runs the worker.
   *
   * @param args url, key, secret, agent name, max jobs
   * @throws IOException if stdin fails
   */
  public static void main(String[] args) throws IOException {
    String pid = Long.toString(ProcessHandle.current().pid());
    AgentWorker worker = AgentWorker.builder(args[0], args[1], args[2]).agentName(args[3]).maxJobs(Integer.parseInt(args[4]))
        .onJob(job -> {
          job.room().localParticipant().registerRpcMethod("pid", call -> Mono.just(pid));
          emit("JOB " + job.job().getRoom().getName() + " " + pid);
          return Mono.never();
        })
        .build();
    worker.registrations().subscribe(id -> emit("REGISTERED " + id + " " + pid));
    worker.start();
    while (System.in.read() >= 0) {
      // runs until the test closes stdin
    }
    worker.close().block(Duration.ofSeconds(30));
    System.exit(0);
  }

  private static synchronized void emit(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
