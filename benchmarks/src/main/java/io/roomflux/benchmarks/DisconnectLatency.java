package io.roomflux.benchmarks;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Disconnect → disposed latency against a real livekit-server started for the run (run the JVM in
 * the test network namespace: {@code scripts/netns-java}; {@code benchmarks/disconnect-latency.sh}
 * does), interleaved with LiveKit's Python SDK 1.2.1 in a process of its own on the same server.
 * Not a test.
 *
 * <p>Each cycle joins a fresh room three ways, in an order rotated by one each cycle:
 * <ul>
 *   <li>{@code disconnect}: {@code LiveKit.connect}, then {@code room.disconnect()}; timed from
 *       the call to {@code Disconnected} reaching an {@code events()} subscriber, to the returned
 *       {@code Mono} completing, and to the entry point's live-handle count
 *       ({@code LiveKit.diagnostics()}) being back where it was before the join;</li>
 *   <li>{@code scope}: {@code LiveKit.withRoomMono}, whose body completes when told; timed the
 *       same way from the moment the body completes (the {@code usingWhen} scope closing);</li>
 *   <li>{@code python}: {@code await room.disconnect()} of LiveKit's Python SDK
 *       ({@code benchmarks/python/disconnect_latency.py}): from the call to its
 *       {@code "disconnected"} event and to the call returning (its handles are dropped by
 *       Python's garbage collector, so it has no handle figure).</li>
 * </ul>
 *
 * <p>Prints {@code RESULT disconnect side=S key=value...} per side: {@code cycles},
 * {@code disconnected_p50_ms}, {@code disconnected_p99_ms}, {@code done_p50_ms},
 * {@code done_p99_ms} (the Mono completing, or Python's call returning), {@code handles_p50_ms},
 * {@code handles_p99_ms} and {@code handles_late} (cycles whose handles were not all dropped when
 * the Mono completed), {@code no_event} (cycles in which the side emitted no disconnected event:
 * the Python SDK emits it only when its state was not disconnected already; quantiles leave those
 * cycles out), {@code failures}. Exit status 2 if a cycle failed or left handles, 1 on
 * any other failure.
 *
 * <p>usage: {@code DisconnectLatency python=<interpreter> [cycles=200] [warmup=10]}
 */
public final class DisconnectLatency {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final List<String> SIDES = List.of("disconnect", "scope", "python");

  private DisconnectLatency() {
  }

  /** One cycle of one side, in nanoseconds from the start of the leave (0: not measured). */
  private record Sample(long disconnected, long done, long handles, boolean late) {
  }

  /**
   * Runs the warm-up and the measured cycles and prints one result line per side.
   *
   * @param args {@code key=value} arguments, see the class description
   */
  public static void main(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("cycles", "200", "warmup", "10", "python", "",
        "script", "benchmarks/python/disconnect_latency.py"));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !opts.containsKey(kv[0])) {
        throw new IllegalArgumentException("unknown argument " + arg + "; expected key=value with a key of "
            + opts.keySet());
      }
      opts.put(kv[0], kv[1]);
    }
    if (opts.get("python").isEmpty()) {
      throw new IllegalArgumentException("python=<interpreter with livekit==1.2.1> is required");
    }
    int cycles = Integer.parseInt(opts.get("cycles"));
    int warmup = Integer.parseInt(opts.get("warmup"));
    int status = 0;
    Process python = null;
    try (LiveKitDevServer server = LiveKitDevServer.start(); LiveKit lk = LiveKit.create()) {
      python = new ProcessBuilder(opts.get("python"), Path.of(opts.get("script")).toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Peer peer = new Peer(python);
      String url = server.url().toString();
      Map<String, List<Sample>> samples = new LinkedHashMap<>();
      SIDES.forEach(side -> samples.put(side, new ArrayList<>()));
      Map<String, Integer> failures = new LinkedHashMap<>();
      for (int c = 0; c < warmup + cycles; c++) {
        for (int i = 0; i < SIDES.size(); i++) {
          String side = SIDES.get((i + c) % SIDES.size());
          String token = server.token(side + "-" + c, "disconnect-" + side + "-" + c);
          try {
            Sample s = switch (side) {
              case "disconnect" -> viaDisconnect(lk, url, token);
              case "scope" -> viaScope(lk, url, token);
              default -> peer.cycle(url, token);
            };
            if (c >= warmup) {
              samples.get(side).add(s);
            }
          } catch (RuntimeException e) {
            System.err.println("cycle " + c + " " + side + " failed: " + e);
            failures.merge(side, 1, Integer::sum);
          }
        }
        if ((c + 1) % 25 == 0) {
          System.out.println("disconnect-latency: " + (c + 1) + "/" + (warmup + cycles) + " cycles");
        }
      }
      for (String side : SIDES) {
        List<Sample> list = samples.get(side);
        long late = list.stream().filter(Sample::late).count();
        long noEvent = list.stream().filter(x -> x.disconnected() < 0).count();
        int failed = failures.getOrDefault(side, 0);
        boolean java = !side.equals("python");
        System.out.println(String.format(Locale.ROOT, "RESULT disconnect side=%s cycles=%d disconnected_p50_ms=%.2f"
                + " disconnected_p99_ms=%.2f done_p50_ms=%.2f done_p99_ms=%.2f%s no_event=%d failures=%d", side,
            list.size(),
            ms(list, Sample::disconnected, 0.5), ms(list, Sample::disconnected, 0.99), ms(list, Sample::done, 0.5),
            ms(list, Sample::done, 0.99), java ? String.format(Locale.ROOT,
                " handles_p50_ms=%.2f handles_p99_ms=%.2f handles_late=%d", ms(list, Sample::handles, 0.5),
                ms(list, Sample::handles, 0.99), late) : "", noEvent, failed));
        if (failed != 0) {
          status = 2;
        }
      }
      if (lk.diagnostics().liveHandles() != 0) {
        System.err.println("DisconnectLatency: handles left alive: " + lk.diagnostics().liveHandlesByKind());
        status = 2;
      }
      peer.quit();
    } catch (RuntimeException | Error | IOException e) {
      System.err.println("DisconnectLatency FAILED: " + e);
      e.printStackTrace();
      status = 1;
    } finally {
      if (python != null) {
        python.destroy();
      }
    }
    System.exit(status);
  }

  private static Sample viaDisconnect(LiveKit lk, String url, String token) {
    long baseline = lk.diagnostics().liveHandles();
    Room room = lk.connect(url, token).block(IO);
    if (room == null) {
      throw new IllegalStateException("connect completed without a room");
    }
    AtomicLong disconnected = new AtomicLong();
    Disposable events = room.events().ofType(RoomEvent.Disconnected.class)
        .subscribe(e -> disconnected.compareAndSet(0, System.nanoTime()));
    AtomicLong done = new AtomicLong();
    AtomicLong handlesAtDone = new AtomicLong(-1);
    long start = System.nanoTime();
    room.disconnect().doOnSuccess(v -> {
      done.set(System.nanoTime());
      handlesAtDone.set(lk.diagnostics().liveHandles());
    }).block(IO);
    events.dispose();
    return sample(lk, baseline, start, disconnected.get(), done.get(), handlesAtDone.get());
  }

  private static Sample viaScope(LiveKit lk, String url, String token) {
    long baseline = lk.diagnostics().liveHandles();
    Sinks.Empty<Void> leave = Sinks.empty();
    CountDownLatch joined = new CountDownLatch(1);
    AtomicLong disconnected = new AtomicLong();
    List<Disposable> events = new ArrayList<>();
    AtomicLong done = new AtomicLong();
    AtomicLong handlesAtDone = new AtomicLong(-1);
    Mono<Void> scope = lk.withRoomMono(url, token, io.roomflux.reactor.RoomOptions.defaults(), room -> {
      events.add(room.events().ofType(RoomEvent.Disconnected.class)
          .subscribe(e -> disconnected.compareAndSet(0, System.nanoTime())));
      joined.countDown();
      return leave.asMono();
    }).doOnSuccess(v -> {
      done.set(System.nanoTime());
      handlesAtDone.set(lk.diagnostics().liveHandles());
    });
    CountDownLatch finished = new CountDownLatch(1);
    AtomicLong failedAt = new AtomicLong();
    scope.subscribe(null, e -> {
      failedAt.set(1);
      finished.countDown();
    }, finished::countDown);
    await(joined, "the room");
    long start = System.nanoTime();
    leave.tryEmitEmpty();
    await(finished, "the scope's end");
    events.forEach(Disposable::dispose);
    if (failedAt.get() != 0) {
      throw new IllegalStateException("the scope failed");
    }
    return sample(lk, baseline, start, disconnected.get(), done.get(), handlesAtDone.get());
  }

  private static Sample sample(LiveKit lk, long baseline, long start, long disconnected, long done, long atDone) {
    if (disconnected == 0) {
      throw new IllegalStateException("no Disconnected event reached the subscriber");
    }
    long handles = done;
    boolean late = atDone != baseline;
    if (late) {
      long deadline = System.nanoTime() + IO.toNanos();
      while (lk.diagnostics().liveHandles() != baseline) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("handles not back to " + baseline + ": " + lk.diagnostics().liveHandlesByKind());
        }
        Thread.onSpinWait();
      }
      handles = System.nanoTime();
    }
    return new Sample(disconnected - start, done - start, handles - start, late);
  }

  private static void await(CountDownLatch latch, String what) {
    try {
      if (!latch.await(IO.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static double ms(List<Sample> samples, java.util.function.ToLongFunction<Sample> f, double q) {
    // Negative: not measured in that cycle (the Python SDK emitted no "disconnected").
    long[] sorted = samples.stream().mapToLong(f).filter(v -> v >= 0).sorted().toArray();
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  /** The Python SDK process: one command line per cycle, one answer line back. */
  private static final class Peer {
    private final Writer in;
    private final BufferedReader out;

    Peer(Process process) {
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    Sample cycle(String url, String token) {
      try {
        in.write("cycle " + url + " " + token + "\n");
        in.flush();
        String line = out.readLine();
        if (line == null) {
          throw new IllegalStateException("the Python peer exited");
        }
        if (!line.startsWith("RESULT ")) {
          throw new IllegalStateException("the Python peer said: " + line);
        }
        Map<String, Long> fields = new LinkedHashMap<>();
        Arrays.stream(line.substring(7).split(" ")).map(kv -> kv.split("=", 2))
            .forEach(kv -> fields.put(kv[0], Long.parseLong(kv[1])));
        return new Sample(fields.get("disconnected_ns"), fields.get("returned_ns"), 0, false);
      } catch (IOException e) {
        throw new IllegalStateException("the Python peer failed", e);
      }
    }

    void quit() throws IOException {
      in.write("quit\n");
      in.flush();
    }
  }
}
