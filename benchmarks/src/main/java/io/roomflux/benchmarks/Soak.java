package io.roomflux.benchmarks;

import io.roomflux.RoomFluxException;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.Diagnostics;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.data.DataOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The long run, outside CI: {@code cycles} connect → operate → disconnect cycles, {@code rooms} at
 * a time (one room each), a quarter of them cancelled within a random 0-400 ms (most of those mid-way); then a churn of the same
 * cycles for {@code minutes}. Prints {@code SOAK} lines: errors by type, the core's panics, live
 * and leaked handles, and the process's RSS over time. Run it with {@code scripts/soak.sh}, which
 * also counts JVM crash files and writes the results into {@code docs/RELIABILITY.md}.
 *
 * <pre>{@code java ... io.roomflux.benchmarks.Soak <cycles> <rooms> <churn minutes>}</pre>
 */
public final class Soak {
  /**
   * The longest a cycle may take by RoomFlux's documented bounds: connect (15 s), three sends and
   * the stats (each bounded by the 30 s operation timeout) and the disconnect (15 s wait for the
   * core's confirmation). A cycle past it means a bound did not hold: reported as
   * {@code BOUND-EXCEEDED}, not as an error of the SDK's.
   */
  private static final Duration CYCLE_BOUND = Duration.ofSeconds(15 + 4 * 30 + 15);
  private static final byte[] PAYLOAD = "soak".getBytes(StandardCharsets.UTF_8);

  private final LiveKitDevServer server;
  private final LiveKit lk;
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder cancelled = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final AtomicLong ids = new AtomicLong();
  private final long start = System.nanoTime();

  private Soak(LiveKitDevServer server, LiveKit lk) {
    this.server = server;
    this.lk = lk;
  }

  /**
   * Runs the soak.
   *
   * @param args cycles (default 10000), rooms at a time (4), churn minutes (30)
   */
  public static void main(String[] args) {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rooms = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    double minutes = args.length > 2 ? Double.parseDouble(args[2]) : 30;
    try (LiveKitDevServer server = LiveKitDevServer.start(); LiveKit lk = LiveKit.create()) {
      Soak soak = new Soak(server, lk);
      soak.sample("start");
      int every = Math.max(1, cycles / 10);
      Flux.range(0, cycles)
          .flatMap(i -> soak.cycle(i % rooms).doOnTerminate(() -> {
            if ((i + 1) % every == 0) {
              soak.sample("cycles " + (i + 1));
            }
          }), rooms)
          .then()
          .block();
      System.out.printf("SOAK cycles %d done in %d s: completed %d, cancelled %d%n", cycles,
          soak.seconds(), soak.completed.sum(), soak.cancelled.sum());
      long churnEnd = System.nanoTime() + (long) (minutes * 60e9);
      long nextSample = System.nanoTime();
      long churned = 0;
      while (System.nanoTime() < churnEnd) {
        Flux.range(0, rooms).flatMap(slot -> soak.cycle(slot), rooms).then().block();
        churned += rooms;
        if (System.nanoTime() >= nextSample) {
          soak.sample("churn " + churned);
          nextSample = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        }
      }
      System.out.printf("SOAK churn %.1f min: %d cycles%n", minutes, churned);
      lk.closeRooms().block(CYCLE_BOUND);
      soak.sample("end");
      Diagnostics d = lk.diagnostics();
      System.out.printf("SOAK final completed=%d cancelled=%d panics=%d liveHandles=%d leakedHandles=%d "
          + "dropFailures=%d upcallFailures=%d%n", soak.completed.sum(), soak.cancelled.sum(), d.panics(),
          d.liveHandles(), d.leakedHandles(), d.dropFailures(), d.upcallFailures());
      soak.errors.forEach((type, n) -> System.out.printf("SOAK error %s %d%n", type, n.sum()));
      if (soak.errors.isEmpty()) {
        System.out.println("SOAK error none 0");
      }
    }
  }

  /** Connect, send three packets and read the stats, disconnect; cancelled at random one time in four. */
  private Mono<Void> cycle(int slot) {
    String identity = "soak-" + ids.incrementAndGet();
    Mono<Void> work = Mono.usingWhen(
        lk.connect(server.url().toString(), server.token(identity, "soak-room-" + slot), RoomOptions.defaults()),
        (Room room) -> Flux.range(0, 3)
            .concatMap(i -> room.localParticipant().publishData(PAYLOAD, DataOptions.reliable().withTopic("soak")))
            .then(room.sessionStats())
            .then(),
        Room::disconnect)
        .doOnSuccess(v -> completed.increment());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextInt(4) == 0) {
      work = work.timeout(Duration.ofMillis(random.nextInt(400)), Mono.fromRunnable(cancelled::increment));
    }
    return work
        .timeout(CYCLE_BOUND, Mono.error(() -> new BoundExceeded()))
        .onErrorResume(e -> {
          String type = e instanceof BoundExceeded ? "BOUND-EXCEEDED"
              : (e instanceof RoomFluxException ? "" : "UNEXPECTED:") + e.getClass().getName();
          errors.computeIfAbsent(type, t -> new LongAdder()).increment();
          return Mono.empty();
        });
  }

  /** A cycle that outlived {@link #CYCLE_BOUND}. */
  private static final class BoundExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BoundExceeded() {
      super("the cycle outlived " + CYCLE_BOUND, null, false, false);
    }
  }

  private void sample(String label) {
    Diagnostics d = lk.diagnostics();
    System.out.printf("SOAK sample t=%ds %s rssKiB=%d liveHandles=%d roomsOpen=%d panics=%d%n", seconds(), label,
        rssKiB(), d.liveHandles(), d.roomsOpen(), d.panics());
  }

  private long seconds() {
    return Duration.ofNanos(System.nanoTime() - start).toSeconds();
  }

  private static long rssKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }
}
