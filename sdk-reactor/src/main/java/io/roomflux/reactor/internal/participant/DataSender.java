package io.roomflux.reactor.internal.participant;

import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.DataPacketKind;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.PublishDataRequest;
import io.roomflux.proto.SetDataChannelBufferedAmountLowThresholdRequest;
import io.roomflux.reactor.data.DataKind;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.data.PayloadTooLargeException;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.participant.Participant;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The local participant's data packets: one at a time, pipelined from a publisher, and the data
 * channels' buffered-amount-low threshold.
 *
 * <p>What the core (livekit-ffi 0.13.2, {@code server/room.rs}) does with a
 * {@code PublishDataRequest}: while handling the request it copies the payload out of our memory
 * and puts the packet on one unbounded queue per room, which one task drains in order, awaiting
 * each packet's send before taking the next; the send completes when the engine handed the
 * packet to the data channel, which it does only while the channel's buffered amount is at most
 * the buffered-amount-low threshold ({@code rtc_session.rs} {@code _send_until_threshold}). So
 * packets go out in the order their requests reached the core, a callback means "in the data
 * channel", callbacks are held back while the channel is full, and our copy of the payload is
 * needed only during the request itself.
 */
final class DataSender {
  private final DefaultRoom room;
  private final OwnedHandle handle;

  DataSender(DefaultRoom room, OwnedHandle handle) {
    this.room = room;
    this.handle = handle;
  }

  Mono<Void> publish(byte[] payload, DataOptions options) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(options, "options");
    return send(payload, options).then().publishOn(room.options().scheduler());
  }

  Mono<Long> publish(Publisher<byte[]> payloads, DataOptions options, int maxInFlight) {
    Objects.requireNonNull(payloads, "payloads");
    Objects.requireNonNull(options, "options");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
    }
    // The publisher runs on the scheduler, never on the dispatcher (which completes the sends and
    // so asks for more): publishOn asks it for payloads in batches. limitRate holds up to
    // maxInFlight of them and hands one over on the thread that asks, serially: when a send
    // completes, the next request goes to the core from the dispatcher at once, without waking a
    // scheduler thread per packet; the scheduler works once per batch. Being serial, the sends
    // are subscribed, and so reach the core, in the publisher's order. flatMapSequential keeps
    // maxInFlight sends with the core.
    return Flux.from(payloads)
        .publishOn(room.options().scheduler(), maxInFlight)
        // No queue fusion across this point: fused, limitRate would poll publishOn's queue and so
        // ask the publisher for more on the dispatcher.
        .hide()
        .limitRate(maxInFlight)
        .flatMapSequential(payload -> send(Objects.requireNonNull(payload, "payload"), options), maxInFlight, 1)
        .count()
        .publishOn(room.options().scheduler());
  }

  /** One packet, signalled on the dispatcher; emits TRUE once the core reports it sent. */
  private Mono<Boolean> send(byte[] payload, DataOptions options) {
    return Mono.defer(() -> {
      Participant me = room.state().local();
      long size = DataPacketSize.encoded(payload.length, options, me.identity(), me.sid());
      if (size > DataPacketSize.MAX_ENCODED_BYTES) {
        return Mono.error(new PayloadTooLargeException("publishData (" + payload.length + " bytes of payload; "
            + "the core counts the encoded packet: payload, topic, destinations, sender)", size,
            DataPacketSize.MAX_ENCODED_BYTES));
      }
      // The core copies the payload while it handles the request (see the class comment), so a
      // confined arena closed by the subscribing thread right after the request suffices: no
      // shared arena (whose close is a handshake with every thread) held until the callback.
      Arena arena = Arena.ofConfined();
      MemorySegment data = arena.allocate(Math.max(1, payload.length));
      MemorySegment.copy(payload, 0, data, ValueLayout.JAVA_BYTE, 0, payload.length);
      return room.operations().operateUnpublished("publishData", handle, (participant, asyncId) -> {
        PublishDataRequest.Builder req = PublishDataRequest.newBuilder()
            .setLocalParticipantHandle(participant)
            .setDataPtr(data.address())
            .setDataLen(payload.length)
            .setReliable(options.kind() == DataKind.RELIABLE)
            .addAllDestinationIdentities(options.destinationIdentities())
            .setRequestAsyncId(asyncId);
        options.topic().ifPresent(req::setTopic);
        return FfiRequest.newBuilder().setPublishData(req).build();
      }, event -> Boolean.TRUE, arena);
    });
  }

  Mono<Void> setThreshold(DataKind kind, long thresholdBytes) {
    Objects.requireNonNull(kind, "kind");
    if (thresholdBytes < 0) {
      throw new IllegalArgumentException("thresholdBytes must not be negative: " + thresholdBytes);
    }
    return room.operations().<Void>requestSync("setDataChannelBufferedAmountLowThreshold", handle,
        participant -> FfiRequest.newBuilder().setSetDataChannelBufferedAmountLowThreshold(
            SetDataChannelBufferedAmountLowThresholdRequest.newBuilder()
                .setLocalParticipantHandle(participant)
                .setThreshold(thresholdBytes)
                .setKind(kind == DataKind.RELIABLE ? DataPacketKind.KIND_RELIABLE : DataPacketKind.KIND_LOSSY))
            .build(),
        response -> null);
  }
}
