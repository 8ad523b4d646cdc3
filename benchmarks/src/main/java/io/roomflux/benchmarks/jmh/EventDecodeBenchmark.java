package io.roomflux.benchmarks.jmh;

import io.roomflux.proto.BufferInfo;
import io.roomflux.proto.DataPacketKind;
import io.roomflux.proto.DataPacketReceived;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.OwnedBuffer;
import io.roomflux.proto.RoomEvent;
import io.roomflux.proto.UserPacket;
import io.roomflux.reactor.internal.wire.RoomEvents;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.TrackPublication;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the dispatcher thread does per event before a room's listener applies it: decode the
 * {@code FfiEvent} bytes the upcall copied ({@link #decode}), and decode plus map a data packet to
 * its {@code RoomEvent.DataReceived} record ({@link #decodeAndMap}). The packet is the one
 * {@code benchmarks/dispatch-latency.sh} sends: a reliable user packet with a topic and a 64-byte
 * payload. No native memory: the buffer's bytes are "copied" from a heap array of the same size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventDecodeBenchmark {
  private static final int PAYLOAD = 64;

  private final byte[] bytes = FfiEvent.newBuilder().setRoomEvent(RoomEvent.newBuilder()
      .setRoomHandle(7)
      .setDataPacketReceived(DataPacketReceived.newBuilder().setKind(DataPacketKind.KIND_RELIABLE)
          .setParticipantIdentity("sender")
          .setUser(UserPacket.newBuilder().setTopic("latency")
              .setData(OwnedBuffer.newBuilder().setHandle(FfiOwnedHandle.newBuilder().setId(1L << 56))
                  .setData(BufferInfo.newBuilder().setDataPtr(0x7f00_1234_5000L).setDataLen(PAYLOAD))))))
      .build().toByteArray();

  private final RoomEvents.Known known = new RoomEvents.Known() {
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
      return new byte[(int) buffer.getData().getDataLen()];
    }
  };

  /**
   * Decoding alone.
   *
   * @return the event
   * @throws Exception never: the bytes are well-formed
   */
  @Benchmark
  public FfiEvent decode() throws Exception {
    return FfiEvent.parseFrom(bytes);
  }

  /**
   * Decoding and mapping.
   *
   * @return the record
   * @throws Exception never: the bytes are well-formed
   */
  @Benchmark
  public Optional<io.roomflux.reactor.RoomEvent> decodeAndMap() throws Exception {
    return RoomEvents.map(FfiEvent.parseFrom(bytes).getRoomEvent(), known);
  }
}
