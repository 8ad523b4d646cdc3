package io.roomflux.reactor.media;

// Longer than 400 lines: an option type, one accessor, one with-method and one builder setter per
// option, each documented; splitting it would scatter each option over several files.

import io.roomflux.reactor.participant.TrackSource;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a local track is published ({@link io.roomflux.reactor.participant.LocalParticipant#publishTrack}).
 * Immutable and thread-safe; start from {@link #defaults()} (the core's own), {@link #microphone()},
 * {@link #camera()} or {@link #builder()} and change what you need with the {@code with*}
 * methods or {@link #toBuilder()}. Options that only concern video are ignored for audio tracks
 * and the other way round.
 */
public final class TrackPublishOptions {
  private final Settings s;

  /** The settings, in one value: its equals, hashCode and toString are the options'. */
  private record Settings(TrackSource source, VideoCodec videoCodec, Optional<VideoEncoding> videoEncoding,
                          Optional<AudioEncoding> audioEncoding, boolean simulcast, boolean dtx, boolean red,
                          Optional<String> stream, boolean preconnectBuffer, Optional<String> scalabilityMode,
                          Optional<DegradationPreference> degradationPreference,
                          Optional<VideoEncoder> videoEncoder, Set<FrameMetadataFeature> frameMetadataFeatures) {
  }

  private TrackPublishOptions(Settings s) {
    this.s = s;
  }

  /** {@return the core's defaults, described on each accessor} */
  public static TrackPublishOptions defaults() {
    return builder().build();
  }

  /** {@return the defaults for a microphone track: source {@link TrackSource#MICROPHONE}} */
  public static TrackPublishOptions microphone() {
    return builder().source(TrackSource.MICROPHONE).build();
  }

  /** {@return the defaults for a camera track: source {@link TrackSource#CAMERA}} */
  public static TrackPublishOptions camera() {
    return builder().source(TrackSource.CAMERA).build();
  }

  /** {@return a new builder, starting from the defaults ({@link #defaults()})} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder, starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.source = s.source;
    b.videoCodec = s.videoCodec;
    b.videoEncoding = s.videoEncoding;
    b.audioEncoding = s.audioEncoding;
    b.simulcast = s.simulcast;
    b.dtx = s.dtx;
    b.red = s.red;
    b.stream = s.stream;
    b.preconnectBuffer = s.preconnectBuffer;
    b.scalabilityMode = s.scalabilityMode;
    b.degradationPreference = s.degradationPreference;
    b.videoEncoder = s.videoEncoder;
    b.frameMetadataFeatures = s.frameMetadataFeatures;
    return b;
  }

  /**
   * {@return what the track captures, as receivers see it} {@link io.roomflux.reactor.Room#audioFramesFrom}
   * selects tracks by it. Default {@link TrackSource#UNKNOWN}; {@link #microphone()} and
   * {@link #camera()} set it.
   */
  public TrackSource source() {
    return s.source;
  }

  /** {@return the video codec} Default {@link VideoCodec#VP8}. */
  public VideoCodec videoCodec() {
    return s.videoCodec;
  }

  /**
   * {@return the bounds of the video encoding (top layer), if set} Default empty: the core picks
   * bitrate and frame rate from the source's resolution.
   */
  public Optional<VideoEncoding> videoEncoding() {
    return s.videoEncoding;
  }

  /** {@return the bound of the audio encoding, if set} Default empty: the core's Opus default. */
  public Optional<AudioEncoding> audioEncoding() {
    return s.audioEncoding;
  }

  /**
   * {@return whether video is sent in several quality layers} Receivers on poor links then get a
   * lower one. Default true.
   */
  public boolean simulcast() {
    return s.simulcast;
  }

  /** {@return whether Opus discontinuous transmission sends (almost) nothing in silence} Default true. */
  public boolean dtx() {
    return s.dtx;
  }

  /**
   * {@return whether audio is encoded redundantly} This hides packet loss at the cost of
   * bandwidth. Default true.
   */
  public boolean red() {
    return s.red;
  }

  /**
   * {@return the name of the stream the track belongs to, if set} Receivers group tracks by it
   * (e.g. a camera and its microphone). Default empty: none.
   */
  public Optional<String> stream() {
    return s.stream;
  }

  /**
   * {@return whether audio captured before a receiver connected is buffered} It is sent to the
   * receiver once connected (for voice agents). Default false.
   */
  public boolean preconnectBuffer() {
    return s.preconnectBuffer;
  }

  /**
   * {@return the SVC scalability mode, if set} E.g. {@code L3T3_KEY}, for VP9 and AV1 (one SVC
   * encoding instead of simulcast layers); ignored for VP8 and H.264. Default empty.
   */
  public Optional<String> scalabilityMode() {
    return s.scalabilityMode;
  }

  /**
   * {@return what the video encoder gives up first when short of bandwidth or CPU, if set}
   * Default empty: the core decides (by the track's source).
   */
  public Optional<DegradationPreference> degradationPreference() {
    return s.degradationPreference;
  }

  /**
   * {@return which encoder implementation publishes the video, if set} Default empty: the core's
   * choice ({@link VideoEncoder#AUTO}).
   */
  public Optional<VideoEncoder> videoEncoder() {
    return s.videoEncoder;
  }

  /**
   * {@return which per-frame metadata fields the video publication carries to receivers} The
   * core then appends the {@link FrameMetadata} of each captured frame ({@link VideoFrame#withMetadata},
   * {@link EncodedVideoFrame#withMetadata}) to the encoded frame, and receivers get it in
   * {@link VideoFrame#metadata()}. Default empty: no metadata is sent. Unmodifiable, in the
   * enum's order.
   */
  public Set<FrameMetadataFeature> frameMetadataFeatures() {
    return s.frameMetadataFeatures;
  }

  /**
   * {@return these options with another source}
   *
   * @param value what the track captures
   */
  public TrackPublishOptions withSource(TrackSource value) {
    return toBuilder().source(value).build();
  }

  /**
   * {@return these options with another video codec}
   *
   * @param value the codec
   */
  public TrackPublishOptions withVideoCodec(VideoCodec value) {
    return toBuilder().videoCodec(value).build();
  }

  /**
   * {@return these options with bounds for the video encoding}
   *
   * @param value the bounds
   */
  public TrackPublishOptions withVideoEncoding(VideoEncoding value) {
    return toBuilder().videoEncoding(value).build();
  }

  /**
   * {@return these options with a bound for the audio encoding}
   *
   * @param value the bound
   */
  public TrackPublishOptions withAudioEncoding(AudioEncoding value) {
    return toBuilder().audioEncoding(value).build();
  }

  /**
   * {@return these options with simulcast on or off}
   *
   * @param value whether to send several video layers
   */
  public TrackPublishOptions withSimulcast(boolean value) {
    return toBuilder().simulcast(value).build();
  }

  /**
   * {@return these options with Opus discontinuous transmission on or off}
   *
   * @param value whether to save bandwidth during silence
   */
  public TrackPublishOptions withDtx(boolean value) {
    return toBuilder().dtx(value).build();
  }

  /**
   * {@return these options with redundant audio encoding on or off}
   *
   * @param value whether to send redundant audio
   */
  public TrackPublishOptions withRed(boolean value) {
    return toBuilder().red(value).build();
  }

  /**
   * {@return these options with a stream name that groups tracks}
   *
   * @param value the stream name
   */
  public TrackPublishOptions withStream(String value) {
    return toBuilder().stream(value).build();
  }

  /**
   * {@return these options with the pre-connect audio buffer on or off}
   *
   * @param value whether to buffer audio for receivers that connect later
   */
  public TrackPublishOptions withPreconnectBuffer(boolean value) {
    return toBuilder().preconnectBuffer(value).build();
  }

  /**
   * {@return these options with an SVC scalability mode}
   *
   * @param value e.g. {@code L3T3_KEY}
   */
  public TrackPublishOptions withScalabilityMode(String value) {
    return toBuilder().scalabilityMode(value).build();
  }

  /**
   * {@return these options with a degradation preference for the video encoder}
   *
   * @param value what to give up first
   */
  public TrackPublishOptions withDegradationPreference(DegradationPreference value) {
    return toBuilder().degradationPreference(value).build();
  }

  /**
   * {@return these options with an encoder implementation for the video}
   *
   * @param value the encoder
   */
  public TrackPublishOptions withVideoEncoder(VideoEncoder value) {
    return toBuilder().videoEncoder(value).build();
  }

  /**
   * {@return these options with the per-frame metadata fields the publication carries}
   *
   * @param value the features; empty for none
   */
  public TrackPublishOptions withFrameMetadataFeatures(Set<FrameMetadataFeature> value) {
    return toBuilder().frameMetadataFeatures(value).build();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TrackPublishOptions o && o.s.equals(s);
  }

  @Override
  public int hashCode() {
    return s.hashCode();
  }

  /** {@return a description, e.g. {@code TrackPublishOptions[source=MICROPHONE, videoCodec=VP8, ...]}} */
  @Override
  public String toString() {
    return "TrackPublishOptions" + s.toString().substring("Settings".length());
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
    private Optional<VideoEncoder> videoEncoder = Optional.empty();
    private Set<FrameMetadataFeature> frameMetadataFeatures = Set.of();

    private Builder() {
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#source()} set}
     *
     * @param value what the track captures
     */
    public Builder source(TrackSource value) {
      source = Objects.requireNonNull(value, "source");
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#videoCodec()} set}
     *
     * @param value the codec
     */
    public Builder videoCodec(VideoCodec value) {
      videoCodec = Objects.requireNonNull(value, "videoCodec");
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#videoEncoding()} set}
     *
     * @param value the bounds
     */
    public Builder videoEncoding(VideoEncoding value) {
      videoEncoding = Optional.of(Objects.requireNonNull(value, "videoEncoding"));
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#audioEncoding()} set}
     *
     * @param value the bound
     */
    public Builder audioEncoding(AudioEncoding value) {
      audioEncoding = Optional.of(Objects.requireNonNull(value, "audioEncoding"));
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#simulcast()} set}
     *
     * @param value the setting
     */
    public Builder simulcast(boolean value) {
      simulcast = value;
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#dtx()} set}
     *
     * @param value the setting
     */
    public Builder dtx(boolean value) {
      dtx = value;
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#red()} set}
     *
     * @param value the setting
     */
    public Builder red(boolean value) {
      red = value;
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#stream()} set}
     *
     * @param value the stream name
     */
    public Builder stream(String value) {
      stream = Optional.of(Objects.requireNonNull(value, "stream"));
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#preconnectBuffer()} set}
     *
     * @param value the setting
     */
    public Builder preconnectBuffer(boolean value) {
      preconnectBuffer = value;
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#scalabilityMode()} set}
     *
     * @param value e.g. {@code L3T3_KEY}
     */
    public Builder scalabilityMode(String value) {
      scalabilityMode = Optional.of(Objects.requireNonNull(value, "scalabilityMode"));
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#degradationPreference()} set}
     *
     * @param value what to give up first
     */
    public Builder degradationPreference(DegradationPreference value) {
      degradationPreference = Optional.of(Objects.requireNonNull(value, "degradationPreference"));
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#videoEncoder()} set}
     *
     * @param value the encoder
     */
    public Builder videoEncoder(VideoEncoder value) {
      videoEncoder = Optional.of(Objects.requireNonNull(value, "videoEncoder"));
      return this;
    }

    /**
     * {@return this builder, with {@link TrackPublishOptions#frameMetadataFeatures()} set}
     *
     * @param value the features (copied); empty for none
     */
    public Builder frameMetadataFeatures(Set<FrameMetadataFeature> value) {
      EnumSet<FrameMetadataFeature> copy = EnumSet.noneOf(FrameMetadataFeature.class);
      copy.addAll(Objects.requireNonNull(value, "frameMetadataFeatures"));
      frameMetadataFeatures = Collections.unmodifiableSet(copy);
      return this;
    }

    /** {@return the options, immutable} */
    public TrackPublishOptions build() {
      return new TrackPublishOptions(new Settings(source, videoCodec, videoEncoding, audioEncoding, simulcast, dtx,
          red, stream, preconnectBuffer, scalabilityMode, degradationPreference, videoEncoder,
          frameMetadataFeatures));
    }
  }
}
