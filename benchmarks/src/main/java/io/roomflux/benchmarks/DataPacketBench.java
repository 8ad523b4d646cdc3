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
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * {@code publishData} completes before the next starts) and {@code pipelined} ({@code inflight}
 * sends outstanding, {@code flatMap(send, inflight)}). Each payload starts with a sequence number
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
 * <p>usage: {@code DataPacketBench [packets=3000] [sizes=1024,16384] [modes=awaited,pipelined]
 * [inflight=16] [warmup=300]}
 */
public final class DataPacketBench {
  private static final Duration IO = Duration.ofSeconds(60);
  /** How long B may lag behind the last completed send before the missing packets count as lost. */
  private static final Duration DRAIN = Duration.ofSeconds(30);
  private static final int HEADER = 2 * Long.BYTES;

  private DataPacketBench() {}

  /** One configuration's figures. */
  private record Result(String mode, int size, int inflight, int packets, double msgPerSecond,
                        double sendsPerSecond, double p50Ms, double p99Ms, double cpuMicrosPerMsg, int lost,
                        int duplicated, int corrupt) {
    boolean clean() {
      return lost == 0 && duplicated == 0 && corrupt == 0;
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
        "modes", "awaited,pipelined", "inflight", "16", "warmup", "300"));
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
    int status = 0;
    try (LiveKitDevServer server = LiveKitDevServer.start(); LiveKit lk = LiveKit.create()) {
      String url = server.url().toString();
      String roomName = "data-bench-" + UUID.randomUUID();
      Room b = connect(lk, url, server.token("B", roomName));
      Room a = connect(lk, url, server.token("A", roomName));
      for (String size : opts.get("sizes").split(",")) {
        for (String mode : opts.get("modes").split(",")) {
          int bytes = Integer.parseInt(size.strip());
          int concurrency = switch (mode.strip()) {
            case "awaited" -> 1;
            case "pipelined" -> inflight;
            default -> throw new IllegalArgumentException("unknown mode " + mode + "; expected awaited or pipelined");
          };
          measure(a, b, mode.strip(), bytes, concurrency, warmup);
          Result result = measure(a, b, mode.strip(), bytes, concurrency, packets);
          System.out.println(result.line());
          if (!result.clean()) {
            status = 2;
          }
        }
      }
      lk.closeRooms().block(IO);
    } catch (RuntimeException | Error e) {
      System.err.println("DataPacketBench FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
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
    Flux.range(0, packets)
        .flatMap(seq -> Mono.defer(() -> a.localParticipant().publishData(payload(seq, size), options)), inflight)
        .then()
        .block(IO.multipliedBy(Math.max(1, packets / 1000)));
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
