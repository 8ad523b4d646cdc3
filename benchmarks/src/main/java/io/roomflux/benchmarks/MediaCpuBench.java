package io.roomflux.benchmarks;

import io.roomflux.devserver.LiveKitDevServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code benchmarks/media-cpu.sh}'s scenarios against a livekit-server it starts (run this JVM
 * in a throwaway network namespace: {@code scripts/netns-java}; every peer it starts inherits it).
 * Every peer is a process of its own ({@link MediaPeer}, {@code benchmarks/python/media_peer.py},
 * {@code benchmarks/node/media_peer.cjs}); this JVM only starts them, reads their CPU from
 * {@code /proc/<pid>/stat} and {@code /proc/<pid>/task/<tid>/stat} and asks them for frame counts.
 * Not a test.
 *
 * <p>Scenarios: {@code recv-audio} (a RoomFlux sender publishes a 48 kHz mono tone; one receiver
 * per SDK subscribes, all at the same time), {@code recv-video} (the same with a 1280x720 30 fps
 * picture) and {@code send-audio} (one sender per SDK publishes the tone at the same time; one
 * RoomFlux receiver counts what arrives from each). Per round and scenario: start the peers in an
 * order rotated by one each round, wait until every receiver counts frames from every sender, let
 * it settle, then measure every peer over the same window.
 *
 * <p>Prints to stdout, per peer and round, {@code RESULT scenario=S round=R side=X cpu_pct=...
 * wall_s=... frames=... samples=... ref_frames=... ref_samples=... size=WxH load1=...} (frames and
 * samples counted over the window by the receiver; {@code ref_} the sender's count over the same
 * window; {@code warmup_pct} the CPU share during the settling period before it, which holds the JIT's
 * warm-up) or {@code RESULT ... failed=1 reason=...}, and {@code THREAD scenario=S round=R side=X
 * name=N cpu_pct=...} per thread name (digits replaced by {@code #}). Progress goes to stderr.
 *
 * <p>usage: {@code MediaCpuBench key=value...}: {@code scenarios} [recv-audio,send-audio,recv-video],
 * {@code rounds} [3], {@code window} seconds [20], {@code settle} seconds [60], {@code python}
 * (interpreter with livekit 1.2.1), {@code node_modules} (with @livekit/rtc-node), {@code clk_tck}
 * [100], {@code out} (directory for the peers' stderr) [.], {@code sides} [roomflux,python,node],
 * {@code java_opts} (options of the RoomFlux peers, separated by {@code ,}) [none]; {@code b_cp}: the
 * class path of the side {@code roomflux-b}, another build of RoomFlux to compare in the same run
 * (a development aid; the report lists only the three SDKs).
 */
public final class MediaCpuBench {
  private static final long READY_SECONDS = 120;

  private final Map<String, String> opts;
  private final LiveKitDevServer server;
  private final List<String> sides;
  private final double clkTck;

  private MediaCpuBench(Map<String, String> opts, LiveKitDevServer server) {
    this.opts = opts;
    this.server = server;
    this.sides = List.of(opts.get("sides").split(","));
    this.clkTck = Double.parseDouble(opts.get("clk_tck"));
  }

  /**
   * Runs every scenario for every round; exits 1 if any peer failed, else 0.
   *
   * @param args {@code key=value} arguments, see the class description
   */
  public static void main(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("scenarios", "recv-audio,send-audio,recv-video",
        "rounds", "3", "window", "20", "settle", "60", "clk_tck", "100", "out", ".", "sides", "roomflux,python,node",
        "java_opts", ""));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2) {
        System.err.println("media-cpu: not key=value: " + arg);
        System.exit(2);
      }
      opts.put(kv[0], kv[1]);
    }
    boolean failed = false;
    try (LiveKitDevServer server = LiveKitDevServer.start()) {
      progress("livekit-server " + LiveKitDevServer.VERSION + " at " + server.url());
      MediaCpuBench bench = new MediaCpuBench(opts, server);
      int rounds = Integer.parseInt(opts.get("rounds"));
      for (int r = 1; r <= rounds; r++) {
        for (String scenario : opts.get("scenarios").split(",")) {
          failed |= !bench.round(scenario, r);
        }
      }
    } catch (RuntimeException | IOException e) {
      System.err.println("media-cpu: FAILED: " + e);
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(failed ? 1 : 0);
  }

  private static void progress(String line) {
    System.err.println("media-cpu: " + line);
    System.err.flush();
  }

  /** A peer process: its stdout lines in a queue, its stderr in a file. */
  private static final class Peer {
    final String side;
    final String identity;
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final Writer stdin;
    final Path log;

    Peer(String side, String identity, List<String> command, Path log) throws IOException {
      this.side = side;
      this.identity = identity;
      this.log = log;
      this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      this.stdin = process.outputWriter(StandardCharsets.UTF_8);
      Thread.ofPlatform().daemon().name("peer-" + identity).start(() -> {
        try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("EOF " + e);
        }
        lines.add("EOF");
      });
    }

    /** The next line starting with {@code prefix}; fails on end of output or timeout. */
    String await(String prefix, long seconds) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (true) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new IOException(identity + ": no " + prefix + " line within " + seconds + " s; its stderr: " + log);
        }
        if (line.startsWith("EOF")) {
          throw new IOException(identity + " exited (status " + exitStatus() + "); its stderr: " + log);
        }
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    }

    String exitStatus() {
      try {
        return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "unknown";
      }
    }

    /** Frames and samples per publisher, from a MARK line. */
    Map<String, long[]> mark() throws IOException, InterruptedException {
      stdin.write("mark\n");
      stdin.flush();
      Map<String, long[]> counts = new HashMap<>();
      for (String part : Arrays.stream(await("MARK", 30).split(" ")).skip(1).toList()) {
        String[] f = part.split(":");
        String[] size = f[3].split("x");
        counts.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(size[0]),
            Long.parseLong(size[1])});
      }
      return counts;
    }

    /** Asks the peer to leave; kills it if it is still there after 30 s. */
    void leave() throws InterruptedException {
      try {
        stdin.write("quit\n");
        stdin.close();
      } catch (IOException e) {
        // already gone
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        progress(identity + " did not leave within 30 s: killed");
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private List<String> command(String side, String role, String what, String identity, String room) {
    String url = server.url().toString();
    String token = server.token(identity, room);
    List<String> cmd = new ArrayList<>();
    switch (side) {
      case "roomflux", "roomflux-b" -> {
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        Stream.of(opts.get("java_opts").split(",")).filter(s -> !s.isBlank()).forEach(cmd::add);
        String classPath = side.equals("roomflux") ? System.getProperty("java.class.path") : require("b_cp");
        cmd.addAll(List.of("-cp", classPath, MediaPeer.class.getName()));
      }
      case "python" -> cmd.addAll(List.of(require("python"), "benchmarks/python/media_peer.py"));
      case "node" -> cmd.addAll(List.of("node", "benchmarks/node/media_peer.cjs", require("node_modules")));
      default -> throw new IllegalArgumentException("unknown side " + side);
    }
    cmd.addAll(List.of(role, what, url, token));
    return cmd;
  }

  private String require(String key) {
    String value = opts.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing argument " + key + "=...");
    }
    return value;
  }

  private Peer start(String side, String role, String what, String identity, String room) throws IOException {
    Path log = Path.of(opts.get("out"), room + "-" + identity + ".log");
    Files.createDirectories(log.getParent());
    return new Peer(side, identity, command(side, role, what, identity, room), log);
  }

  /** One scenario's round; false if a peer failed. */
  private boolean round(String scenario, int round) throws IOException {
    boolean send = scenario.startsWith("send");
    String what = scenario.endsWith("video") ? "video" : "audio";
    String room = scenario + "-r" + round;
    List<String> order = new ArrayList<>(sides);
    java.util.Collections.rotate(order, -(round - 1));
    List<Peer> peers = new ArrayList<>();
    List<Peer> measured = new ArrayList<>();
    try {
      if (send) {
        Peer listener = start("roomflux", "recv", what, "listener", room);
        peers.add(listener);
        listener.await("READY", READY_SECONDS);
        for (String side : order) {
          progress(room + ": starting the " + side + " sender");
          Peer p = start(side, "send", what, "send-" + side, room);
          peers.add(p);
          measured.add(p);
          p.await("READY", READY_SECONDS);
        }
        awaitFrames(listener, measured.stream().map(p -> p.identity).toList());
      } else {
        progress(room + ": starting the roomflux sender");
        Peer sender = start("roomflux", "send", what, "sender", room);
        peers.add(sender);
        sender.await("READY", READY_SECONDS);
        for (String side : order) {
          progress(room + ": starting the " + side + " receiver");
          Peer p = start(side, "recv", what, "recv-" + side, room);
          peers.add(p);
          measured.add(p);
          p.await("READY", READY_SECONDS);
        }
        for (Peer p : measured) {
          awaitFrames(p, List.of("sender"));
        }
      }
      long settle = Long.parseLong(opts.get("settle"));
      long window = Long.parseLong(opts.get("window"));
      progress(room + ": all frames flowing; settling " + settle + " s, then measuring " + window + " s");
      Map<Peer, Snapshot> warm = snapshots(peers);
      long w0 = System.nanoTime();
      Thread.sleep(TimeUnit.SECONDS.toMillis(settle));
      double warmWall = (System.nanoTime() - w0) / 1e9;
      String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
      Map<Peer, Snapshot> before = snapshots(peers);
      long t0 = System.nanoTime();
      Map<Peer, Map<String, long[]>> marks0 = marks(peers);
      Thread.sleep(TimeUnit.SECONDS.toMillis(window));
      Map<Peer, Snapshot> after = snapshots(peers);
      double wall = (System.nanoTime() - t0) / 1e9;
      Map<Peer, Map<String, long[]>> marks1 = marks(peers);
      Peer reference = peers.get(0);
      for (Peer p : measured) {
        long[] got;
        long[] ref;
        if (send) {
          got = delta(marks0.get(reference), marks1.get(reference), p.identity);
          ref = delta(marks0.get(p), marks1.get(p), "self");
        } else {
          got = delta(marks0.get(p), marks1.get(p), "sender");
          ref = delta(marks0.get(reference), marks1.get(reference), "self");
        }
        double cpu = 100.0 * (after.get(p).total - before.get(p).total) / clkTck / wall;
        double warmup = 100.0 * (before.get(p).total - warm.get(p).total) / clkTck / warmWall;
        System.out.printf(Locale.ROOT, "RESULT scenario=%s round=%d side=%s cpu_pct=%.2f wall_s=%.2f frames=%d"
                + " samples=%d ref_frames=%d ref_samples=%d size=%dx%d load1=%s warmup_pct=%.2f%n", scenario, round,
            p.side, cpu, wall, got[0], got[1], ref[0], ref[1], got[2], got[3], load, warmup);
        for (Map.Entry<String, Long> t : after.get(p).threadsSince(before.get(p)).entrySet()) {
          System.out.printf(Locale.ROOT, "THREAD scenario=%s round=%d side=%s name=%s cpu_pct=%.2f%n", scenario,
              round, p.side, t.getKey(), 100.0 * t.getValue() / clkTck / wall);
        }
        progress(String.format(Locale.ROOT, "%s: %s %.1f %% of a core, %d of %d frames", room, p.side, cpu,
            got[0], ref[0]));
      }
      System.out.flush();
      return true;
    } catch (IOException | RuntimeException e) {
      progress(room + ": FAILED: " + e.getMessage());
      for (Peer p : measured) {
        System.out.printf(Locale.ROOT, "RESULT scenario=%s round=%d side=%s failed=1 reason=%s%n", scenario, round,
            p.side, e.getMessage() == null ? "?" : e.getMessage().replace(' ', '_'));
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      for (Peer p : peers.reversed()) {
        try {
          p.leave();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static long[] delta(Map<String, long[]> a, Map<String, long[]> b, String identity) {
    long[] x = a.getOrDefault(identity, new long[4]);
    long[] y = b.getOrDefault(identity, new long[4]);
    return new long[] {y[0] - x[0], y[1] - x[1], y[2], y[3]};
  }

  private static void awaitFrames(Peer receiver, List<String> publishers) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (true) {
      Map<String, long[]> counts = receiver.mark();
      if (publishers.stream().allMatch(id -> counts.getOrDefault(id, new long[1])[0] > 0)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(receiver.identity + " received no frames from some of " + publishers + " within "
            + READY_SECONDS + " s");
      }
      Thread.sleep(200);
    }
  }

  private static Map<Peer, Map<String, long[]>> marks(List<Peer> peers) throws IOException, InterruptedException {
    Map<Peer, Map<String, long[]>> marks = new HashMap<>();
    for (Peer p : peers) {
      marks.put(p, p.mark());
    }
    return marks;
  }

  /** A process's CPU ticks, in total and per thread. */
  private record Snapshot(long total, Map<Long, String> names, Map<Long, Long> threads) {
    /** CPU ticks per thread name between {@code earlier} and this snapshot, largest first. */
    Map<String, Long> threadsSince(Snapshot earlier) {
      Map<String, Long> byName = new TreeMap<>();
      threads.forEach((tid, ticks) -> byName.merge(names.get(tid), ticks - earlier.threads.getOrDefault(tid, 0L),
          Long::sum));
      byName.values().removeIf(v -> v <= 0);
      return byName;
    }
  }

  private static Map<Peer, Snapshot> snapshots(List<Peer> peers) throws IOException {
    Map<Peer, Snapshot> snapshots = new HashMap<>();
    for (Peer p : peers) {
      long pid = p.process.pid();
      if (!p.process.isAlive()) {
        throw new IOException(p.identity + " exited (status " + p.exitStatus() + ")");
      }
      Map<Long, String> names = new HashMap<>();
      Map<Long, Long> threads = new HashMap<>();
      try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
        for (Path task : tasks.toList()) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            long tid = Long.parseLong(task.getFileName().toString());
            names.put(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#")
                .replace(' ', '_'));
            threads.put(tid, ticks(stat));
          } catch (IOException | UncheckedIOException e) {
            // the thread ended meanwhile; the process total still has its time
          }
        }
      }
      snapshots.put(p, new Snapshot(ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat"))), names,
          threads));
    }
    return snapshots;
  }

  /** utime + stime of a {@code stat} line (fields 14 and 15, counted after the command name). */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
