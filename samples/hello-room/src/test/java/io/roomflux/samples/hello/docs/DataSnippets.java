package io.roomflux.samples.hello.docs;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.data.DataKind;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.data.PayloadTooLargeException;
import io.roomflux.reactor.data.StreamOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The code that docs/data.md shows, between {@code tag::NAME[]} markers. */
final class DataSnippets {
  private DataSnippets() {}

  /** A reliable packet on a topic, to everyone. */
  static Mono<Void> sendReliable(Room room) {
    // tag::send[]
    byte[] move = "{\"x\":3,\"y\":4}".getBytes(StandardCharsets.UTF_8);
    Mono<Void> sent = room.localParticipant().publishData(move, DataOptions.reliable().withTopic("moves"));
    // end::send[]
    return sent;
  }

  /** A lossy packet to two identities. */
  static Mono<Void> sendLossyTo(Room room, byte[] position) {
    // tag::lossy-to[]
    DataOptions cursor = DataOptions.lossy().withTopic("cursor").to("bob", "carol");
    Mono<Void> sent = room.localParticipant().publishData(position, cursor);
    // end::lossy-to[]
    return sent;
  }

  /** The same options, through the builder. */
  static DataOptions built() {
    // tag::builder[]
    DataOptions options = DataOptions.builder()
        .kind(DataKind.RELIABLE)
        .topic("moves")
        .destinationIdentities(List.of("bob"))
        .build();
    // end::builder[]
    return options;
  }

  /** The packets of one topic, as text with their sender. */
  static Flux<String> receive(Room room) {
    // tag::receive[]
    Flux<String> moves = room.dataPackets("moves")
        .map(packet -> packet.senderIdentity().orElse("(server)") + ": "
            + new String(packet.bytes(), StandardCharsets.UTF_8));
    // end::receive[]
    return moves;
  }

  /** Every packet, whatever its topic. */
  static Flux<DataPacket> receiveAll(Room room) {
    // tag::receive-events[]
    Flux<DataPacket> everything = room.events()
        .ofType(RoomEvent.DataReceived.class)
        .map(RoomEvent.DataReceived::packet);
    // end::receive-events[]
    return everything;
  }

  /** Several packets, in order. */
  static Mono<Void> sendInOrder(Room room, List<String> lines) {
    // tag::in-order[]
    Mono<Void> all = Flux.fromIterable(lines)
        .concatMap(line -> room.localParticipant()
            .publishData(line.getBytes(StandardCharsets.UTF_8), DataOptions.reliable().withTopic("log")))
        .then();
    // end::in-order[]
    return all;
  }

  /** A payload over the limit goes as a byte stream instead. */
  static Mono<Void> sendLarge(Room room, byte[] payload) {
    // tag::too-large[]
    Mono<Void> sent = room.localParticipant().publishData(payload, DataOptions.reliable().withTopic("moves"))
        .onErrorResume(PayloadTooLargeException.class,
            tooLarge -> room.localParticipant().sendBytes(payload, StreamOptions.topic("moves")).then());
    // end::too-large[]
    return sent;
  }

  /** Many packets, pipelined: the returned Mono emits how many were sent. */
  static Mono<Long> sendPipelined(Room room, Flux<String> readings) {
    // tag::pipelined[]
    Mono<Long> sent = room.localParticipant().publishData(
        readings.map(reading -> reading.getBytes(StandardCharsets.UTF_8)),
        DataOptions.reliable().withTopic("telemetry"));
    // end::pipelined[]
    return sent;
  }

  /** Concurrent plain sends subscribed in order on one thread keep that order. */
  static Mono<Void> sendConcurrentlyInOrder(Room room, List<String> lines) {
    // tag::flatmap-order[]
    Mono<Void> all = Flux.fromIterable(lines)
        .flatMap(line -> room.localParticipant()
            .publishData(line.getBytes(StandardCharsets.UTF_8), DataOptions.reliable().withTopic("log")), 64)
        .then();
    // end::flatmap-order[]
    return all;
  }

  /** A lower reliable threshold. */
  static Mono<Void> lowerThreshold(Room room) {
    // tag::threshold[]
    Mono<Void> lowered = room.localParticipant()
        .setDataChannelBufferedAmountLowThreshold(DataKind.RELIABLE, 256 * 1024);
    // end::threshold[]
    return lowered;
  }
}
