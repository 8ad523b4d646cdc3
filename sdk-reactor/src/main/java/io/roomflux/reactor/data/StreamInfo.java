package io.roomflux.reactor.data;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The header of a data stream, as its sender opened it and as its receivers see it.
 *
 * @param id the stream id, unique in the room
 * @param topic the topic receivers select streams by
 * @param mimeType the content type; {@code text/plain} for text streams
 * @param totalSize the total size in bytes, when the sender knew it up front (whole texts,
 *     whole byte arrays, files); empty for streams written piece by piece
 * @param attributes the sender's application attributes from the header (attributes added when
 *     a writer is closed travel in the stream's trailer, not here)
 * @param timestamp when the stream was opened, by the sender's clock
 * @param senderIdentity the identity of the participant that sent it
 * @param name the file name of a byte stream; empty for text streams
 */
public record StreamInfo(String id, String topic, String mimeType, Optional<Long> totalSize,
                         Map<String, String> attributes, Instant timestamp, String senderIdentity,
                         Optional<String> name) {
  /** Validates the components and copies the attributes. */
  public StreamInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(totalSize, "totalSize");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(senderIdentity, "senderIdentity");
    Objects.requireNonNull(name, "name");
    attributes = Map.copyOf(attributes);
  }

}
