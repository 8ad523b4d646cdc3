package io.roomflux.reactor.media;

/**
 * A local video track fed by an {@link EncodedVideoSource}, whose frames the core sends without
 * encoding them; see {@link LocalTrack} for its lifecycle. Published with the source's codec and
 * a single layer, whatever the {@link TrackPublishOptions} say about codec, encoder and simulcast.
 *
 * <pre>{@code
 * EncodedVideoSource source = lk.media().encodedVideoSource(1280, 720, VideoCodec.H264);
 * LocalEncodedVideoTrack track = lk.media().encodedVideoTrack("camera", source);
 * room.localParticipant().publishTrack(track, TrackPublishOptions.camera()).block();
 * source.captureFrame(frame); // for every access unit the encoder produces
 * }</pre>
 */
public non-sealed interface LocalEncodedVideoTrack extends LocalTrack {
  /**
   * The source the track was created from.
   *
   * @return the source
   */
  EncodedVideoSource source();
}
