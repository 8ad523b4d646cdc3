package io.roomflux.reactor.data;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A data packet received from another participant.
 *
 * @param payload the bytes, read-only
 * @param topic the topic the sender set, if any
 * @param senderIdentity the sender's identity; empty when the server sent it
 * @param kind reliable or lossy
 */
public record DataPacket(ByteBuffer payload, Optional<String> topic, Optional<String> senderIdentity,
                         DataKind kind) {
  /** Keeps the payload read-only. */
  public DataPacket {
    payload = payload.asReadOnlyBuffer();
  }

  /**
   * A copy of the payload as an array.
   *
   * @return the bytes
   */
  public byte[] bytes() {
    byte[] out = new byte[payload.remaining()];
    payload.duplicate().get(out);
    return out;
  }
}
