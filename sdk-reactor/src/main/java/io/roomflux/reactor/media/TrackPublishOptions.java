package io.roomflux.reactor.media;

import io.roomflux.reactor.participant.TrackSource;
import java.util.Objects;
import java.util.Optional;

/**
 * How a local track is published ({@link io.roomflux.reactor.participant.LocalParticipant#publishTrack}).
 * The defaults ({@link #defaults()}) are the core's own; options that only concern video are
 * ignored for audio tracks and the other way round.
 *
 * @param source what the track captures, as receivers see it (and as
 *     {@link io.roomflux.reactor.Room#audioFramesFrom} selects it). Default
 *     {@link TrackSource#UNKNOWN}; {@link #microphone()} and {@link #camera()} set it.
 * @param videoCodec the video codec. Default {@link VideoCodec#VP8}.
 * @param videoEncoding bounds of the video encoding (top layer). Default empty: the core picks
 *     bitrate and frame rate from the source's resolution.
 * @param audioEncoding the bound of the audio encoding. Default empty: the core's Opus default.
 * @param simulcast whether video is sent in several quality layers, so receivers on poor links
 *     get a lower one. Default true.
 * @param dtx Opus discontinuous transmission: send (almost) nothing during silence. Default true.
 * @param red redundant audio encoding, which hides packet loss at the cost of bandwidth.
 *     Default true.
 * @param stream the name of the stream the track belongs to, so receivers can group tracks
 *     (e.g. a camera and its microphone). Default empty: none.
 * @param preconnectBuffer whether audio captured before a receiver connected is buffered and
 *     sent to it once connected (for voice agents). Default false.
 * @param scalabilityMode an SVC scalability mode such as {@code L3T3_KEY}, for VP9 and AV1 (one
 *     SVC encoding instead of simulcast layers); ignored for VP8 and H.264. Default empty.
 * @param degradationPreference what the video encoder gives up first when short of bandwidth or
 *     CPU. Default empty: the core decides (by the track's source).
 */
public record TrackPublishOptions(TrackSource source, VideoCodec videoCodec, Optional<VideoEncoding> videoEncoding,
                                  Optional<AudioEncoding> audioEncoding, boolean simulcast, boolean dtx, boolean red,
                                  Optional<String> stream, boolean preconnectBuffer, Optional<String> scalabilityMode,
                                  Optional<DegradationPreference> degradationPreference) {
  /** Validates the components. */
  public TrackPublishOptions {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(videoCodec, "videoCodec");
    Objects.requireNonNull(videoEncoding, "videoEncoding");
    Objects.requireNonNull(audioEncoding, "audioEncoding");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(scalabilityMode, "scalabilityMode");
    Objects.requireNonNull(degradationPreference, "degradationPreference");
  }

  /**
   * The core's defaults, described on each component.
   *
   * @return the options
   */
  public static TrackPublishOptions defaults() {
    return new TrackPublishOptions(TrackSource.UNKNOWN, VideoCodec.VP8, Optional.empty(), Optional.empty(), true,
        true, true, Optional.empty(), false, Optional.empty(), Optional.empty());
  }

  /**
   * The defaults for a microphone track.
   *
   * @return the defaults with source {@link TrackSource#MICROPHONE}
   */
  public static TrackPublishOptions microphone() {
    return defaults().withSource(TrackSource.MICROPHONE);
  }

  /**
   * The defaults for a camera track.
   *
   * @return the defaults with source {@link TrackSource#CAMERA}
   */
  public static TrackPublishOptions camera() {
    return defaults().withSource(TrackSource.CAMERA);
  }

  /**
   * With another source.
   *
   * @param value what the track captures
   * @return new options
   */
  public TrackPublishOptions withSource(TrackSource value) {
    return new TrackPublishOptions(value, videoCodec, videoEncoding, audioEncoding, simulcast, dtx, red, stream,
        preconnectBuffer, scalabilityMode, degradationPreference);
  }

  /**
   * With another video codec.
   *
   * @param value the codec
   * @return new options
   */
  public TrackPublishOptions withVideoCodec(VideoCodec value) {
    return new TrackPublishOptions(source, value, videoEncoding, audioEncoding, simulcast, dtx, red, stream,
        preconnectBuffer, scalabilityMode, degradationPreference);
  }

  /**
   * With bounds for the video encoding.
   *
   * @param value the bounds
   * @return new options
   */
  public TrackPublishOptions withVideoEncoding(VideoEncoding value) {
    return new TrackPublishOptions(source, videoCodec, Optional.of(value), audioEncoding, simulcast, dtx, red,
        stream, preconnectBuffer, scalabilityMode, degradationPreference);
  }

  /**
   * With a bound for the audio encoding.
   *
   * @param value the bound
   * @return new options
   */
  public TrackPublishOptions withAudioEncoding(AudioEncoding value) {
    return new TrackPublishOptions(source, videoCodec, videoEncoding, Optional.of(value), simulcast, dtx, red,
        stream, preconnectBuffer, scalabilityMode, degradationPreference);
  }

  /**
   * With simulcast on or off.
   *
   * @param value whether to send several video layers
   * @return new options
   */
  public TrackPublishOptions withSimulcast(boolean value) {
    return new TrackPublishOptions(source, videoCodec, videoEncoding, audioEncoding, value, dtx, red, stream,
        preconnectBuffer, scalabilityMode, degradationPreference);
  }

  /**
   * With Opus discontinuous transmission on or off.
   *
   * @param value whether to save bandwidth during silence
   * @return new options
   */
  public TrackPublishOptions withDtx(boolean value) {
    return new TrackPublishOptions(source, videoCodec, videoEncoding, audioEncoding, simulcast, value, red, stream,
        preconnectBuffer, scalabilityMode, degradationPreference);
  }

  /**
   * With redundant audio encoding on or off.
   *
   * @param value whether to send redundant audio
   * @return new options
   */
  public TrackPublishOptions withRed(boolean value) {
    return new TrackPublishOptions(source, videoCodec, videoEncoding, audioEncoding, simulcast, dtx, value, stream,
        preconnectBuffer, scalabilityMode, degradationPreference);
  }

  /**
   * With a stream name that groups tracks.
   *
   * @param value the stream name
   * @return new options
   */
  public TrackPublishOptions withStream(String value) {
    return new TrackPublishOptions(source, videoCodec, videoEncoding, audioEncoding, simulcast, dtx, red,
        Optional.of(value), preconnectBuffer, scalabilityMode, degradationPreference);
  }

  /**
   * With the pre-connect audio buffer on or off.
   *
   * @param value whether to buffer audio for receivers that connect later
   * @return new options
   */
  public TrackPublishOptions withPreconnectBuffer(boolean value) {
    return new TrackPublishOptions(source, videoCodec, videoEncoding, audioEncoding, simulcast, dtx, red, stream,
        value, scalabilityMode, degradationPreference);
  }

  /**
   * With an SVC scalability mode.
   *
   * @param value e.g. {@code L3T3_KEY}
   * @return new options
   */
  public TrackPublishOptions withScalabilityMode(String value) {
    return new TrackPublishOptions(source, videoCodec, videoEncoding, audioEncoding, simulcast, dtx, red, stream,
        preconnectBuffer, Optional.of(value), degradationPreference);
  }

  /**
   * With a degradation preference for the video encoder.
   *
   * @param value what to give up first
   * @return new options
   */
  public TrackPublishOptions withDegradationPreference(DegradationPreference value) {
    return new TrackPublishOptions(source, videoCodec, videoEncoding, audioEncoding, simulcast, dtx, red, stream,
        preconnectBuffer, scalabilityMode, Optional.of(value));
  }
}
