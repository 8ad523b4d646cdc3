package io.roomflux.reactor;

import io.roomflux.reactor.data.DataKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a room's settings and counters, as the server last reported them.
 *
 * @param sid the server-assigned room sid, once known
 * @param name the room name
 * @param metadata free-form metadata, empty when unset
 * @param creationTime when the room was created
 * @param emptyTimeout how long the room stays open once empty
 * @param departureTimeout how long the room stays open after its last participant left
 * @param maxParticipants the most participants allowed; 0 means no limit
 * @param numParticipants how many participants are in the room
 * @param numPublishers how many of them publish
 * @param activeRecording whether the room is being recorded
 * @param lossyBufferedAmountLowThreshold the lossy data channel's buffered-amount-low threshold,
 *     in bytes
 * @param reliableBufferedAmountLowThreshold the reliable data channel's buffered-amount-low
 *     threshold, in bytes
 */
public record RoomInfo(Optional<String> sid, String name, String metadata, Instant creationTime,
                       Duration emptyTimeout, Duration departureTimeout, int maxParticipants,
                       int numParticipants, int numPublishers, boolean activeRecording,
                       long lossyBufferedAmountLowThreshold, long reliableBufferedAmountLowThreshold) {
  /** Validates the components. */
  public RoomInfo {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(emptyTimeout, "emptyTimeout");
    Objects.requireNonNull(departureTimeout, "departureTimeout");
  }

  /**
   * A copy with another {@code sid}; every other component stays.
   *
   * @param newSid the new value
   * @return the copy
   */
  public RoomInfo withSid(String newSid) {
    return new RoomInfo(newSid.isEmpty() ? Optional.empty() : Optional.of(newSid), name, metadata, creationTime,
        emptyTimeout, departureTimeout, maxParticipants, numParticipants, numPublishers, activeRecording,
        lossyBufferedAmountLowThreshold, reliableBufferedAmountLowThreshold);
  }

  /**
   * A copy with another {@code metadata}; every other component stays.
   *
   * @param newMetadata the new value
   * @return the copy
   */
  public RoomInfo withMetadata(String newMetadata) {
    return new RoomInfo(sid, name, newMetadata, creationTime, emptyTimeout, departureTimeout, maxParticipants,
        numParticipants, numPublishers, activeRecording, lossyBufferedAmountLowThreshold,
        reliableBufferedAmountLowThreshold);
  }

  /**
   * A copy with another {@code bufferedAmountLowThreshold}; every other component stays.
   *
   * @param kind the new value
   * @param threshold the new value
   * @return the copy
   */
  public RoomInfo withBufferedAmountLowThreshold(DataKind kind, long threshold) {
    return new RoomInfo(sid, name, metadata, creationTime, emptyTimeout, departureTimeout, maxParticipants,
        numParticipants, numPublishers, activeRecording,
        kind == DataKind.LOSSY ? threshold : lossyBufferedAmountLowThreshold,
        kind == DataKind.RELIABLE ? threshold : reliableBufferedAmountLowThreshold);
  }
}
