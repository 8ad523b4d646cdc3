package io.roomflux.reactor.internal.room;

import static io.roomflux.proto.FfiRequest.MessageCase.CONNECT;
import static io.roomflux.proto.FfiRequest.MessageCase.DISCONNECT;
import static io.roomflux.reactor.internal.core.ScriptedMessages.connected;
import static io.roomflux.reactor.internal.core.ScriptedMessages.disconnectDone;
import static io.roomflux.reactor.internal.core.ScriptedMessages.joined;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.OwnedBuffer;
import io.roomflux.reactor.ConnectionState;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.internal.core.ScriptedCore;
import io.roomflux.reactor.internal.core.ScriptedCore.Call;
import io.roomflux.reactor.internal.wire.RoomEvents;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.TrackPublication;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import reactor.core.scheduler.Schedulers;

/**
 * Fuzzing of the event path with jqwik: arbitrary bytes that parse as an {@code FfiEvent}, and
 * well-formed room events with odd field values (empty and huge strings, extreme numbers, NaN,
 * optional fields left out, enum numbers the protocol does not know), through
 * {@link RoomEvents#map} and through a joined room's listener on the {@link ScriptedCore}'s
 * dispatcher. Nothing may throw past the dispatcher; the room stays usable or ends cleanly; every
 * handle is dropped once. Tries are bounded so CI stays fast.
 */
class RoomEventFuzzTest {
  private static final String[] ODD_STRINGS = {"", " ", "\u0000", "é\u200b漢字🎉", "\ud800", "null", "TR_", "PA_"};
  private static final long[] ODD_LONGS = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE,
      Integer.MIN_VALUE, 0xFFFF_FFFFL};
  private static final double[] ODD_DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};

  /** The mapper's view of an empty room; a buffer's bytes are as many zeros as it says (capped). */
  private static final RoomEvents.Known EMPTY_ROOM = new RoomEvents.Known() {
    @Override
    public Optional<Participant> participant(String identity) {
      return Optional.empty();
    }

    @Override
    public Optional<TrackPublication> publication(String identity, String trackSid) {
      return Optional.empty();
    }

    @Override
    public byte[] takeBuffer(OwnedBuffer buffer) {
      return new byte[(int) Math.min(Math.max(buffer.getData().getDataLen(), 0), 1 << 16)];
    }
  };

  @Property(tries = 1000)
  void theMapperTurnsAnyWellFormedRoomEventWithOddFieldsIntoAtMostOneRecordWithoutThrowing(
      @ForAll long seed) {
    io.roomflux.proto.RoomEvent event = randomRoomEvent(new Random(seed), 1, new java.util.concurrent.atomic.AtomicLong(1000)::incrementAndGet);
    Optional<RoomEvent> mapped = RoomEvents.map(event, EMPTY_ROOM);
    assertThat(mapped).isNotNull();
    mapped.ifPresent(e -> assertThat(e.toString()).isNotNull());
  }

  @Property(tries = 1000)
  void theMapperNeverThrowsOnArbitraryBytesThatParseAsAnFfiEvent(@ForAll @Size(max = 512) byte[] bytes) {
    FfiEvent event;
    try {
      event = FfiEvent.parseFrom(bytes);
    } catch (InvalidProtocolBufferException notAnEvent) {
      return;
    }
    if (event.hasRoomEvent()) {
      assertThat(RoomEvents.map(event.getRoomEvent(), EMPTY_ROOM)).isNotNull();
    }
  }

  @Property(tries = 200)
  void aJoinedRoomSurvivesAnySequenceOfOddEventsOrEndsCleanlyAndDropsEveryHandleOnce(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int count) throws Exception {
    Random random = new Random(seed);
    try (Fixture f = new Fixture()) {
      for (int i = 0; i < count; i++) {
        io.roomflux.proto.RoomEvent event = randomRoomEvent(random, f.room.roomHandle, f.core::handle);
        if (event.getMessageCase() == io.roomflux.proto.RoomEvent.MessageCase.DATA_PACKET_RECEIVED) {
          // The scripted core has no native memory to copy a packet's buffer from; the mapper
          // property above covers this case.
          continue;
        }
        f.core.emit(FfiEvent.newBuilder().setRoomEvent(event).build());
      }
      f.assertSound();
    }
  }

  @Property(tries = 500)
  void aJoinedRoomSurvivesArbitraryBytesThatParseAsAnFfiEventForIt(@ForAll @Size(max = 512) byte[] bytes)
      throws Exception {
    FfiEvent parsed;
    try {
      parsed = FfiEvent.parseFrom(bytes);
    } catch (InvalidProtocolBufferException notAnEvent) {
      return;
    }
    try (Fixture f = new Fixture()) {
      FfiEvent event = parsed;
      if (parsed.hasRoomEvent() && !parsed.getRoomEvent().hasDataPacketReceived()) {
        // Aimed at the joined room, with handles the core really issued.
        io.roomflux.proto.RoomEvent.Builder b = parsed.getRoomEvent().toBuilder().setRoomHandle(f.room.roomHandle);
        event = FfiEvent.newBuilder(parsed).setRoomEvent((io.roomflux.proto.RoomEvent) reissue(b.buildPartial(), f.core::handle))
            .build();
      } else if (parsed.hasRoomEvent()) {
        return;
      }
      f.core.emit(event);
      f.assertSound();
    }
  }

  /** A scripted core, a client on it, and a joined room; closing checks the handles. */
  private static final class Fixture implements AutoCloseable {
    final ScriptedCore core = new ScriptedCore();
    final RoomClient client = new RoomClient(core,
        LiveKitOptions.builder().scheduler(Schedulers.immediate()).build(), new RoomProbe());
    final Joined room;
    final List<RoomEvent> seen = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> completed = new CompletableFuture<>();

    Fixture() throws Exception {
      core.onCall(DISCONNECT, (request, asyncId) -> disconnectDone(asyncId));
      CompletableFuture<Room> joining = client.connect("ws://127.0.0.1:7880", "token", RoomOptions.defaults())
          .toFuture();
      Call connect = core.calls(CONNECT).getLast();
      long roomHandle = core.handle();
      long localHandle = core.handle();
      core.complete(connect, connected(connect.asyncId(), joined(roomHandle, "lobby", localHandle, "alice")));
      Room r = joining.get(ScriptedCore.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      room = new Joined(r, roomHandle);
      r.events().subscribe(seen::add, completed::completeExceptionally, () -> completed.complete(null));
    }

    /**
     * Nothing was thrown on the dispatcher; the room ended with one Disconnected and completed its
     * events, or it is still open and answers. (A ConnectionStateChanged(DISCONNECTED) alone does
     * not end a room: livekit-ffi always follows it with Disconnected.)
     */
    void assertSound() throws Exception {
      assertThat(core.failures()).as("failures on the dispatcher").isEmpty();
      Room r = room.room();
      if (seen.stream().anyMatch(RoomEvent.Disconnected.class::isInstance)) {
        completed.get(ScriptedCore.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(seen).filteredOn(RoomEvent.Disconnected.class::isInstance).hasSize(1);
        assertThat(seen.getLast()).isInstanceOf(RoomEvent.Disconnected.class);
        assertThat(r.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
      } else {
        assertThat(completed).isNotDone();
        // Still answers: its state and a query work.
        assertThat(r.remoteParticipants()).isNotNull();
        assertThat(r.localParticipant().identity()).isEqualTo("alice");
      }
    }

    @Override
    public void close() {
      try {
        CompletableFuture<Void> closed = client.closeRooms().onErrorComplete().toFuture();
        core.settle();
        closed.orTimeout(ScriptedCore.WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        assertThat(core.failures()).as("failures on the dispatcher").isEmpty();
        assertThat(client.diagnostics().liveHandles()).as("live handles").isZero();
        assertThat(core.handles().dropFailures()).as("drops of handles the core did not know").isZero();
        assertThat(core.dropped()).as("handles dropped").doesNotHaveDuplicates();
        assertThat(client.diagnostics().roomsOpen()).isZero();
      } finally {
        core.close();
      }
    }
  }

  private record Joined(Room room, long roomHandle) {
  }

  // ---- generation ---------------------------------------------------------------------------------

  /** A room event for {@code roomHandle}, with one case of its oneof chosen at random. */
  static io.roomflux.proto.RoomEvent randomRoomEvent(Random random, long roomHandle, LongSupplier handle) {
    io.roomflux.proto.RoomEvent.Builder b = io.roomflux.proto.RoomEvent.newBuilder();
    fill(b, random, 0, handle);
    return b.setRoomHandle(roomHandle).buildPartial();
  }

  private static void fill(Message.Builder b, Random random, int depth, LongSupplier handle) {
    Descriptor d = b.getDescriptorForType();
    if (d.equals(FfiOwnedHandle.getDescriptor())) {
      b.setField(d.findFieldByName("id"), handle.getAsLong());
      return;
    }
    List<FieldDescriptor> chosen = new ArrayList<>();
    for (OneofDescriptor oneof : d.getRealOneofs()) {
      chosen.add(oneof.getField(random.nextInt(oneof.getFieldCount())));
    }
    for (FieldDescriptor f : d.getFields()) {
      if (f.getRealContainingOneof() != null && !chosen.contains(f)) {
        continue;
      }
      // An optional field is left out now and then; a required one never (the core always sets it).
      if (!f.isRequired() && f.getRealContainingOneof() == null && random.nextInt(4) == 0) {
        continue;
      }
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth > 5) {
        continue;
      }
      if (f.isRepeated()) {
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          Object v = value(b, f, random, depth, handle);
          if (v != null) {
            b.addRepeatedField(f, v);
          }
        }
      } else {
        Object v = value(b, f, random, depth, handle);
        if (v != null) {
          b.setField(f, v);
        }
      }
    }
  }

  private static Object value(Message.Builder b, FieldDescriptor f, Random random, int depth, LongSupplier handle) {
    if (namesAHandle(f)) {
      // A handle the core issued (as the real core only names those), or none.
      return random.nextInt(4) == 0 ? 0L : handle.getAsLong();
    }
    return switch (f.getJavaType()) {
      case STRING -> oddString(random);
      case INT -> (int) ODD_LONGS[random.nextInt(ODD_LONGS.length)] ^ (random.nextBoolean() ? 0 : random.nextInt());
      case LONG -> random.nextBoolean() ? ODD_LONGS[random.nextInt(ODD_LONGS.length)] : random.nextLong();
      case FLOAT -> (float) ODD_DOUBLES[random.nextInt(ODD_DOUBLES.length)];
      case DOUBLE -> ODD_DOUBLES[random.nextInt(ODD_DOUBLES.length)];
      case BOOLEAN -> random.nextBoolean();
      case BYTE_STRING -> {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        yield ByteString.copyFrom(bytes);
      }
      case ENUM -> {
        List<EnumValueDescriptor> values = f.getEnumType().getValues();
        if (random.nextInt(4) == 0) {
          // A number this version of the protocol does not know: proto2 keeps it as an unknown field.
          b.setUnknownFields(UnknownFieldSet.newBuilder(b.getUnknownFields())
              .mergeVarintField(f.getNumber(), 1000 + random.nextInt(1000)).build());
          yield f.isRequired() ? values.get(0) : null;
        }
        yield values.get(random.nextInt(values.size()));
      }
      case MESSAGE -> {
        Message.Builder nested = b.newBuilderForField(f);
        fill(nested, random, depth + 1, handle);
        yield nested.buildPartial();
      }
    };
  }

  private static String oddString(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
      case 1 -> "x".repeat(random.nextInt(20_000));
      case 2 -> {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
          s.appendCodePoint(random.nextInt(0x10FFFF + 1));
        }
        yield s.toString();
      }
      default -> "p" + random.nextInt(5);
    };
  }

  /** A plain uint64 that names a core handle, such as {@code LocalTrackRepublished.publication_handle}. */
  private static boolean namesAHandle(FieldDescriptor f) {
    return f.getJavaType() == FieldDescriptor.JavaType.LONG && !f.isRepeated() && f.getName().endsWith("_handle")
        && !f.getName().equals("room_handle");
  }

  /** {@code message} with every owned handle's id replaced by one the core issued. */
  private static Message reissue(Message message, LongSupplier handle) {
    if (message.getDescriptorForType().equals(FfiOwnedHandle.getDescriptor())) {
      return message.toBuilder().setField(message.getDescriptorForType().findFieldByName("id"), handle.getAsLong())
          .buildPartial();
    }
    Message.Builder b = message.toBuilder();
    for (var entry : message.getAllFields().entrySet()) {
      FieldDescriptor f = entry.getKey();
      if (namesAHandle(f)) {
        b.setField(f, handle.getAsLong());
        continue;
      }
      if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (f.isRepeated()) {
        b.clearField(f);
        for (Object v : (List<?>) entry.getValue()) {
          b.addRepeatedField(f, reissue((Message) v, handle));
        }
      } else {
        b.setField(f, reissue((Message) entry.getValue(), handle));
      }
    }
    return b.buildPartial();
  }
}
