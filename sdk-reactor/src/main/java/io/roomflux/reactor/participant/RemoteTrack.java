package io.roomflux.reactor.participant;

import java.util.Objects;

/**
 * A remote participant's track that the local client is subscribed to, as the core described it
 * when the subscription started. Whether it is muted is kept on its {@link TrackPublication}.
 *
 * @param sid the track sid (the same as its publication's)
 * @param name the name the publisher gave it
 * @param kind audio or video
 */
public record RemoteTrack(String sid, String name, TrackKind kind) {
  /** Validates the components. */
  public RemoteTrack {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

}
