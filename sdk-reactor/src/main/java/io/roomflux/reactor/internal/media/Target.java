package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.participant.TrackSource;

/** What a media stream reads: one subscribed track, or whichever track a participant publishes from a source. */
sealed interface Target permits Target.OfTrack, Target.OfParticipant {

  /** One subscribed remote track. */
  record OfTrack(String sid) implements Target {
    @Override
    public String toString() {
      return "track " + sid;
    }
  }

  /** The track a remote participant publishes from a source. */
  record OfParticipant(String identity, TrackSource source) implements Target {
    @Override
    public String toString() {
      return source + " of participant '" + identity + "'";
    }
  }
}
