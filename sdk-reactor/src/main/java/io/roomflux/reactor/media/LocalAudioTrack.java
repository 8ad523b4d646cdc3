package io.roomflux.reactor.media;

/**
 * A local audio track fed by an {@link AudioSource}; see {@link LocalTrack} for its lifecycle.
 *
 * <pre>{@code
 * AudioSource source = lk.media().audioSource(48_000, 1);
 * LocalAudioTrack track = lk.media().audioTrack("mic", source);
 * room.localParticipant().publishTrack(track, TrackPublishOptions.microphone())
 *     .then(source.capture(frames))
 *     .subscribe();
 * }</pre>
 */
public non-sealed interface LocalAudioTrack extends LocalTrack {
  /**
   * The source the track was created from.
   *
   * @return the source
   */
  AudioSource source();
}
