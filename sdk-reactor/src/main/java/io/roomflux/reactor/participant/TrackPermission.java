package io.roomflux.reactor.participant;

import java.util.Objects;
import java.util.Set;

/**
 * Which of the local participant's tracks one remote participant may subscribe to; see
 * {@link LocalParticipant#setTrackSubscriptionPermissions}.
 *
 * @param allTracks true: every track, now and later, whatever {@code trackSids} says
 * @param trackSids the sids of the allowed tracks when {@code allTracks} is false
 */
public record TrackPermission(boolean allTracks, Set<String> trackSids) {
  /** Copies the sids. */
  public TrackPermission {
    Objects.requireNonNull(trackSids, "trackSids");
    trackSids = Set.copyOf(trackSids);
  }

  /**
   * Every track.
   *
   * @return the permission
   */
  public static TrackPermission all() {
    return new TrackPermission(true, Set.of());
  }

  /**
   * Only these tracks (none when empty).
   *
   * @param sids the track sids
   * @return the permission
   */
  public static TrackPermission tracks(String... sids) {
    return new TrackPermission(false, Set.of(sids));
  }

}
