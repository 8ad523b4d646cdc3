package io.roomflux.reactor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat message, as sent by {@link LocalParticipant#sendChatMessage} or edited by
 * {@link LocalParticipant#editChatMessage}, and as received from others.
 *
 * @param id the message id; an edit keeps the id of the original
 * @param timestamp when the message was first sent
 * @param message the text
 * @param editTimestamp when it was last edited, if it was
 * @param deleted whether the sender deleted it
 * @param generated whether it was produced by an agent rather than typed by a person
 */
public record ChatMessage(String id, Instant timestamp, String message, Optional<Instant> editTimestamp,
                          boolean deleted, boolean generated) {
  /** Validates the components. */
  public ChatMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(editTimestamp, "editTimestamp");
  }

  static ChatMessage of(io.roomflux.proto.ChatMessage m) {
    return new ChatMessage(m.getId(), Instant.ofEpochMilli(m.getTimestamp()), m.getMessage(),
        m.hasEditTimestamp() ? Optional.of(Instant.ofEpochMilli(m.getEditTimestamp())) : Optional.empty(),
        m.getDeleted(), m.getGenerated());
  }

  io.roomflux.proto.ChatMessage toProto() {
    io.roomflux.proto.ChatMessage.Builder b = io.roomflux.proto.ChatMessage.newBuilder()
        .setId(id).setTimestamp(timestamp.toEpochMilli()).setMessage(message)
        .setDeleted(deleted).setGenerated(generated);
    editTimestamp.ifPresent(t -> b.setEditTimestamp(t.toEpochMilli()));
    return b.build();
  }
}
