package io.roomflux.core.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import com.google.protobuf.InvalidProtocolBufferException;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The four C functions of livekit-ffi, declared by hand:
 *
 * <pre>
 * void     livekit_ffi_initialize(void (*cb)(const uint8_t*, size_t), bool capture_logs,
 *                                 const char* sdk, const char* sdk_version);
 * uint64_t livekit_ffi_request(const uint8_t* data, size_t len,
 *                              const uint8_t** res_ptr, size_t* res_len);
 * bool     livekit_ffi_drop_handle(uint64_t handle);
 * void     livekit_ffi_dispose(void);
 * </pre>
 *
 * <p>The event callback runs on the core's own threads. It copies the bytes and hands them to
 * the consumer given at {@link #initialize}, which must not block; it catches every
 * {@link Throwable}, because one escaping an upcall ends the JVM.
 */
@SuppressWarnings("restricted") // this class is the binding: every restricted call is reviewed here
public final class NativeCore {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final FunctionDescriptor CALLBACK =
      FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG);

  private final MethodHandle initialize;
  private final MethodHandle request;
  private final MethodHandle dropHandle;
  private final MethodHandle dispose;
  private volatile @Nullable Consumer<byte[]> sink;
  private volatile Predicate<ByteBuffer> filter = _ -> true;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
  private final java.util.concurrent.atomic.LongAdder upcallFailures =
      new java.util.concurrent.atomic.LongAdder();

  /**
   * Loads the library and binds its functions.
   *
   * @param library the livekit-ffi shared library
   */
  public NativeCore(Path library) {
    SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
    initialize = bind(lookup, "livekit_ffi_initialize",
        FunctionDescriptor.ofVoid(ADDRESS, JAVA_BOOLEAN, ADDRESS, ADDRESS));
    request = bind(lookup, "livekit_ffi_request",
        FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    dropHandle = bind(lookup, "livekit_ffi_drop_handle", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_LONG));
    dispose = bind(lookup, "livekit_ffi_dispose", FunctionDescriptor.ofVoid());
  }

  private static MethodHandle bind(SymbolLookup lookup, String name, FunctionDescriptor fd) {
    MemorySegment symbol = lookup.find(name).orElseThrow(
        () -> new io.roomflux.core.NativeLibraryException("livekit-ffi library lacks " + name));
    return LINKER.downcallHandle(symbol, fd);
  }

  /**
   * Installs the event callback and configures the core. Call once per process.
   *
   * @param events receives a copy of each event's bytes on a core thread; must not block
   * @param captureLogs whether the core sends its logs as events instead of printing them
   * @param sdk the SDK name the core reports to the server
   * @param sdkVersion the SDK version the core reports to the server
   */
  public void initialize(Consumer<byte[]> events, boolean captureLogs, String sdk, String sdkVersion) {
    initialize(events, _ -> true, captureLogs, sdk, sdkVersion);
  }

  /**
   * Installs the event callback with a filter that sees each event in the core's memory first:
   * an event it refuses is neither copied nor handed on. Call once per process.
   *
   * @param events receives a copy of each wanted event's bytes on a core thread; must not block
   * @param wanted decides on a core thread, from a read-only view of the event's bytes valid only
   *     during the call, whether the event is copied and handed on; must not block or keep the view
   * @param captureLogs whether the core sends its logs as events instead of printing them
   * @param sdk the SDK name the core reports to the server
   * @param sdkVersion the SDK version the core reports to the server
   */
  public void initialize(Consumer<byte[]> events, Predicate<ByteBuffer> wanted, boolean captureLogs, String sdk,
                         String sdkVersion) {
    this.filter = wanted;
    this.sink = events;
    try {
      MethodHandle target = MethodHandles.lookup()
          .findVirtual(NativeCore.class, "onEvent", MethodType.methodType(void.class, MemorySegment.class, long.class))
          .bindTo(this);
      MemorySegment stub = LINKER.upcallStub(target, CALLBACK, Arena.global());
      try (Arena arena = Arena.ofConfined()) {
        initialize.invokeExact(stub, captureLogs, arena.allocateFrom(sdk), arena.allocateFrom(sdkVersion));
      }
    } catch (Throwable t) {
      throw new io.roomflux.core.NativeLibraryException("livekit_ffi_initialize failed", t);
    }
  }

  // The upcall. Runs on a core thread: copy, hand off, return; never throw.
  @SuppressWarnings("unused")
  private void onEvent(MemorySegment data, long len) {
    try {
      MemorySegment event = data.reinterpret(len);
      if (!filter.test(event.asByteBuffer().asReadOnlyBuffer())) {
        return;
      }
      byte[] bytes = event.toArray(JAVA_BYTE);
      Consumer<byte[]> s = sink;
      if (s != null) {
        s.accept(bytes);
      }
    } catch (Throwable t) {
      upcallFailures.increment();
    }
  }

  /**
   * How many upcalls failed to hand off their event (should stay 0).
   *
   * @return the count since start
   */
  public long upcallFailures() {
    return upcallFailures.sum();
  }

  /**
   * Sends one request and decodes the response in place, then drops the response handle.
   *
   * <p>The request is encoded into a native buffer of the calling thread, kept for the thread's
   * life and grown when a request does not fit, and the response is parsed straight from the
   * core's memory: no arena and no allocation of native memory per call, no copy of the response.
   *
   * @param message the request
   * @return the response, or {@code null} when the core refused the request
   * @throws InvalidProtocolBufferException if the response does not decode
   */
  public @Nullable FfiResponse request(FfiRequest message) throws InvalidProtocolBufferException {
    Scratch s = scratch.get();
    byte[] encoded = message.toByteArray();
    MemorySegment in = s.input(encoded.length);
    MemorySegment.copy(encoded, 0, in, JAVA_BYTE, 0, encoded.length);
    long handle;
    try {
      handle = (long) request.invokeExact(in, (long) encoded.length, s.resPtr, s.resLen);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("livekit_ffi_request failed", t);
    }
    if (handle == 0) {
      return null;
    }
    try {
      long len = s.resLen.get(JAVA_LONG, 0);
      return FfiResponse.parseFrom(s.resPtr.get(ADDRESS, 0).reinterpret(len).asByteBuffer());
    } finally {
      boolean dropped = dropHandle(handle);
      assert dropped;
    }
  }

  /** A thread's native buffers for requests: the encoded request and the two out-parameters. */
  private static final class Scratch {
    private static final long INITIAL = 1024;
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment resPtr = arena.allocate(ADDRESS);
    private final MemorySegment resLen = arena.allocate(JAVA_LONG);
    private MemorySegment in = arena.allocate(INITIAL);

    MemorySegment input(int size) {
      if (size > in.byteSize()) {
        // The old buffer is freed by the automatic arena once unreachable.
        in = Arena.ofAuto().allocate(Math.max(size, in.byteSize() * 2));
      }
      return in;
    }
  }

  /**
   * Gives a handle back to the core.
   *
   * @param handle the id
   * @return whether the core knew the handle
   */
  public boolean dropHandle(long handle) {
    try {
      return (boolean) dropHandle.invokeExact(handle);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("livekit_ffi_drop_handle failed", t);
    }
  }

  /**
   * Copies native memory the core handed out (an owned buffer) into the heap.
   *
   * @param address the buffer's address
   * @param length its length in bytes
   * @return a copy
   */
  public byte[] copy(long address, long length) {
    if (length == 0) {
      return new byte[0];
    }
    return MemorySegment.ofAddress(address).reinterpret(length).toArray(JAVA_BYTE);
  }

  /**
   * Copies native i16 samples the core handed out (an audio frame buffer, a resampler's output)
   * into the heap, in the platform's byte order.
   *
   * @param address the first sample's address; must be 2-byte aligned
   * @param count how many samples
   * @return a copy
   */
  public short[] copyShorts(long address, int count) {
    if (count == 0) {
      return new short[0];
    }
    return MemorySegment.ofAddress(address).reinterpret(count * 2L).toArray(JAVA_SHORT);
  }

  /**
   * Copies native memory the core handed out (a video buffer's plane) into a buffer: as many
   * bytes as the destination has remaining, into its position; positions are not moved.
   *
   * @param address the source address
   * @param destination a writable heap or direct buffer
   */
  public void copyInto(long address, ByteBuffer destination) {
    int length = destination.remaining();
    if (length == 0) {
      return;
    }
    MemorySegment.ofBuffer(destination).copyFrom(MemorySegment.ofAddress(address).reinterpret(length));
  }

  /** Closes the core's rooms and stops its event delivery. Blocks until the core is done. */
  public void dispose() {
    try {
      dispose.invokeExact();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("livekit_ffi_dispose failed", t);
    }
  }
}
