package io.roomflux.reactor.participant;

import reactor.core.publisher.Mono;

/**
 * What the local client receives of remote participants' publications, from
 * {@code Room.subscriptions()}: subscribing and unsubscribing (needed when the room was joined with
 * {@code RoomOptions.autoSubscribe(false)}), pausing the server's forwarding, and choosing the
 * simulcast layer or the displayed size of a video track.
 *
 * <p>Each method is a cold {@code Mono} that sends one request to the core on each subscription;
 * the request is answered at once (it is not a round trip to the server: the server applies it
 * afterwards, and its effect shows up as room events such as {@code TrackSubscribed} and
 * {@code TrackUnsubscribed}). The outcome is published on the room's scheduler. A track sid the room
 * does not know (never published, or unpublished meanwhile) fails with
 * {@code NoSuchTrackException}; a closed room with {@code RoomClosedException}. Thread-safe.
 */
public interface Subscriptions {

  /**
   * Subscribes to a remote publication: {@code TrackSubscribed} follows once the media flows.
   *
   * @param trackSid the publication's track sid, from {@code TrackPublished} or
   *     {@code Room.publications(identity)}
   * @return completes once the core took the request
   */
  Mono<Void> subscribe(String trackSid);

  /**
   * Unsubscribes from a remote publication: {@code TrackUnsubscribed} follows, and media streams
   * reading the track complete.
   *
   * @param trackSid the publication's track sid
   * @return completes once the core took the request
   */
  Mono<Void> unsubscribe(String trackSid);

  /**
   * Pauses ({@code false}) or resumes ({@code true}) the server's forwarding of a subscribed
   * publication's media, without unsubscribing: saves bandwidth for a track nobody looks at.
   *
   * @param trackSid the publication's track sid
   * @param enabled whether the server forwards the media
   * @return completes once the core took the request
   */
  Mono<Void> setEnabled(String trackSid, boolean enabled);

  /**
   * Tells the server the size at which a remote video track is displayed, so that it forwards the
   * simulcast layer that fits (with adaptive stream off).
   *
   * @param trackSid the video publication's track sid
   * @param width displayed width in pixels, positive
   * @param height displayed height in pixels, positive
   * @return completes once the core took the request
   * @throws IllegalArgumentException on subscription, for a width or height below 1
   */
  Mono<Void> setVideoDimensions(String trackSid, int width, int height);

  /**
   * Asks the server for one simulcast layer of a remote video track.
   *
   * @param trackSid the video publication's track sid
   * @param quality the layer
   * @return completes once the core took the request
   */
  Mono<Void> setVideoQuality(String trackSid, VideoQuality quality);

  /**
   * Asks the core for the WebRTC statistics of a subscribed remote track: what is received. Cold:
   * each subscription asks anew.
   *
   * @param trackSid the subscribed track's sid
   * @return its statistics; {@code NoSuchTrackException} if the track is not subscribed
   */
  Mono<io.roomflux.reactor.media.TrackStats> stats(String trackSid);

  /**
   * Enables or disables the local client's receiving track of a subscribed remote track: disabled,
   * its media still arrives (unlike {@link #setEnabled}, which stops the server forwarding it)
   * but is not played out, so streams reading it get silence or no new frames.
   *
   * @param trackSid the subscribed track's sid
   * @param enabled whether the track is enabled
   * @return the track's enabled state after the request
   */
  Mono<Boolean> setTrackEnabled(String trackSid, boolean enabled);
}
