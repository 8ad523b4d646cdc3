package io.roomflux.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import com.sun.management.OperatingSystemMXBean;
import io.roomflux.proto.BufferInfo;
import io.roomflux.proto.DataPacketKind;
import io.roomflux.proto.DataPacketReceived;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.OwnedBuffer;
import io.roomflux.proto.RoomEvent;
import io.roomflux.proto.UserPacket;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import reactor.core.Disposable;

/**
 * Event dispatch latency, from the native callback to a subscriber: the time from a native thread
 * calling the core's event callback with a data packet to the packet reaching the {@code onNext}
 * of a {@code Room.dataPackets(topic)} subscriber. Run by {@code benchmarks/dispatch-latency.sh}.
 * Not a test.
 *
 * <p>The path is RoomFlux's own from end to end: the JVM loads {@code benchmarks/c/event_source.c}
 * as the core (system property {@code roomflux.ffi.library}), so each event enters through
 * NativeCore's FFM upcall stub, is copied and queued for the dispatcher thread, decoded, routed by
 * handle to the room's listener, mapped (the payload copied out of native memory and its buffer
 * handle dropped), emitted through the room's event hub and delivered on the entry point's
 * scheduler. The room is a real one, joined with {@code LiveKit.connect} through the same
 * stand-in (see {@link EventSource}). The events are encoded before the run; the library's pacing
 * thread sends one every {@code 1/rate} seconds and writes {@code CLOCK_MONOTONIC} (the clock of
 * {@link System#nanoTime()} on Linux) into the payload just before calling the callback. The
 * subscriber subtracts it from {@code System.nanoTime()}.
 *
 * <p>Prints {@code RESULT dispatch key=value...}: {@code events}, {@code achieved_per_s} (events
 * / time from the first send to the last), {@code p50_us}, {@code p99_us}, {@code p999_us},
 * {@code max_us} (send → onNext, nearest rank), {@code upcall_p50_us}/{@code upcall_p99_us} (the
 * callback's own duration, as the native thread sees it), {@code cpu_us_per_event} (this
 * process's CPU time over the run / events), {@code lost} (never delivered), {@code missed} (the
 * room's {@code missedEvents()}: dropped for a slow subscriber), {@code unrouted},
 * {@code upcall_failures}. Exit status 2 if an event was lost, missed or duplicated, 1 on any
 * other failure.
 *
 * <p>With {@code path=floor} the same events go through {@link DispatchFloor} instead of
 * RoomFlux: the least a JVM must do (upcall, copy, one hop to a consumer thread, decode, copy the
 * payload), for comparison in the same run.
 *
 * <p>usage: {@code DispatchLatency [rate=10000] [seconds=5] [warmup=2] [payload=64]
 * [path=roomflux|floor]}
 */
public final class DispatchLatency {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final String TOPIC = "latency";

  private DispatchLatency() {
  }

  /** One run's figures. */
  private record Result(int events, double achievedPerSecond, double p50, double p99, double p999, double max,
                        double upcallP50, double upcallP99, double cpuMicrosPerEvent, int lost, int duplicated,
                        long missed) {
    String line(long unrouted, long upcallFailures) {
      return String.format(Locale.ROOT, "RESULT dispatch events=%d achieved_per_s=%.0f p50_us=%.1f p99_us=%.1f"
              + " p999_us=%.1f max_us=%.1f upcall_p50_us=%.2f upcall_p99_us=%.2f cpu_us_per_event=%.2f lost=%d"
              + " duplicated=%d missed=%d unrouted=%d upcall_failures=%d",
          events, achievedPerSecond, p50, p99, p999, max, upcallP50, upcallP99, cpuMicrosPerEvent, lost, duplicated,
          missed, unrouted, upcallFailures);
    }

    boolean clean() {
      return lost == 0 && duplicated == 0 && missed == 0;
    }
  }

  /**
   * Runs the warm-up and the measured run, and prints the result line.
   *
   * @param args {@code key=value} arguments, see the class description
   */
  public static void main(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("rate", "10000", "seconds", "5", "warmup", "2",
        "payload", "64", "path", "roomflux"));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !opts.containsKey(kv[0])) {
        throw new IllegalArgumentException("unknown argument " + arg + "; expected key=value with a key of "
            + opts.keySet());
      }
      opts.put(kv[0], kv[1]);
    }
    int rate = Integer.parseInt(opts.get("rate"));
    int payload = Integer.parseInt(opts.get("payload"));
    if (payload < 2 * Long.BYTES) {
      throw new IllegalArgumentException("payload must be at least 16 bytes");
    }
    String library = System.getProperty("roomflux.ffi.library");
    if (library == null) {
      throw new IllegalStateException("run with -Droomflux.ffi.library=<event_source.so> (dispatch-latency.sh does)");
    }
    if (!opts.get("path").equals("roomflux") && !opts.get("path").equals("floor")) {
      throw new IllegalArgumentException("path must be roomflux or floor");
    }
    int status = 0;
    int warmup = (int) (rate * Double.parseDouble(opts.get("warmup")));
    int events = (int) (rate * Double.parseDouble(opts.get("seconds")));
    EventSource source = new EventSource(Path.of(library));
    if (opts.get("path").equals("floor")) {
      try (DispatchFloor floor = new DispatchFloor(Path.of(library))) {
        Receiver receiver = new Receiver() {
          @Override
          public Disposable subscribe(Consumer<ByteBuffer> payloads) {
            floor.sink(payloads);
            return () -> floor.sink(payload -> { });
          }

          @Override
          public long missed() {
            return 0;
          }
        };
        Result result = measure(source, receiver, rate, warmup, events, payload);
        System.out.println(result.line(0, floor.failures()));
        status = result.clean() && floor.failures() == 0 ? 0 : 2;
      } catch (RuntimeException | Error e) {
        System.err.println("DispatchLatency FAILED: " + e);
        e.printStackTrace();
        status = 1;
      }
      System.exit(status);
    }
    try (LiveKit lk = LiveKit.create()) {
      Room room = lk.connect("ws://127.0.0.1:7880", "stand-in-core-needs-no-token").block(IO);
      if (room == null) {
        throw new IllegalStateException("connect completed without a room");
      }
      Receiver receiver = new Receiver() {
        @Override
        public Disposable subscribe(Consumer<ByteBuffer> payloads) {
          return room.dataPackets(TOPIC).subscribe(packet -> payloads.accept(packet.payload()));
        }

        @Override
        public long missed() {
          return room.missedEvents();
        }
      };
      Result result = measure(source, receiver, rate, warmup, events, payload);
      System.out.println(result.line(lk.diagnostics().unroutedEvents(), lk.diagnostics().upcallFailures()));
      if (!result.clean() || source.refused() != 0) {
        status = 2;
      }
      room.disconnect().block(IO);
      if (lk.diagnostics().liveHandles() != 0) {
        System.err.println("DispatchLatency: handles left alive: " + lk.diagnostics().liveHandlesByKind());
        status = 1;
      }
    } catch (RuntimeException | Error e) {
      System.err.println("DispatchLatency FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /** Where the payloads arrive: RoomFlux's room, or the floor. */
  private interface Receiver {
    Disposable subscribe(Consumer<ByteBuffer> payloads);

    long missed();
  }

  /** The warm-up, then the measured run. */
  private static Result measure(EventSource source, Receiver receiver, int rate, int warmup, int events,
                                int payload) {
    long nextHandle = 1L << 54;
    if (warmup > 0) {
      run(source, receiver, rate, warmup, payload, nextHandle);
      nextHandle += warmup;
      System.out.println("dispatch-latency: warm-up of " + warmup + " events done");
    }
    return run(source, receiver, rate, events, payload, nextHandle);
  }

  /** Sends {@code count} data packets at {@code rate} and waits until the subscriber has them all. */
  private static Result run(EventSource source, Receiver receiver, int rate, int count, int payload,
                            long firstHandle) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment payloads = arena.allocate((long) count * payload, 8);
      MemorySegment stamps = arena.allocate(ADDRESS, count);
      MemorySegment offsets = arena.allocate(JAVA_LONG, count + 1L);
      byte[][] encoded = new byte[count][];
      long total = 0;
      for (int i = 0; i < count; i++) {
        MemorySegment slot = payloads.asSlice((long) i * payload, payload);
        slot.set(JAVA_LONG, Long.BYTES, i);
        stamps.setAtIndex(ADDRESS, i, slot);
        encoded[i] = dataPacket(firstHandle + i, slot.address(), payload).toByteArray();
        offsets.setAtIndex(JAVA_LONG, i, total);
        total += encoded[i].length;
      }
      offsets.setAtIndex(JAVA_LONG, count, total);
      MemorySegment events = arena.allocate(total);
      long at = 0;
      for (byte[] e : encoded) {
        MemorySegment.copy(e, 0, events, JAVA_BYTE, at, e.length);
        at += e.length;
      }
      MemorySegment sent = arena.allocate(JAVA_LONG, count);
      MemorySegment returned = arena.allocate(JAVA_LONG, count);

      long[] latency = new long[count];
      AtomicInteger duplicated = new AtomicInteger();
      CountDownLatch all = new CountDownLatch(count);
      long missedBefore = receiver.missed();
      Disposable subscription = receiver.subscribe(payloadBytes -> {
        long now = System.nanoTime();
        ByteBuffer b = payloadBytes.duplicate().order(ByteOrder.nativeOrder());
        long stamp = b.getLong(0);
        int index = (int) b.getLong(Long.BYTES);
        if (latency[index] != 0) {
          duplicated.incrementAndGet();
          return;
        }
        latency[index] = Math.max(1, now - stamp);
        all.countDown();
      });
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime();
      source.start(events, offsets, stamps, count, 1_000_000_000L / rate, sent, returned);
      source.join();
      boolean complete;
      try {
        complete = all.await(IO.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      long cpu = os.getProcessCpuTime() - cpuBefore;
      subscription.dispose();
      int lost = complete ? 0 : (int) all.getCount();
      long[] received = Arrays.stream(latency).filter(l -> l != 0).sorted().toArray();
      long[] upcall = new long[count];
      for (int i = 0; i < count; i++) {
        upcall[i] = returned.getAtIndex(JAVA_LONG, i) - sent.getAtIndex(JAVA_LONG, i);
      }
      Arrays.sort(upcall);
      double seconds = (sent.getAtIndex(JAVA_LONG, count - 1) - sent.getAtIndex(JAVA_LONG, 0)) / 1e9;
      return new Result(count, (count - 1) / seconds, micros(received, 0.50), micros(received, 0.99),
          micros(received, 0.999), micros(received, 1.0), micros(upcall, 0.50), micros(upcall, 0.99),
          cpu / 1e3 / count, lost, duplicated.get(), receiver.missed() - missedBefore);
    }
  }

  private static FfiEvent dataPacket(long bufferHandle, long address, int length) {
    return FfiEvent.newBuilder().setRoomEvent(RoomEvent.newBuilder().setRoomHandle(EventSource.ROOM_HANDLE)
        .setDataPacketReceived(DataPacketReceived.newBuilder().setKind(DataPacketKind.KIND_RELIABLE)
            .setParticipantIdentity("sender")
            .setUser(UserPacket.newBuilder().setTopic(TOPIC)
                .setData(OwnedBuffer.newBuilder().setHandle(FfiOwnedHandle.newBuilder().setId(bufferHandle))
                    .setData(BufferInfo.newBuilder().setDataPtr(address).setDataLen(length))))))
        .build();
  }

  /** The nearest-rank quantile of sorted nanoseconds, in microseconds (0 when there are none). */
  private static double micros(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
  }
}
