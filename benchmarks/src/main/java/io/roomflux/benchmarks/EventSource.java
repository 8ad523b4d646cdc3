package io.roomflux.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.ConnectResponse;
import io.roomflux.proto.DisconnectCallback;
import io.roomflux.proto.DisconnectResponse;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.OwnedParticipant;
import io.roomflux.proto.OwnedRoom;
import io.roomflux.proto.ParticipantInfo;
import io.roomflux.proto.ParticipantKind;
import io.roomflux.proto.ParticipantState;
import io.roomflux.proto.ReadyForRoomEventResponse;
import io.roomflux.proto.RoomInfo;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The control side of {@code benchmarks/c/event_source.c}, the stand-in livekit-ffi that
 * {@link DispatchLatency} loads as the core: installs a request handler that answers the requests
 * a room's join and leave send (Connect, ReadyForRoomEvent, Disconnect) as the core does, with
 * their callbacks delivered afterwards from the library's own thread, and starts and joins the
 * paced source. Every other request is refused and counted ({@link #refused()}).
 */
@SuppressWarnings("restricted") // binds the benchmark's own C library
final class EventSource {
  /** The room's handle id, as the stand-in core hands it over. */
  static final long ROOM_HANDLE = 1L << 52;
  private static final long LOCAL_HANDLE = ROOM_HANDLE + 1;

  private final Linker linker = Linker.nativeLinker();
  private final SymbolLookup lookup;
  private final MethodHandle post;
  private final MethodHandle start;
  private final MethodHandle join;
  private final AtomicLong responseHandles = new AtomicLong(1L << 50);
  private final LongAdder refused = new LongAdder();

  /**
   * Binds the library; call before RoomFlux opens its core (which loads the same file).
   *
   * @param library the built {@code event_source.c}
   */
  EventSource(Path library) {
    lookup = SymbolLookup.libraryLookup(library, Arena.global());
    post = bind("source_post", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    start = bind("source_start", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG,
        ADDRESS, ADDRESS));
    join = bind("source_join", FunctionDescriptor.of(JAVA_INT));
    try {
      MethodHandle target = MethodHandles.lookup().findVirtual(EventSource.class, "onRequest",
          MethodType.methodType(long.class, MemorySegment.class, long.class, MemorySegment.class,
              MemorySegment.class)).bindTo(this);
      MemorySegment stub = linker.upcallStub(target,
          FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS), Arena.global());
      MethodHandle setHandler = bind("source_set_handler", FunctionDescriptor.ofVoid(ADDRESS));
      setHandler.invokeExact(stub);
    } catch (Throwable t) {
      throw new IllegalStateException("could not install the request handler in " + library, t);
    }
  }

  private MethodHandle bind(String name, FunctionDescriptor descriptor) {
    return linker.downcallHandle(lookup.find(name).orElseThrow(
        () -> new IllegalStateException("the event source library lacks " + name)), descriptor);
  }

  /** Requests the stand-in core refused (anything but a join or a leave). */
  long refused() {
    return refused.sum();
  }

  /**
   * Starts sending {@code count} events, one every {@code periodNanos}, from the library's pacing
   * thread; it writes each event's send time into its stamp address, then calls the callback.
   */
  void start(MemorySegment events, MemorySegment offsets, MemorySegment stamps, long count, long periodNanos,
             MemorySegment sentNanos, MemorySegment returnedNanos) {
    int rc;
    try {
      rc = (int) start.invokeExact(events, offsets, stamps, count, periodNanos, sentNanos, returnedNanos);
    } catch (Throwable t) {
      throw new IllegalStateException("source_start failed", t);
    }
    if (rc != 0) {
      throw new IllegalStateException("source_start refused to start (" + rc + ")");
    }
  }

  /** Waits for the pacing thread to send its last event. */
  void join() {
    try {
      int rc = (int) join.invokeExact();
      if (rc != 0) {
        throw new IllegalStateException("source_join failed (" + rc + ")");
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("source_join failed", t);
    }
  }

  // The upcall: runs on the thread that called livekit_ffi_request; must not throw.
  @SuppressWarnings("unused")
  private long onRequest(MemorySegment data, long len, MemorySegment resPtr, MemorySegment resLen) {
    try {
      FfiRequest request = FfiRequest.parseFrom(data.reinterpret(len).asByteBuffer());
      FfiResponse response;
      switch (request.getMessageCase()) {
        case CONNECT -> {
          long asyncId = request.getConnect().getRequestAsyncId();
          response = FfiResponse.newBuilder().setConnect(ConnectResponse.newBuilder().setAsyncId(asyncId)).build();
          post(FfiEvent.newBuilder().setConnect(ConnectCallback.newBuilder().setAsyncId(asyncId)
              .setResult(joined())).build());
        }
        case READY_FOR_ROOM_EVENT -> response = FfiResponse.newBuilder()
            .setReadyForRoomEvent(ReadyForRoomEventResponse.getDefaultInstance()).build();
        case DISCONNECT -> {
          long asyncId = request.getDisconnect().getRequestAsyncId();
          response = FfiResponse.newBuilder().setDisconnect(DisconnectResponse.newBuilder().setAsyncId(asyncId))
              .build();
          post(FfiEvent.newBuilder().setDisconnect(DisconnectCallback.newBuilder().setAsyncId(asyncId)).build());
        }
        default -> {
          refused.increment();
          System.err.println("event source: refused a " + request.getMessageCase() + " request");
          return 0;
        }
      }
      byte[] bytes = response.toByteArray();
      MemorySegment out = Arena.global().allocate(Math.max(1, bytes.length));
      MemorySegment.copy(bytes, 0, out, JAVA_BYTE, 0, bytes.length);
      resPtr.reinterpret(ADDRESS.byteSize()).set(ADDRESS, 0, out);
      resLen.reinterpret(JAVA_LONG.byteSize()).set(JAVA_LONG, 0, bytes.length);
      return responseHandles.incrementAndGet();
    } catch (Throwable t) {
      refused.increment();
      System.err.println("event source: request handler failed: " + t);
      return 0;
    }
  }

  private void post(FfiEvent event) throws Throwable {
    byte[] bytes = event.toByteArray();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment copy = arena.allocate(bytes.length);
      MemorySegment.copy(bytes, 0, copy, JAVA_BYTE, 0, bytes.length);
      if ((int) post.invokeExact(copy, (long) bytes.length) != 0) {
        throw new IllegalStateException("source_post failed");
      }
    }
  }

  private static ConnectCallback.Result joined() {
    return ConnectCallback.Result.newBuilder()
        .setRoom(OwnedRoom.newBuilder().setHandle(FfiOwnedHandle.newBuilder().setId(ROOM_HANDLE))
            .setInfo(RoomInfo.newBuilder().setName("dispatch-latency").setSid("RM_dispatch").setMetadata("")
                .setLossyDcBufferedAmountLowThreshold(0).setReliableDcBufferedAmountLowThreshold(0)
                .setEmptyTimeout(0).setDepartureTimeout(0).setMaxParticipants(0).setCreationTime(0)
                .setNumParticipants(1).setNumPublishers(0).setActiveRecording(false)))
        .setLocalParticipant(OwnedParticipant.newBuilder().setHandle(FfiOwnedHandle.newBuilder().setId(LOCAL_HANDLE))
            .setInfo(ParticipantInfo.newBuilder().setSid("PA_receiver").setName("receiver").setIdentity("receiver")
                .setState(ParticipantState.PARTICIPANT_STATE_ACTIVE).setMetadata("")
                .setKind(ParticipantKind.PARTICIPANT_KIND_STANDARD)
                .setDisconnectReason(io.roomflux.proto.DisconnectReason.UNKNOWN_REASON)
                .setJoinedAt(0).setClientProtocol(0)))
        .build();
  }
}
