package io.roomflux.benchmarks;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.data.DataOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The RoomFlux contender of {@code benchmarks/participants.sh}: many data-only participants in
 * this one JVM. Driven line by line over standard input by {@code benchmarks/participants_driver.py},
 * which measures this process from outside through {@code /proc}. Not a test.
 *
 * <p>Protocol (each line it prints for the driver starts with {@code PROTO}; anything else on
 * standard output is log output):
 * <ol>
 *   <li>creates the SDK ({@code LiveKit.create()}, which loads the core) and prints {@code PROTO ready};
 *   <li>on {@code join}: connects one participant per line of the tokens file ({@code room identity
 *       token}), {@code batch} connects in flight, each with {@code autoSubscribe} off and a
 *       subscriber to the data topic {@code broadcast}, and prints {@code PROTO joined ok=.. failed=..
 *       ms=..} (ms: first connect subscribed to the last one finished);
 *   <li>on {@code broadcast}: the first participant of each room publishes one reliable packet on
 *       that topic; prints {@code PROTO broadcast received=.. expected=.. ms=..} once every other
 *       participant of each room has it, or after {@code bound} seconds with what arrived;
 *   <li>on {@code quit} (or end of input): closes every room and exits 0.
 * </ol>
 *
 * <p>usage: {@code ParticipantsBench tokens=FILE url=ws://... [batch=10] [bound=10]
 * [singlePeerConnection=false] [continualIceGathering=default] [coreLogs=true] [connectTimeout=seconds]}
 */
public final class ParticipantsBench {
  private static final String TOPIC = "broadcast";
  private static final Duration IO = Duration.ofSeconds(120);

  private ParticipantsBench() {}

  private record Seat(String room, String identity, String token) {}

  /**
   * Runs the protocol above on the main thread and exits the JVM: 0 after {@code quit}, 1 on failure.
   *
   * @param args {@code key=value} arguments, see the class description
   */
  public static void main(String[] args) {
    java.util.Map<String, String> opts = new java.util.LinkedHashMap<>(java.util.Map.of("tokens", "", "url", "",
        "batch", "10", "bound", "10", "singlePeerConnection", "false", "continualIceGathering", "default", "coreLogs", "true", "connectTimeout", "default"));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !opts.containsKey(kv[0])) {
        throw new IllegalArgumentException("unknown argument " + arg + "; expected key=value with a key of " + opts.keySet());
      }
      opts.put(kv[0], kv[1]);
    }
    int status = 0;
    LiveKitOptions sdkOptions = LiveKitOptions.builder().coreLogs(Boolean.parseBoolean(opts.get("coreLogs"))).build();
    try (LiveKit lk = LiveKit.create(sdkOptions)) {
      run(lk, opts);
      lk.closeRooms().block(IO);
    } catch (RuntimeException | Error | IOException e) {
      System.err.println("ParticipantsBench FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.out.println("PROTO exit status=" + status);
    System.exit(status);
  }

  private static void run(LiveKit lk, java.util.Map<String, String> opts) throws IOException {
    List<Seat> seats = readSeats(Path.of(opts.get("tokens")));
    String url = opts.get("url");
    int batch = Integer.parseInt(opts.get("batch"));
    Duration bound = Duration.ofSeconds(Long.parseLong(opts.get("bound")));
    RoomOptions.Builder builder = RoomOptions.builder().autoSubscribe(false)
        .singlePeerConnection(Boolean.parseBoolean(opts.get("singlePeerConnection")));
    if (!opts.get("connectTimeout").equals("default")) {
      builder.connectTimeout(Duration.ofSeconds(Long.parseLong(opts.get("connectTimeout"))));
    }
    if (!opts.get("continualIceGathering").equals("default")) {
      builder.continualIceGathering(Boolean.parseBoolean(opts.get("continualIceGathering")));
    }
    RoomOptions options = builder.build();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    say("ready participants=" + seats.size());

    expect(in, "join");
    AtomicInteger received = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(expectedReceivers(seats));
    AtomicReference<String> firstError = new AtomicReference<>();
    List<Room> publishers = new ArrayList<>();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    List<Room> rooms = Flux.fromIterable(seats)
        .flatMap(seat -> lk.connect(url, seat.token(), options)
            .doOnNext(room -> {
              if (!isPublisher(seats, seat)) {
                room.dataPackets(TOPIC).subscribe(packet -> {
                  received.incrementAndGet();
                  all.countDown();
                });
              }
            })
            .map(room -> isPublisher(seats, seat) ? new Joined(room, true) : new Joined(room, false))
            .onErrorResume(e -> {
              failed.incrementAndGet();
              firstError.compareAndSet(null, seat.identity() + ": " + e);
              return Mono.empty();
            }), batch)
        .doOnNext(joined -> {
          if (joined.publisher()) {
            synchronized (publishers) {
              publishers.add(joined.room());
            }
          }
        })
        .map(Joined::room)
        .collectList()
        .block(IO.multipliedBy(Math.max(1, seats.size() / 50)));
    long joinedAt = System.nanoTime();
    if (firstError.get() != null) {
      System.err.println("first connect failure: " + firstError.get());
    }
    say("joined ok=" + (rooms == null ? 0 : rooms.size()) + " failed=" + failed.get() + " ms="
        + (joinedAt - start) / 1_000_000);

    expect(in, "broadcast");
    byte[] payload = "hello, everyone".getBytes(StandardCharsets.UTF_8);
    long sent = System.nanoTime();
    Flux.fromIterable(publishers)
        .flatMap(room -> room.localParticipant().publishData(payload, DataOptions.reliable().withTopic(TOPIC)))
        .then()
        .block(IO);
    boolean complete;
    try {
      complete = all.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broadcast", e);
    }
    say(String.format(Locale.ROOT, "broadcast received=%d expected=%d ms=%d complete=%s", received.get(),
        expectedReceivers(seats), (System.nanoTime() - sent) / 1_000_000, complete));

    expect(in, "quit");
  }

  private record Joined(Room room, boolean publisher) {}

  /** The first seat of each room publishes; every other one receives. */
  private static boolean isPublisher(List<Seat> seats, Seat seat) {
    for (Seat s : seats) {
      if (s.room().equals(seat.room())) {
        return s == seat;
      }
    }
    return false;
  }

  private static int expectedReceivers(List<Seat> seats) {
    return seats.size() - (int) seats.stream().map(Seat::room).distinct().count();
  }

  private static List<Seat> readSeats(Path file) throws IOException {
    List<Seat> seats = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split(" ");
      if (parts.length != 3) {
        throw new IllegalArgumentException("tokens file line is not `room identity token`: " + line);
      }
      seats.add(new Seat(parts[0], parts[1], parts[2]));
    }
    if (seats.isEmpty()) {
      throw new IllegalArgumentException("no participants in " + file);
    }
    return seats;
  }

  private static void say(String line) {
    System.out.println("PROTO " + line);
    System.out.flush();
  }

  /** Waits for the driver's next command; end of input counts as {@code quit}. */
  private static void expect(BufferedReader in, String command) {
    try {
      String line = in.readLine();
      if (line == null) {
        throw new IllegalStateException("the driver closed standard input while " + command + " was expected");
      }
      if (!line.strip().equals(command)) {
        throw new IllegalStateException("expected the command " + command + ", got " + line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
