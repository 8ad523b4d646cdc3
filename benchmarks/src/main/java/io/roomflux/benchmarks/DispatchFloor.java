package io.roomflux.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import com.google.protobuf.InvalidProtocolBufferException;
import io.roomflux.proto.BufferInfo;
import io.roomflux.proto.FfiEvent;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The floor of {@link DispatchLatency}: the least a JVM must do to get a core event from the
 * native callback to Java code on a thread of its own, without RoomFlux. It installs its own FFM
 * upcall stub as the stand-in core's callback (instead of RoomFlux's NativeCore), copies the bytes
 * and queues them on a lock-free queue for one consumer thread it unparks (as RoomFlux's upcall
 * does), and the consumer decodes the {@code FfiEvent} and copies the data packet's payload out of
 * native memory. No routing, no mapping to records, no Reactor and no second thread hop.
 */
@SuppressWarnings("restricted") // a bare FFM path: restricted calls are the point
final class DispatchFloor implements AutoCloseable {
  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final LongAdder failures = new LongAdder();
  private final Thread consumer;
  private volatile Consumer<ByteBuffer> sink = payload -> { };
  private volatile boolean stopped;

  /**
   * Installs the callback in the stand-in core and starts the consumer thread.
   *
   * @param library the built {@code event_source.c}
   */
  DispatchFloor(Path library) {
    Linker linker = Linker.nativeLinker();
    SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
    consumer = Thread.ofPlatform().name("floor-consumer").daemon(true).unstarted(this::consume);
    consumer.start();
    try {
      MethodHandle target = MethodHandles.lookup().findVirtual(DispatchFloor.class, "onEvent",
          MethodType.methodType(void.class, MemorySegment.class, long.class)).bindTo(this);
      MemorySegment stub = linker.upcallStub(target, FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG), Arena.global());
      MethodHandle initialize = linker.downcallHandle(lookup.find("livekit_ffi_initialize").orElseThrow(),
          FunctionDescriptor.ofVoid(ADDRESS, JAVA_BOOLEAN, ADDRESS, ADDRESS));
      initialize.invokeExact(stub, false, MemorySegment.NULL, MemorySegment.NULL);
    } catch (Throwable t) {
      throw new IllegalStateException("could not install the floor's callback in " + library, t);
    }
  }

  /** Where each event's payload goes, on the consumer thread. */
  void sink(Consumer<ByteBuffer> payloads) {
    this.sink = payloads;
  }

  /** Upcalls or decodes that failed (should stay 0). */
  long failures() {
    return failures.sum();
  }

  // The upcall: copy, hand off, return; never throw.
  @SuppressWarnings("unused")
  private void onEvent(MemorySegment data, long len) {
    try {
      queue.offer(data.reinterpret(len).toArray(JAVA_BYTE));
      LockSupport.unpark(consumer);
    } catch (Throwable t) {
      failures.increment();
    }
  }

  private void consume() {
    while (!stopped) {
      byte[] bytes = queue.poll();
      if (bytes == null) {
        LockSupport.park(this);
        continue;
      }
      try {
        BufferInfo info = FfiEvent.parseFrom(bytes).getRoomEvent().getDataPacketReceived().getUser().getData().getData();
        byte[] payload = MemorySegment.ofAddress(info.getDataPtr()).reinterpret(info.getDataLen()).toArray(JAVA_BYTE);
        sink.accept(ByteBuffer.wrap(payload));
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        failures.increment();
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    LockSupport.unpark(consumer);
  }
}
