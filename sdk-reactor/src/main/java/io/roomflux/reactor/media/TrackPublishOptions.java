package io.roomflux.reactor.media;

import io.roomflux.reactor.participant.TrackSource;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a local track is published ({@link io.roomflux.reactor.participant.LocalParticipant#publishTrack}).
 * Immutable and thread-safe; start from {@link #defaults()} (the core's own), {@link #microphone()},
 * {@link #camera()} or {@link #builder()} and change what you need with the {@code with*}
 * methods or {@link #toBuilder()}. Options that only concern video are ignored for audio tracks
 * and the other way round.
 */
public final class TrackPublishOptions {
  private final TrackSource source;
  private final VideoCodec videoCodec;
  private final Optional<VideoEncoding> videoEncoding;
  private final Optional<AudioEncoding> audioEncoding;
  private final boolean simulcast;
  private final boolean dtx;
  private final boolean red;
  private final Optional<String> stream;
  private final boolean preconnectBuffer;
  private final Optional<String> scalabilityMode;
  private final Optional<DegradationPreference> degradationPreference;

  private TrackPublishOptions(Builder b) {
    this.source = b.source;
    this.videoCodec = b.videoCodec;
    this.videoEncoding = b.videoEncoding;
    this.audioEncoding = b.audioEncoding;
    this.simulcast = b.simulcast;
    this.dtx = b.dtx;
    this.red = b.red;
    this.stream = b.stream;
    this.preconnectBuffer = b.preconnectBuffer;
    this.scalabilityMode = b.scalabilityMode;
    this.degradationPreference = b.degradationPreference;
  }

  /**
   * The core's defaults, described on each accessor.
   *
   * @return the options
   */
  public static TrackPublishOptions defaults() {
    return builder().build();
  }

  /**
   * The defaults for a microphone track.
   *
   * @return the defaults with source {@link TrackSource#MICROPHONE}
   */
  public static TrackPublishOptions microphone() {
    return builder().source(TrackSource.MICROPHONE).build();
  }

  /**
   * The defaults for a camera track.
   *
   * @return the defaults with source {@link TrackSource#CAMERA}
   */
  public static TrackPublishOptions camera() {
    return builder().source(TrackSource.CAMERA).build();
  }

  /**
   * A builder starting from the defaults ({@link #defaults()}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.source = source;
    b.videoCodec = videoCodec;
    b.videoEncoding = videoEncoding;
    b.audioEncoding = audioEncoding;
    b.simulcast = simulcast;
    b.dtx = dtx;
    b.red = red;
    b.stream = stream;
    b.preconnectBuffer = preconnectBuffer;
    b.scalabilityMode = scalabilityMode;
    b.degradationPreference = degradationPreference;
    return b;
  }

  /**
   * What the track captures, as receivers see it (and as
   * {@link io.roomflux.reactor.Room#audioFramesFrom} selects it). Default
   * {@link TrackSource#UNKNOWN}; {@link #microphone()} and {@link #camera()} set it.
   *
   * @return the source
   */
  public TrackSource source() {
    return source;
  }

  /**
   * The video codec. Default {@link VideoCodec#VP8}.
   *
   * @return the codec
   */
  public VideoCodec videoCodec() {
    return videoCodec;
  }

  /**
   * Bounds of the video encoding (top layer). Default empty: the core picks bitrate and frame
   * rate from the source's resolution.
   *
   * @return the bounds, if set
   */
  public Optional<VideoEncoding> videoEncoding() {
    return videoEncoding;
  }

  /**
   * The bound of the audio encoding. Default empty: the core's Opus default.
   *
   * @return the bound, if set
   */
  public Optional<AudioEncoding> audioEncoding() {
    return audioEncoding;
  }

  /**
   * Whether video is sent in several quality layers, so receivers on poor links get a lower one.
   * Default true.
   *
   * @return the setting
   */
  public boolean simulcast() {
    return simulcast;
  }

  /**
   * Opus discontinuous transmission: send (almost) nothing during silence. Default true.
   *
   * @return the setting
   */
  public boolean dtx() {
    return dtx;
  }

  /**
   * Redundant audio encoding, which hides packet loss at the cost of bandwidth. Default true.
   *
   * @return the setting
   */
  public boolean red() {
    return red;
  }

  /**
   * The name of the stream the track belongs to, so receivers can group tracks (e.g. a camera
   * and its microphone). Default empty: none.
   *
   * @return the stream name, if set
   */
  public Optional<String> stream() {
    return stream;
  }

  /**
   * Whether audio captured before a receiver connected is buffered and sent to it once connected
   * (for voice agents). Default false.
   *
   * @return the setting
   */
  public boolean preconnectBuffer() {
    return preconnectBuffer;
  }

  /**
   * An SVC scalability mode such as {@code L3T3_KEY}, for VP9 and AV1 (one SVC encoding instead
   * of simulcast layers); ignored for VP8 and H.264. Default empty.
   *
   * @return the mode, if set
   */
  public Optional<String> scalabilityMode() {
    return scalabilityMode;
  }

  /**
   * What the video encoder gives up first when short of bandwidth or CPU. Default empty: the
   * core decides (by the track's source).
   *
   * @return the preference, if set
   */
  public Optional<DegradationPreference> degradationPreference() {
    return degradationPreference;
  }

  /**
   * With another source.
   *
   * @param value what the track captures
   * @return new options
   */
  public TrackPublishOptions withSource(TrackSource value) {
    return toBuilder().source(value).build();
  }

  /**
   * With another video codec.
   *
   * @param value the codec
   * @return new options
   */
  public TrackPublishOptions withVideoCodec(VideoCodec value) {
    return toBuilder().videoCodec(value).build();
  }

  /**
   * With bounds for the video encoding.
   *
   * @param value the bounds
   * @return new options
   */
  public TrackPublishOptions withVideoEncoding(VideoEncoding value) {
    return toBuilder().videoEncoding(value).build();
  }

  /**
   * With a bound for the audio encoding.
   *
   * @param value the bound
   * @return new options
   */
  public TrackPublishOptions withAudioEncoding(AudioEncoding value) {
    return toBuilder().audioEncoding(value).build();
  }

  /**
   * With simulcast on or off.
   *
   * @param value whether to send several video layers
   * @return new options
   */
  public TrackPublishOptions withSimulcast(boolean value) {
    return toBuilder().simulcast(value).build();
  }

  /**
   * With Opus discontinuous transmission on or off.
   *
   * @param value whether to save bandwidth during silence
   * @return new options
   */
  public TrackPublishOptions withDtx(boolean value) {
    return toBuilder().dtx(value).build();
  }

  /**
   * With redundant audio encoding on or off.
   *
   * @param value whether to send redundant audio
   * @return new options
   */
  public TrackPublishOptions withRed(boolean value) {
    return toBuilder().red(value).build();
  }

  /**
   * With a stream name that groups tracks.
   *
   * @param value the stream name
   * @return new options
   */
  public TrackPublishOptions withStream(String value) {
    return toBuilder().stream(value).build();
  }

  /**
   * With the pre-connect audio buffer on or off.
   *
   * @param value whether to buffer audio for receivers that connect later
   * @return new options
   */
  public TrackPublishOptions withPreconnectBuffer(boolean value) {
    return toBuilder().preconnectBuffer(value).build();
  }

  /**
   * With an SVC scalability mode.
   *
   * @param value e.g. {@code L3T3_KEY}
   * @return new options
   */
  public TrackPublishOptions withScalabilityMode(String value) {
    return toBuilder().scalabilityMode(value).build();
  }

  /**
   * With a degradation preference for the video encoder.
   *
   * @param value what to give up first
   * @return new options
   */
  public TrackPublishOptions withDegradationPreference(DegradationPreference value) {
    return toBuilder().degradationPreference(value).build();
  }

  /**
   * Equal if every setting is.
   *
   * @param other another object
   * @return whether the options are equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TrackPublishOptions o && o.source == source && o.videoCodec == videoCodec
        && o.videoEncoding.equals(videoEncoding) && o.audioEncoding.equals(audioEncoding)
        && o.simulcast == simulcast && o.dtx == dtx && o.red == red && o.stream.equals(stream)
        && o.preconnectBuffer == preconnectBuffer && o.scalabilityMode.equals(scalabilityMode)
        && o.degradationPreference.equals(degradationPreference);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, videoCodec, videoEncoding, audioEncoding, simulcast, dtx, red, stream,
        preconnectBuffer, scalabilityMode, degradationPreference);
  }

  /**
   * Describes the options.
   *
   * @return e.g. {@code TrackPublishOptions[source=MICROPHONE, videoCodec=VP8, ...]}
   */
  @Override
  public String toString() {
    return "TrackPublishOptions[source=" + source + ", videoCodec=" + videoCodec + ", videoEncoding="
        + videoEncoding + ", audioEncoding=" + audioEncoding + ", simulcast=" + simulcast + ", dtx=" + dtx
        + ", red=" + red + ", stream=" + stream + ", preconnectBuffer=" + preconnectBuffer + ", scalabilityMode="
        + scalabilityMode + ", degradationPreference=" + degradationPreference + "]";
  }

  /**
   * Builds {@link TrackPublishOptions}; each setting's meaning and default is on the accessor of
   * the same name. Not thread-safe; reusable.
   */
  public static final class Builder {
    private TrackSource source = TrackSource.UNKNOWN;
    private VideoCodec videoCodec = VideoCodec.VP8;
    private Optional<VideoEncoding> videoEncoding = Optional.empty();
    private Optional<AudioEncoding> audioEncoding = Optional.empty();
    private boolean simulcast = true;
    private boolean dtx = true;
    private boolean red = true;
    private Optional<String> stream = Optional.empty();
    private boolean preconnectBuffer;
    private Optional<String> scalabilityMode = Optional.empty();
    private Optional<DegradationPreference> degradationPreference = Optional.empty();

    private Builder() {
    }

    /**
     * See {@link TrackPublishOptions#source()}.
     *
     * @param value what the track captures
     * @return this builder
     */
    public Builder source(TrackSource value) {
      source = Objects.requireNonNull(value, "source");
      return this;
    }

    /**
     * See {@link TrackPublishOptions#videoCodec()}.
     *
     * @param value the codec
     * @return this builder
     */
    public Builder videoCodec(VideoCodec value) {
      videoCodec = Objects.requireNonNull(value, "videoCodec");
      return this;
    }

    /**
     * See {@link TrackPublishOptions#videoEncoding()}.
     *
     * @param value the bounds
     * @return this builder
     */
    public Builder videoEncoding(VideoEncoding value) {
      videoEncoding = Optional.of(Objects.requireNonNull(value, "videoEncoding"));
      return this;
    }

    /**
     * See {@link TrackPublishOptions#audioEncoding()}.
     *
     * @param value the bound
     * @return this builder
     */
    public Builder audioEncoding(AudioEncoding value) {
      audioEncoding = Optional.of(Objects.requireNonNull(value, "audioEncoding"));
      return this;
    }

    /**
     * See {@link TrackPublishOptions#simulcast()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder simulcast(boolean value) {
      simulcast = value;
      return this;
    }

    /**
     * See {@link TrackPublishOptions#dtx()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder dtx(boolean value) {
      dtx = value;
      return this;
    }

    /**
     * See {@link TrackPublishOptions#red()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder red(boolean value) {
      red = value;
      return this;
    }

    /**
     * See {@link TrackPublishOptions#stream()}.
     *
     * @param value the stream name
     * @return this builder
     */
    public Builder stream(String value) {
      stream = Optional.of(Objects.requireNonNull(value, "stream"));
      return this;
    }

    /**
     * See {@link TrackPublishOptions#preconnectBuffer()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder preconnectBuffer(boolean value) {
      preconnectBuffer = value;
      return this;
    }

    /**
     * See {@link TrackPublishOptions#scalabilityMode()}.
     *
     * @param value e.g. {@code L3T3_KEY}
     * @return this builder
     */
    public Builder scalabilityMode(String value) {
      scalabilityMode = Optional.of(Objects.requireNonNull(value, "scalabilityMode"));
      return this;
    }

    /**
     * See {@link TrackPublishOptions#degradationPreference()}.
     *
     * @param value what to give up first
     * @return this builder
     */
    public Builder degradationPreference(DegradationPreference value) {
      degradationPreference = Optional.of(Objects.requireNonNull(value, "degradationPreference"));
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
     */
    public TrackPublishOptions build() {
      return new TrackPublishOptions(this);
    }
  }
}
