package io.roomflux.benchmarks;

import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.devserver.LiveKitDevServer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reliable data packets from participant A to participant B, both in this JVM, through a dev-mode
 * livekit-server started for the run (run the JVM in the test network namespace:
 * {@code scripts/netns-java}; {@code benchmarks/ab.sh} does). Not a test.
 *
 * <p>For each payload size and mode, A sends {@code packets} packets on a topic of their own; B
 * receives them with {@code Room.dataPackets(topic)}. Modes: {@code awaited} (each
 * {@code publishData} completes before the next starts), {@code pipelined} ({@code inflight}
 * sends outstanding, {@code flatMap(send, inflight)}) and {@code publisher} (one
 * {@code publishData(Publisher, options, inflight)} for all packets). Each payload starts with a sequence number
 * and the {@link System#nanoTime()} taken when its send was subscribed; the rest is zeros. Before
 * each measurement, {@code warmup} packets go the same way on another topic and are not counted.
 *
 * <p>Per result it prints one line of {@code key=value} pairs, after the word {@code RESULT data}:
 * {@code msg_per_s} (packets received / time from the first send to the last reception),
 * {@code send_msg_per_s} (packets / time until the last {@code publishData} completed: completion
 * means the core took the packet, not that B has it, so this can run ahead of {@code msg_per_s}),
 * {@code p50_ms}/{@code p99_ms} (send subscribed → B's subscriber called, nearest rank),
 * {@code cpu_us_per_msg} (this process's CPU time over the same window / packets; the server is
 * another process and not counted), {@code lost}, {@code duplicated} and {@code corrupt}. The exit
 * status is 2 if any packet was lost, duplicated or corrupt, 1 on any other failure.
 *
 * <p>Contenders: with {@code node=DIR} (the {@code node_modules} of {@code scripts/node-peer.sh
 * install}) and {@code python=PATH} (the venv python of {@code scripts/python-peer.sh}), LiveKit's
 * Node SDK ({@code benchmarks/node/data_packets.cjs}) and Python SDK
 * ({@code benchmarks/python/data_packets.py}) run the same measurement as child processes against
 * the same server, in rooms of their own, modes {@code awaited} and {@code pipelined} (their
 * {@code publishData} calls, {@code inflight} outstanding). Each of {@code rounds} rounds runs
 * every contender once, in an order rotated per round; RoomFlux keeps its JVM (and so its JIT)
 * across rounds, the others start afresh each round and warm up the same way. A {@code ROUND}
 * line names each round's contender; RoomFlux's results are {@code RESULT data} lines as above
 * (the format {@code benchmarks/ab.sh} reads), the peers' the same pairs after
 * {@code PEER contender=...}; at the end a {@code SUMMARY} line per contender, size and
 * mode gives the medians over the rounds (min-max in brackets) and a Markdown table follows
 * {@code TABLE} lines.
 *
 * <p>usage: {@code DataPacketBench [packets=3000] [sizes=1024,16384]
 * [modes=awaited,pipelined,publisher] [inflight=16] [warmup=300] [rounds=1] [node=DIR]
 * [python=PATH] [corelogs=true]} ({@code corelogs=false}: RoomFlux with
 * {@code LiveKitOptions.coreLogs(false)})
 */
public final class DataPacketBench {
  private static final Duration IO = Duration.ofSeconds(60);
  /** How long B may lag behind the last completed send before the missing packets count as lost. */
  private static final Duration DRAIN = Duration.ofSeconds(30);
  private static final int HEADER = 2 * Long.BYTES;

  private DataPacketBench() {}

  /** One configuration's figures. */
  record Result(String mode, int size, int inflight, int packets, double msgPerSecond,
                        double sendsPerSecond, double p50Ms, double p99Ms, double cpuMicrosPerMsg, int lost,
                        int duplicated, int corrupt) {
    boolean clean() {
      return lost == 0 && duplicated == 0 && corrupt == 0;
    }

    static Result parse(String line) {
      Map<String, String> kv = new LinkedHashMap<>();
      for (String part : line.substring("RESULT data ".length()).strip().split("\\s+")) {
        String[] pair = part.split("=", 2);
        kv.put(pair[0], pair[1]);
      }
      return new Result(kv.get("mode"), Integer.parseInt(kv.get("size")), Integer.parseInt(kv.get("inflight")),
          Integer.parseInt(kv.get("packets")), Double.parseDouble(kv.get("msg_per_s")),
          Double.parseDouble(kv.get("send_msg_per_s")), Double.parseDouble(kv.get("p50_ms")),
          Double.parseDouble(kv.get("p99_ms")), Double.parseDouble(kv.get("cpu_us_per_msg")),
          Integer.parseInt(kv.get("lost")), Integer.parseInt(kv.get("duplicated")), Integer.parseInt(kv.get("corrupt")));
    }

    String line() {
      return String.format(java.util.Locale.ROOT,
          "RESULT data mode=%s size=%d inflight=%d packets=%d msg_per_s=%.1f send_msg_per_s=%.1f"
              + " p50_ms=%.3f p99_ms=%.3f cpu_us_per_msg=%.1f lost=%d duplicated=%d corrupt=%d",
          mode, size, inflight, packets, msgPerSecond, sendsPerSecond, p50Ms, p99Ms, cpuMicrosPerMsg, lost,
          duplicated, corrupt);
    }
  }

  /**
   * Runs every configuration and prints one {@code RESULT data ...} line per configuration.
   * Blocks the main thread throughout; exits the JVM with the status described above.
   *
   * @param args {@code key=value} arguments, see the class description
   */
  public static void main(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("packets", "3000", "sizes", "1024,16384",
        "modes", "awaited,pipelined,publisher", "inflight", "16", "warmup", "300", "rounds", "1", "node", "",
        "python", "", "corelogs", "true"));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !opts.containsKey(kv[0])) {
        throw new IllegalArgumentException("unknown argument " + arg + "; expected key=value with a key of "
            + opts.keySet());
      }
      opts.put(kv[0], kv[1]);
    }
    int packets = Integer.parseInt(opts.get("packets"));
    int warmup = Integer.parseInt(opts.get("warmup"));
    int inflight = Integer.parseInt(opts.get("inflight"));
    int rounds = Integer.parseInt(opts.get("rounds"));
    List<String> contenders = new ArrayList<>(List.of("roomflux"));
    if (!opts.get("node").isEmpty()) {
      contenders.add("node");
    }
    if (!opts.get("python").isEmpty()) {
      contenders.add("python");
    }
    int status = 0;
    Map<String, List<Result>> results = new LinkedHashMap<>();
    try (LiveKitDevServer server = LiveKitDevServer.start(); LiveKit lk = LiveKit.create(io.roomflux.reactor.LiveKitOptions.builder()
        .coreLogs(Boolean.parseBoolean(opts.get("corelogs"))).build())) {
      String url = server.url().toString();
      String roomName = "data-bench-" + UUID.randomUUID();
      Room b = connect(lk, url, server.token("B", roomName));
      Room a = connect(lk, url, server.token("A", roomName));
      for (int round = 1; round <= rounds; round++) {
        for (int i = 0; i < contenders.size(); i++) {
          String contender = contenders.get((i + round - 1) % contenders.size());
          System.out.println("ROUND " + round + " contender=" + contender);
          for (String size : opts.get("sizes").split(",")) {
            int bytes = Integer.parseInt(size.strip());
            List<Result> measured = switch (contender) {
              case "roomflux" -> roomflux(a, b, opts.get("modes"), bytes, inflight, warmup, packets);
              default -> peer(contender, opts.get(contender), server, bytes, inflight, warmup, packets);
            };
            for (Result result : measured) {
              // RoomFlux's lines keep the format benchmarks/ab.sh reads; the peers' are marked.
              System.out.println(contender.equals("roomflux") ? result.line()
                  : "PEER contender=" + contender + " " + result.line().substring("RESULT data ".length()));
              results.computeIfAbsent(contender + " " + result.size() + " " + result.mode(), k -> new ArrayList<>())
                  .add(result);
              if (!result.clean()) {
                status = 2;
              }
            }
          }
        }
      }
      lk.closeRooms().block(IO);
    } catch (RuntimeException | Error e) {
      System.err.println("DataPacketBench FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    Summary.print(results);
    System.exit(status);
  }

  private static List<Result> roomflux(Room a, Room b, String modes, int bytes, int inflight, int warmup,
                                       int packets) {
    List<Result> out = new ArrayList<>();
    for (String mode : modes.split(",")) {
      int concurrency = switch (mode.strip()) {
        case "awaited" -> 1;
        case "pipelined", "publisher" -> inflight;
        default -> throw new IllegalArgumentException("unknown mode " + mode
            + "; expected awaited, pipelined or publisher");
      };
      measure(a, b, mode.strip(), bytes, concurrency, warmup);
      out.add(measure(a, b, mode.strip(), bytes, concurrency, packets));
    }
    return out;
  }

  /** Runs LiveKit's Node or Python SDK against the same server in a room of its own. */
  private static List<Result> peer(String contender, String runtime, LiveKitDevServer server, int bytes, int inflight,
                                   int warmup, int packets) {
    String room = "data-bench-" + contender + "-" + UUID.randomUUID();
    String repo = System.getProperty("roomflux.repo", ".");
    List<String> command = contender.equals("node")
        ? List.of("node", repo + "/benchmarks/node/data_packets.cjs", runtime)
        : List.of(runtime, repo + "/benchmarks/python/data_packets.py");
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of(server.url().toString(), server.token("A", room), server.token("B", room),
        String.valueOf(packets), String.valueOf(bytes), String.valueOf(inflight), String.valueOf(warmup),
        "awaited,pipelined"));
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 && p.exitValue() != 2) {
        throw new IllegalStateException(contender + " failed (exit " + p.exitValue() + "):\n" + out);
      }
      List<Result> results = out.lines().filter(l -> l.startsWith("RESULT data ")).map(Result::parse).toList();
      if (results.isEmpty()) {
        throw new IllegalStateException(contender + " printed no result:\n" + out);
      }
      return results;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + contender + " ran", e);
    }
  }

  private static Room connect(LiveKit lk, String url, String token) {
    Room room = lk.connect(url, token, RoomOptions.defaults()).block(IO);
    if (room == null) {
      throw new IllegalStateException("connect completed without a room");
    }
    return room;
  }

  /** Sends {@code packets} packets A → B on a fresh topic and waits until B has them all (or DRAIN passed). */
  private static Result measure(Room a, Room b, String mode, int size, int inflight, int packets) {
    if (size < HEADER) {
      throw new IllegalArgumentException("size must be at least " + HEADER + " bytes");
    }
    String topic = "bench-" + UUID.randomUUID();
    DataOptions options = DataOptions.reliable().withTopic(topic);
    long[] sentAt = new long[packets];
    long[] receivedAt = new long[packets];
    // unique, duplicated, corrupt. Reactor calls one subscriber serially; the latch publishes the
    // arrays' writes to this thread. Duplicates arriving after the last new packet are not seen.
    AtomicIntegerArray counts = new AtomicIntegerArray(3);
    CountDownLatch all = new CountDownLatch(packets);
    Disposable receiver = b.dataPackets(topic).subscribe(packet -> {
      long now = System.nanoTime();
      int seq = sequence(packet, size, packets);
      if (seq < 0) {
        counts.incrementAndGet(2);
      } else if (receivedAt[seq] != 0) {
        counts.incrementAndGet(1);
      } else {
        receivedAt[seq] = now;
        sentAt[seq] = packet.payload().getLong(packet.payload().position() + Long.BYTES);
        counts.incrementAndGet(0);
        all.countDown();
      }
    });
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long start = System.nanoTime();
    if (mode.equals("publisher")) {
      a.localParticipant().publishData(Flux.range(0, packets).map(seq -> payload(seq, size)), options, inflight)
          .block(IO.multipliedBy(Math.max(1, packets / 1000)));
    } else {
      Flux.range(0, packets)
          .flatMap(seq -> Mono.defer(() -> a.localParticipant().publishData(payload(seq, size), options)), inflight)
          .then()
          .block(IO.multipliedBy(Math.max(1, packets / 1000)));
    }
    long sent = System.nanoTime();
    boolean complete;
    try {
      complete = all.await(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for B", e);
    }
    long cpu = os.getProcessCpuTime() - cpu0;
    receiver.dispose();
    long last = complete ? Arrays.stream(receivedAt).max().orElse(start) : System.nanoTime();
    int unique = counts.get(0);
    double[] latencies = new double[unique];
    int n = 0;
    for (int i = 0; i < packets && n < unique; i++) {
      if (receivedAt[i] != 0) {
        latencies[n++] = (receivedAt[i] - sentAt[i]) / 1e6;
      }
    }
    Arrays.sort(latencies, 0, n);
    return new Result(mode, size, inflight, packets, unique / ((last - start) / 1e9),
        packets / ((sent - start) / 1e9), rank(latencies, n, 0.50),
        rank(latencies, n, 0.99), cpu / 1e3 / packets, packets - unique, counts.get(1), counts.get(2));
  }

  /** Sequence number first, then the send time; the rest of the payload stays zero. */
  private static byte[] payload(int seq, int size) {
    byte[] bytes = new byte[size];
    ByteBuffer.wrap(bytes).putLong(seq).putLong(System.nanoTime());
    return bytes;
  }

  /** The packet's sequence number, or -1 if its size or number is not one this run sent. */
  private static int sequence(DataPacket packet, int size, int packets) {
    ByteBuffer payload = packet.payload();
    if (payload.remaining() != size) {
      return -1;
    }
    long seq = payload.getLong(payload.position());
    return seq >= 0 && seq < packets ? (int) seq : -1;
  }

  /** Nearest-rank percentile of the first {@code n} sorted values; NaN when there are none. */
  private static double rank(double[] sorted, int n, double p) {
    return n == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(p * n) - 1)];
  }
}
