package io.roomflux.reactor.participant;

import java.util.Objects;
import java.util.Set;

/**
 * What a participant may do in the room, as granted by its token or changed by the server.
 *
 * @param canSubscribe may subscribe to others' tracks
 * @param canPublish may publish tracks
 * @param canPublishData may send data packets and data streams
 * @param hidden is invisible to other participants
 * @param canPublishSources the sources it may publish; empty means any
 * @param canUpdateMetadata may change its own name, metadata and attributes
 * @param canSubscribeMetrics may receive metrics
 * @param canManageAgentSession may manage an agent session
 */
public record ParticipantPermission(boolean canSubscribe, boolean canPublish, boolean canPublishData,
                                    boolean hidden, Set<TrackSource> canPublishSources,
                                    boolean canUpdateMetadata, boolean canSubscribeMetrics,
                                    boolean canManageAgentSession) {
  /** Copies the set. */
  public ParticipantPermission {
    canPublishSources = Set.copyOf(Objects.requireNonNull(canPublishSources, "canPublishSources"));
  }

}
