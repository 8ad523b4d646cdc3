package io.roomflux.reactor.data;

import io.roomflux.reactor.participant.LocalParticipant;
import java.time.Duration;
import java.util.Objects;

/**
 * One segment of a transcription, as published by {@link LocalParticipant#publishTranscription}
 * and as received from others.
 *
 * <p>LiveKit does not fix the unit or origin of the start and end times; RoomFlux sends and
 * reads them as milliseconds, from an origin the publisher chooses (for example the start of
 * the track).
 *
 * @param id the segment id; a segment sent again with the same id replaces the earlier one
 * @param text the transcribed text
 * @param start where the segment starts
 * @param end where the segment ends
 * @param isFinal whether the text will not change any more
 * @param language the language code, e.g. {@code en}; empty when unknown
 */
public record TranscriptionSegment(String id, String text, Duration start, Duration end, boolean isFinal,
                                   String language) {
  /** Validates the components. */
  public TranscriptionSegment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(language, "language");
    if (start.isNegative() || end.isNegative()) {
      throw new IllegalArgumentException("start and end must not be negative");
    }
  }

}
