package io.roomflux.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Java floor of the FFI round-trip benchmark: the request of {@link FfiRoundTrip} through
 * {@code java.lang.foreign} with nothing else, as {@code benchmarks/c/ffi_round_trip.c} does from
 * C. The request bytes are a constant in native memory allocated once, the response is read by
 * walking its few protobuf fields in place (no protobuf library, no copy), and both handles are
 * dropped. The difference to the C floor is the cost of FFM downcalls; the difference between this
 * and {@link FfiRoundTrip} is what RoomFlux itself adds.
 *
 * <p>usage: {@code FfiRoundTripBareFfm <liblivekit_ffi.so> [iterations per round] [rounds]};
 * prints one line per round and {@code RESULT ffm <median ns/op>}.
 */
@SuppressWarnings("restricted") // a bare FFM caller: restricted calls are the point
public final class FfiRoundTripBareFfm {
  private static final byte[] REQUEST = {(byte) 0xEA, 0x01, 0x00};

  private final MethodHandle request;
  private final MethodHandle dropHandle;
  private final MemorySegment in;
  private final MemorySegment resPtr;
  private final MemorySegment resLen;
  private long cursor;

  private FfiRoundTripBareFfm(Path library) throws Throwable {
    Linker linker = Linker.nativeLinker();
    SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
    MethodHandle initialize = linker.downcallHandle(lookup.find("livekit_ffi_initialize").orElseThrow(),
        FunctionDescriptor.ofVoid(ADDRESS, JAVA_BOOLEAN, ADDRESS, ADDRESS));
    request = linker.downcallHandle(lookup.find("livekit_ffi_request").orElseThrow(),
        FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    dropHandle = linker.downcallHandle(lookup.find("livekit_ffi_drop_handle").orElseThrow(),
        FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_LONG));
    Arena arena = Arena.global();
    in = arena.allocateFrom(JAVA_BYTE, REQUEST);
    resPtr = arena.allocate(ADDRESS);
    resLen = arena.allocate(JAVA_LONG);
    MethodHandle ignore = MethodHandles.lookup().findStatic(FfiRoundTripBareFfm.class, "onEvent",
        MethodType.methodType(void.class, MemorySegment.class, long.class));
    MemorySegment callback = linker.upcallStub(ignore, FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG), arena);
    initialize.invokeExact(callback, false, arena.allocateFrom("ffm-floor"), arena.allocateFrom("0"));
  }

  @SuppressWarnings("unused")
  private static void onEvent(MemorySegment data, long len) {
    // events are not part of this benchmark
  }

  /**
   * Runs the benchmark.
   *
   * @param args the core library, iterations per round (default 200 000) and rounds (default 5)
   * @throws Throwable if the core cannot be called
   */
  public static void main(String[] args) throws Throwable {
    FfiRoundTripBareFfm bench = new FfiRoundTripBareFfm(Path.of(args[0]));
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    for (int i = 0; i < 50_000; i++) {
      bench.once();
    }
    double[] nsPerOp = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        bench.once();
      }
      nsPerOp[r] = (System.nanoTime() - start) / (double) iterations;
      System.out.printf("ffm round %d: %.0f ns/op over %d ops%n", r + 1, nsPerOp[r], iterations);
    }
    Arrays.sort(nsPerOp);
    System.out.printf("RESULT ffm %.0f%n", nsPerOp[rounds / 2]);
  }

  private void once() throws Throwable {
    long response = (long) request.invokeExact(in, (long) REQUEST.length, resPtr, resLen);
    if (response == 0) {
      throw new IllegalStateException("request refused");
    }
    MemorySegment bytes = resPtr.get(ADDRESS, 0).reinterpret(resLen.get(JAVA_LONG, 0));
    long resampler = resamplerHandle(bytes);
    boolean dropped = (boolean) dropHandle.invokeExact(response);
    boolean droppedResampler = (boolean) dropHandle.invokeExact(resampler);
    if (!dropped || !droppedResampler) {
      throw new IllegalStateException("drop refused");
    }
  }

  // FfiResponse.new_audio_resampler (29) -> resampler (1) -> handle (1) -> id (1, varint).
  private long resamplerHandle(MemorySegment bytes) {
    long[] span = {0, bytes.byteSize()};
    for (int wanted : new int[] {29, 1, 1}) {
      span = field(bytes, span[0], span[1], wanted);
    }
    cursor = span[0];
    if (varint(bytes) != 0x08) {
      throw new IllegalStateException("unexpected response");
    }
    return varint(bytes);
  }

  private long[] field(MemorySegment bytes, long from, long end, int wanted) {
    cursor = from;
    while (cursor < end) {
      long key = varint(bytes);
      switch ((int) (key & 7)) {
        case 0 -> varint(bytes);
        case 2 -> {
          long len = varint(bytes);
          if ((key >>> 3) == wanted) {
            return new long[] {cursor, cursor + len};
          }
          cursor += len;
        }
        default -> throw new IllegalStateException("unexpected wire type");
      }
    }
    throw new IllegalStateException("field " + wanted + " missing");
  }

  private long varint(MemorySegment bytes) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = bytes.get(JAVA_BYTE, cursor++);
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
    }
    return value;
  }
}
