package io.roomflux.reactor.data;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * One frame of a data track: application bytes, plus an optional timestamp the publisher chose
 * (for example the capture time of a sensor reading, in a unit the application agrees on). The
 * core carries the timestamp unchanged; RoomFlux neither sets nor reads it.
 *
 * @param payload the bytes, read-only
 * @param userTimestamp the publisher's timestamp, if it set one (an unsigned 64-bit value on the
 *     wire: a negative {@code long} here stands for a value of 2^63 or more)
 */
public record DataTrackFrame(ByteBuffer payload, Optional<Long> userTimestamp) {
  /** Keeps the payload read-only. */
  public DataTrackFrame {
    payload = Objects.requireNonNull(payload, "payload").asReadOnlyBuffer();
    Objects.requireNonNull(userTimestamp, "userTimestamp");
  }

  /**
   * A frame without a timestamp. The bytes are copied.
   *
   * @param payload the bytes
   * @return the frame
   */
  public static DataTrackFrame of(byte[] payload) {
    return new DataTrackFrame(ByteBuffer.wrap(payload.clone()), Optional.empty());
  }

  /**
   * A frame with a timestamp. The bytes are copied.
   *
   * @param payload the bytes
   * @param userTimestamp the timestamp, carried unchanged to subscribers
   * @return the frame
   */
  public static DataTrackFrame of(byte[] payload, long userTimestamp) {
    return new DataTrackFrame(ByteBuffer.wrap(payload.clone()), Optional.of(userTimestamp));
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
