package io.roomflux.reactor.internal.participant;

import com.google.protobuf.CodedOutputStream;
import io.roomflux.reactor.data.DataOptions;

/**
 * The size livekit-ffi 0.13.2 gives a data packet when it checks it against the data channel's
 * negotiated maximum message size: the whole encoded {@code livekit.DataPacket}, not the payload.
 * The core builds {@code DataPacket{kind, destination_identities, user: UserPacket{payload, topic},
 * participant_identity, participant_sid, sequence}} (livekit's local_participant.rs and
 * rtc_session.rs publish_data), encodes it, and refuses it if it is over the maximum (measured:
 * 64 000 bytes of payload from "alice", reliable, no topic, the core's first packet, is 64 038
 * bytes, as this class counts it with a one-byte sequence). The sequence number is counted at its
 * largest (5 bytes), so a packet this class accepts is never refused for its size; one it
 * refuses is at most 4 bytes (6 for lossy) under the core's limit.
 */
final class DataPacketSize {
  /** The data channel's maximum message size that livekit-ffi 0.13.2 negotiates with livekit-server. */
  static final int MAX_ENCODED_BYTES = 64_000;

  private DataPacketSize() {
  }

  /**
   * The encoded size of a user packet.
   *
   * @param payload the payload's length
   * @param options kind, topic, destinations
   * @param identity the sender's identity
   * @param sid the sender's participant sid
   * @return the size in bytes
   */
  static long encoded(int payload, DataOptions options, String identity, String sid) {
    long user = 0;
    if (payload > 0) {
      user += CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag(payload) + payload;
    }
    if (options.topic().isPresent()) {
      user += CodedOutputStream.computeStringSize(4, options.topic().get());
    }
    // kind: the core writes its own enum's value (reliable 1, lossy 0), so a reliable packet
    // carries the field; counted for both (2 bytes at most).
    long packet = CodedOutputStream.computeEnumSize(1, 1);
    packet += CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag((int) user) + user;
    if (!identity.isEmpty()) {
      packet += CodedOutputStream.computeStringSize(4, identity);
    }
    for (String destination : options.destinationIdentities()) {
      packet += CodedOutputStream.computeStringSize(5, destination);
    }
    packet += CodedOutputStream.computeTagSize(16) + 5; // sequence: a uint32, at most 5 bytes
    if (!sid.isEmpty()) {
      packet += CodedOutputStream.computeStringSize(17, sid);
    }
    return packet;
  }

  /**
   * The largest payload whose packet is accepted, 0 if none is (destinations or topic too long).
   *
   * @param options kind, topic, destinations
   * @param identity the sender's identity
   * @param sid the sender's participant sid
   * @return the size in bytes
   */
  static int maxPayload(DataOptions options, String identity, String sid) {
    int low = 0;
    int high = MAX_ENCODED_BYTES;
    if (encoded(0, options, identity, sid) > MAX_ENCODED_BYTES) {
      return 0;
    }
    while (low < high) { // encoded() grows with the payload: the largest n with encoded(n) <= max
      int mid = (low + high + 1) >>> 1;
      if (encoded(mid, options, identity, sid) <= MAX_ENCODED_BYTES) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }
}
