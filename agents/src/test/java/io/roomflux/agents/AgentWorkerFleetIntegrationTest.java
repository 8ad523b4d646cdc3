package io.roomflux.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.CreateAgentDispatchRequest;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

/**
 * Three worker JVMs (separate processes running {@link WorkerProcessMain}) under one agent name:
 * dispatches run exactly once, spread over all three; a worker killed with SIGKILL mid-job does
 * not stop the other two from serving new dispatches. Prints dispatch latency and memory per job.
 */
@LiveKitIntegrationTest
class AgentWorkerFleetIntegrationTest {
  private static final Duration IO = Duration.ofSeconds(60);

  private final LiveKitDevServer server;
  private final List<Process> processes = new ArrayList<>();
  /** Each line of the workers' stdout, in the order read; replayed. */
  private final Sinks.Many<String> lines = Sinks.many().replay().all();
  /** The same lines without their read time. */
  private final List<String> read = new CopyOnWriteArrayList<>();

  AgentWorkerFleetIntegrationTest(LiveKitDevServer server) {
    this.server = server;
  }

  @AfterEach
  void stopWorkers() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("worker process ended").isTrue();
    }
  }

  private Process startWorker(String agentName) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow",
        "-cp", System.getProperty("java.class.path"), WorkerProcessMain.class.getName(),
        server.url().toString(), server.apiKey(), server.apiSecret(), agentName, "40")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    processes.add(process);
    Thread.ofPlatform().daemon().name("worker-stdout-" + process.pid()).start(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          synchronized (lines) {
            read.add(line);
            lines.tryEmitNext(System.nanoTime() + " " + line);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return process;
  }

  /** The nanoTime at which the line starting with {@code prefix} was read. */
  private long awaitLine(String prefix) {
    String line = lines.asFlux().filter(l -> l.substring(l.indexOf(' ') + 1).startsWith(prefix)).blockFirst(IO);
    assertThat(line).isNotNull();
    return Long.parseLong(line.substring(0, line.indexOf(' ')));
  }

  private List<String> linesStartingWith(String prefix) {
    return read.stream().filter(l -> l.startsWith(prefix)).toList();
  }

  private static long rssKiB(Process process) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
  }

  private long dispatch(ServerApi api, String agentName, String room) {
    api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).setEmptyTimeout(120).build()).block(IO);
    long before = System.nanoTime();
    api.agentDispatch().createDispatch(CreateAgentDispatchRequest.newBuilder().setAgentName(agentName).setRoom(room).build()).block(IO);
    return awaitLine("JOB " + room + " ") - before;
  }

  @Test
  void threeWorkerProcessesShareThirtyDispatchesAndTwoServeOnAfterOneIsKilled() throws IOException {
    List<Process> fleet = List.of(startWorker("fleet"), startWorker("fleet"), startWorker("fleet"));
    assertThat(lines.asFlux().filter(l -> l.contains(" REGISTERED ")).take(3).collectList().block(IO)).hasSize(3);
    assertThat(linesStartingWith("REGISTERED ")).hasSize(3);
    Map<Long, Long> rssBefore = new ConcurrentHashMap<>();
    for (Process process : fleet) {
      rssBefore.put(process.pid(), rssKiB(process));
    }

    try (ServerApi api = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret()).build()) {
      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        latencies.add(dispatch(api, "fleet", "fleet-" + UUID.randomUUID()));
      }
      List<String> jobs = linesStartingWith("JOB ");
      assertThat(jobs).hasSize(30);
      assertThat(jobs.stream().map(l -> l.split(" ")[1]).distinct()).hasSize(30);
      Map<String, Long> perPid = jobs.stream().collect(Collectors.groupingBy(l -> l.split(" ")[2], Collectors.counting()));
      assertThat(perPid.keySet()).containsExactlyInAnyOrderElementsOf(
          fleet.stream().map(p -> Long.toString(p.pid())).collect(Collectors.toSet()));

      StringBuilder memory = new StringBuilder();
      for (Process process : fleet) {
        long held = perPid.get(Long.toString(process.pid()));
        memory.append(String.format(" pid %d: %d jobs, RSS +%d KiB/job;", process.pid(), held,
            (rssKiB(process) - rssBefore.get(process.pid())) / held));
      }

      Process victim = fleet.get(0);
      victim.destroyForcibly();
      assertThat(victim.onExit().orTimeout(30, TimeUnit.SECONDS).join().isAlive()).isFalse();
      Set<String> survivors = Set.of(Long.toString(fleet.get(1).pid()), Long.toString(fleet.get(2).pid()));
      List<String> afterKill = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String room = "fleet-after-kill-" + UUID.randomUUID();
        latencies.add(dispatch(api, "fleet", room));
        afterKill.add(room);
      }
      List<String> later = linesStartingWith("JOB fleet-after-kill-");
      assertThat(later).hasSize(6);
      assertThat(later).allSatisfy(l -> assertThat(survivors).contains(l.split(" ")[2]));
      assertThat(linesStartingWith("JOB ")).hasSize(36);

      Collections.sort(latencies);
      int n = latencies.size();
      System.out.printf("AGENT-METRIC fleet of 3 worker JVMs: dispatch latency (CreateDispatch -> job function started, read from the worker's stdout) over %d dispatches: p50 %.1f ms, p99 %.1f ms; jobs per pid %s; memory:%s%n",
          n, latencies.get(n / 2) / 1e6, latencies.get((int) Math.ceil(n * 0.99) - 1) / 1e6, perPid, memory);
    }
  }
}
