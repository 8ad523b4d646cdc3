package io.roomflux.reactor.participant;

import io.roomflux.reactor.e2ee.EncryptionType;
import io.roomflux.reactor.RoomEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a track a participant published. A publication exists whether or not
 * the local client is subscribed to its track; {@link #track()} is present while it is.
 *
 * @param sid the track sid, assigned by the server
 * @param name the name the publisher gave the track
 * @param kind audio or video
 * @param source what the track captures
 * @param mimeType the codec, e.g. {@code video/VP8} or {@code audio/opus}; empty when unknown
 * @param muted whether the publisher muted it (kept up to date by {@link RoomEvent.TrackMuted}
 *     and {@link RoomEvent.TrackUnmuted})
 * @param simulcasted whether video is published in several quality layers
 * @param width the video width in pixels as published; 0 for audio
 * @param height the video height in pixels as published; 0 for audio
 * @param encryption how the media is end-to-end encrypted
 * @param track the subscribed track, while the local client is subscribed
 */
public record TrackPublication(String sid, String name, TrackKind kind, TrackSource source, String mimeType,
                               boolean muted, boolean simulcasted, int width, int height,
                               EncryptionType encryption, Optional<RemoteTrack> track) {
  /** Validates the components. */
  public TrackPublication {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(track, "track");
  }

  /**
   * A publication known only by its sid (its announcement was never seen).
   *
   * @param sid the track sid
   * @return a publication of unknown kind and source, without a track
   */
  public static TrackPublication unknown(String sid) {
    return new TrackPublication(sid, "", TrackKind.UNKNOWN, TrackSource.UNKNOWN, "", false, false, 0, 0,
        EncryptionType.NONE, Optional.empty());
  }

  /**
   * A copy with another {@code muted}; every other component stays.
   *
   * @param newMuted the new value
   * @return the copy
   */
  public TrackPublication withMuted(boolean newMuted) {
    return new TrackPublication(sid, name, kind, source, mimeType, newMuted, simulcasted, width, height,
        encryption, track);
  }

  /**
   * A copy with another {@code track}; every other component stays.
   *
   * @param newTrack the new value
   * @return the copy
   */
  public TrackPublication withTrack(Optional<RemoteTrack> newTrack) {
    return new TrackPublication(sid, name, kind, source, mimeType, muted, simulcasted, width, height,
        encryption, newTrack);
  }
}
