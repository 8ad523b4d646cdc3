package io.roomflux.reactor.media;

/**
 * A local video track fed by a {@link VideoSource}; see {@link LocalTrack} for its lifecycle.
 *
 * <pre>{@code
 * VideoSource source = lk.media().videoSource(1280, 720);
 * LocalVideoTrack track = lk.media().videoTrack("camera", source);
 * room.localParticipant().publishTrack(track, TrackPublishOptions.camera()).block();
 * source.captureFrame(frame); // for every frame, at the capture rate
 * }</pre>
 */
public non-sealed interface LocalVideoTrack extends LocalTrack {
  /**
   * The source the track was created from.
   *
   * @return the source
   */
  VideoSource source();
}
