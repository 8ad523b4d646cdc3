package io.roomflux.benchmarks;

import io.roomflux.agents.AgentJob;
import io.roomflux.agents.AgentWorker;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.CreateAgentDispatchRequest;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.server.proto.Room;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * The server-side figures of issue 8, against a dev-mode livekit-server started for the run (run
 * the JVM in the test network namespace: {@code scripts/netns-java}; {@code
 * benchmarks/server-agents.sh} does). Not a test. Three phases, one after the other:
 *
 * <ol>
 *   <li><b>dispatch</b>: one {@link AgentWorker} in this JVM; {@code dispatches} times, a room is
 *       created (not timed), then {@code CreateDispatch} is called through {@link ServerApi}; the
 *       latency runs from just before that call to the moment the worker calls the job function
 *       (after the agent joined the room). The job function completes at once, so the job ends
 *       and the agent leaves. Prints {@code RESULT dispatch n=.. p50_ms=.. p99_ms=.. max_ms=..}
 *       (nearest rank).
 *   <li><b>hold</b>: for each count in {@code hold}, that many jobs whose function never
 *       completes are dispatched and awaited (all running at once in the one worker); the
 *       process's resident set ({@code VmRSS}) is read, and compared with the RSS once the worker
 *       had registered and the dispatch phase's jobs had ended. Prints {@code RESULT hold jobs=..
 *       rss_mib=.. base_rss_mib=.. rss_per_job_kib=.. running=..}. The rooms are deleted (the jobs
 *       end) before the next count.
 *   <li><b>listrooms</b>: {@code rounds} rounds, alternating RoomFlux first / Python first; a
 *       RoomFlux round makes {@code warmup} uncounted then {@code calls} sequential
 *       {@code ListRooms} calls on a fresh {@link ServerApi} and prints
 *       {@code RESULT listrooms side=roomflux round=.. mean_us=.. load1=..}; a Python round runs
 *       {@code python list-script URL KEY SECRET calls warmup} (LiveKit's livekit-api) in this
 *       namespace and prints its mean the same way with {@code side=python}.
 * </ol>
 *
 * <p>Also prints {@code RESULT load phase=before|after loadavg="..."} around the listrooms phase.
 * usage: {@code ServerAgentsBench python=PATH list-script=PATH [dispatches=100] [hold=20,50]
 * [calls=500] [warmup=20] [rounds=5]}; exits 1 on any failure.
 */
public final class ServerAgentsBench {
  private static final Duration IO = Duration.ofSeconds(60);
  private static final String AGENT = "bench";

  private ServerAgentsBench() {}

  /**
   * Runs the three phases and prints their {@code RESULT} lines. Blocks the main thread.
   *
   * @param args {@code key=value} arguments, see the class description
   */
  public static void main(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("dispatches", "100", "hold", "20,50", "calls", "500",
        "warmup", "20", "rounds", "5"));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      opts.put(kv[0], kv[1]);
    }
    int status = 0;
    try (LiveKitDevServer server = LiveKitDevServer.start(); LiveKit lk = LiveKit.create()) {
      run(server, lk, opts);
    } catch (RuntimeException | Error e) {
      System.err.println("ServerAgentsBench FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private static void run(LiveKitDevServer server, LiveKit lk, Map<String, String> opts) {
    Map<String, CompletableFuture<Long>> started = new ConcurrentHashMap<>();
    AgentWorker worker = AgentWorker.builder(server.url().toString(), server.apiKey(), server.apiSecret())
        .agentName(AGENT)
        .maxJobs(1000)
        .liveKit(lk)
        .onJob(job -> onJob(job, started))
        .build();
    ServerApi api = api(server);
    try {
      worker.start();
      worker.registrations().next().block(IO);
      dispatchPhase(api, worker, started, Integer.parseInt(opts.get("dispatches")));
      holdPhase(api, worker, started, opts.get("hold"));
      listRoomsPhase(server, opts);
    } finally {
      worker.close().block(IO);
      api.close();
    }
  }

  private static ServerApi api(LiveKitDevServer server) {
    return ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret()).timeout(Duration.ofSeconds(20)).build();
  }

  private static Mono<?> onJob(AgentJob job, Map<String, CompletableFuture<Long>> started) {
    long now = System.nanoTime();
    started.computeIfAbsent(job.job().getRoom().getName(), r -> new CompletableFuture<>()).complete(now);
    return job.metadata().equals("hold") ? Mono.never() : Mono.empty();
  }

  private static long dispatch(ServerApi api, String room, String metadata) {
    api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).setEmptyTimeout(30).build()).block(IO);
    long before = System.nanoTime();
    api.agentDispatch().createDispatch(CreateAgentDispatchRequest.newBuilder()
        .setAgentName(AGENT).setRoom(room).setMetadata(metadata).build()).block(IO);
    return before;
  }

  private static long await(Map<String, CompletableFuture<Long>> started, String room) {
    try {
      return started.computeIfAbsent(room, r -> new CompletableFuture<>()).get(IO.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no job started in " + room, e);
    }
  }

  private static void dispatchPhase(ServerApi api, AgentWorker worker, Map<String, CompletableFuture<Long>> started, int n) {
    long[] micros = new long[n];
    List<String> rooms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String room = "dispatch-" + i;
      rooms.add(room);
      long before = dispatch(api, room, "quick");
      micros[i] = (await(started, room) - before) / 1_000;
    }
    awaitRunning(worker, 0);
    deleteRooms(api, rooms);
    Arrays.sort(micros);
    System.out.printf(Locale.ROOT, "RESULT dispatch n=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f min_ms=%.2f%n", n,
        rank(micros, 0.50) / 1000.0, rank(micros, 0.99) / 1000.0, micros[n - 1] / 1000.0, micros[0] / 1000.0);
  }

  private static long rank(long[] sorted, double q) {
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static void holdPhase(ServerApi api, AgentWorker worker, Map<String, CompletableFuture<Long>> started, String counts) {
    System.gc();
    long base = rssKib();
    for (String count : counts.split(",")) {
      int k = Integer.parseInt(count.trim());
      List<String> rooms = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        String room = "hold-" + k + "-" + i;
        rooms.add(room);
        dispatch(api, room, "hold");
      }
      for (String room : rooms) {
        await(started, room);
      }
      int running = worker.stats().runningJobs();
      System.gc();
      long rss = rssKib();
      System.out.printf(Locale.ROOT, "RESULT hold jobs=%d running=%d rss_mib=%.1f base_rss_mib=%.1f rss_per_job_kib=%d live_handles=%d%n",
          k, running, rss / 1024.0, base / 1024.0, (rss - base) / k, worker.stats().liveHandles());
      deleteRooms(api, rooms);
      awaitRunning(worker, 0);
    }
  }

  private static void deleteRooms(ServerApi api, List<String> rooms) {
    for (String room : rooms) {
      api.roomService().deleteRoom(room).onErrorResume(e -> Mono.empty()).block(IO);
    }
  }

  /** Waits (on the main thread) for the worker's running-job count to reach {@code n}. */
  private static void awaitRunning(AgentWorker worker, int n) {
    long deadline = System.nanoTime() + IO.toNanos();
    while (worker.stats().runningJobs() != n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("running jobs stayed at " + worker.stats().runningJobs() + ", not " + n);
      }
      // The worker's stats have no change signal; poll them coarsely on this (main) thread.
      Mono.delay(Duration.ofMillis(50)).block();
    }
  }

  private static void listRoomsPhase(LiveKitDevServer server, Map<String, String> opts) {
    int calls = Integer.parseInt(opts.get("calls"));
    int warmup = Integer.parseInt(opts.get("warmup"));
    int rounds = Integer.parseInt(opts.get("rounds"));
    String python = required(opts, "python");
    String script = required(opts, "list-script");
    try (ServerApi setup = api(server)) {
      for (int i = 0; i < 5; i++) {
        setup.roomService().createRoom(CreateRoomRequest.newBuilder().setName("list-" + i).setEmptyTimeout(600).build()).block(IO);
      }
      List<Room> rooms = setup.roomService().listRooms().block(IO).getRoomsList();
      System.out.printf(Locale.ROOT, "RESULT listrooms-setup rooms=%d calls=%d warmup=%d rounds=%d%n", rooms.size(), calls, warmup, rounds);
    }
    System.out.printf(Locale.ROOT, "RESULT load phase=before loadavg=\"%s\"%n", loadavg());
    for (int r = 1; r <= rounds; r++) {
      List<String> order = r % 2 == 1 ? List.of("roomflux", "python") : List.of("python", "roomflux");
      for (String side : order) {
        String load1 = loadavg().split(" ")[0];
        double meanMicros = side.equals("roomflux") ? roomflux(server, calls, warmup) : python(server, python, script, calls, warmup);
        System.out.printf(Locale.ROOT, "RESULT listrooms side=%s round=%d mean_us=%.1f load1=%s%n", side, r, meanMicros, load1);
      }
    }
    System.out.printf(Locale.ROOT, "RESULT load phase=after loadavg=\"%s\"%n", loadavg());
  }

  private static double roomflux(LiveKitDevServer server, int calls, int warmup) {
    try (ServerApi api = api(server)) {
      for (int i = 0; i < warmup; i++) {
        api.roomService().listRooms().block(IO);
      }
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        api.roomService().listRooms().block(IO);
      }
      return (System.nanoTime() - start) / 1000.0 / calls;
    }
  }

  private static double python(LiveKitDevServer server, String python, String script, int calls, int warmup) {
    try {
      Process p = new ProcessBuilder(python, script, server.httpUrl().toString(), server.apiKey(), server.apiSecret(),
          Integer.toString(calls), Integer.toString(warmup)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(IO.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("the Python ListRooms client failed:\n" + out);
      }
      return out.lines().filter(l -> l.startsWith("RESULT python ")).findFirst()
          .map(l -> Double.parseDouble(l.replaceAll(".*mean_us=([0-9.]+).*", "$1")))
          .orElseThrow(() -> new IllegalStateException("no RESULT from the Python client:\n" + out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String required(Map<String, String> opts, String key) {
    String value = opts.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing argument " + key + "=...");
    }
    return value;
  }

  private static long rssKib() {
    return status("VmRSS:");
  }

  private static long status(String field) {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
