package io.roomflux.reactor.data;

import io.roomflux.reactor.participant.LocalParticipant;
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

}
