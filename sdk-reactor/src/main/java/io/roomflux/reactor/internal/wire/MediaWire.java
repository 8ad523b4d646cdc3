package io.roomflux.reactor.internal.wire;

import io.roomflux.proto.SoxQualityRecipe;
import io.roomflux.reactor.media.DegradationPreference;
import io.roomflux.reactor.media.EncoderFeedback;
import io.roomflux.reactor.media.FrameMetadata;
import io.roomflux.reactor.media.VideoCodec;
import io.roomflux.reactor.media.SoxQuality;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.media.VideoBufferType;
import io.roomflux.reactor.media.VideoRotation;

/** Media enums to and from the core's protocol; frames' native layout is internal.media.FrameCodec. */
public final class MediaWire {
  private MediaWire() {
  }

  /**
   * A buffer layout for a request.
   *
   * @param type the layout
   * @return the core's layout
   */
  public static io.roomflux.proto.VideoBufferType toProto(VideoBufferType type) {
    return switch (type) {
      case RGBA -> io.roomflux.proto.VideoBufferType.RGBA;
      case ABGR -> io.roomflux.proto.VideoBufferType.ABGR;
      case ARGB -> io.roomflux.proto.VideoBufferType.ARGB;
      case BGRA -> io.roomflux.proto.VideoBufferType.BGRA;
      case RGB24 -> io.roomflux.proto.VideoBufferType.RGB24;
      case I420 -> io.roomflux.proto.VideoBufferType.I420;
      case I420A -> io.roomflux.proto.VideoBufferType.I420A;
      case I422 -> io.roomflux.proto.VideoBufferType.I422;
      case I444 -> io.roomflux.proto.VideoBufferType.I444;
      case I010 -> io.roomflux.proto.VideoBufferType.I010;
      case NV12 -> io.roomflux.proto.VideoBufferType.NV12;
    };
  }

  /**
   * A buffer layout the core reported.
   *
   * @param type the core's layout
   * @return the layout
   */
  public static VideoBufferType videoBufferType(io.roomflux.proto.VideoBufferType type) {
    return switch (type) {
      case RGBA -> VideoBufferType.RGBA;
      case ABGR -> VideoBufferType.ABGR;
      case ARGB -> VideoBufferType.ARGB;
      case BGRA -> VideoBufferType.BGRA;
      case RGB24 -> VideoBufferType.RGB24;
      case I420 -> VideoBufferType.I420;
      case I420A -> VideoBufferType.I420A;
      case I422 -> VideoBufferType.I422;
      case I444 -> VideoBufferType.I444;
      case I010 -> VideoBufferType.I010;
      case NV12 -> VideoBufferType.NV12;
    };
  }

  /**
   * A rotation for a request.
   *
   * @param rotation the rotation
   * @return the core's rotation
   */
  public static io.roomflux.proto.VideoRotation toProto(VideoRotation rotation) {
    return switch (rotation) {
      case ROTATION_0 -> io.roomflux.proto.VideoRotation.VIDEO_ROTATION_0;
      case ROTATION_90 -> io.roomflux.proto.VideoRotation.VIDEO_ROTATION_90;
      case ROTATION_180 -> io.roomflux.proto.VideoRotation.VIDEO_ROTATION_180;
      case ROTATION_270 -> io.roomflux.proto.VideoRotation.VIDEO_ROTATION_270;
    };
  }

  /**
   * A rotation the core reported.
   *
   * @param rotation the core's rotation
   * @return the rotation
   */
  public static VideoRotation videoRotation(io.roomflux.proto.VideoRotation rotation) {
    return switch (rotation) {
      case VIDEO_ROTATION_0 -> VideoRotation.ROTATION_0;
      case VIDEO_ROTATION_90 -> VideoRotation.ROTATION_90;
      case VIDEO_ROTATION_180 -> VideoRotation.ROTATION_180;
      case VIDEO_ROTATION_270 -> VideoRotation.ROTATION_270;
    };
  }

  /**
   * A SoX quality recipe for a request.
   *
   * @param quality the quality
   * @return the core's recipe
   */
  public static SoxQualityRecipe toProto(SoxQuality quality) {
    return switch (quality) {
      case QUICK -> SoxQualityRecipe.SOXR_QUALITY_QUICK;
      case LOW -> SoxQualityRecipe.SOXR_QUALITY_LOW;
      case MEDIUM -> SoxQualityRecipe.SOXR_QUALITY_MEDIUM;
      case HIGH -> SoxQualityRecipe.SOXR_QUALITY_HIGH;
      case VERY_HIGH -> SoxQualityRecipe.SOXR_QUALITY_VERYHIGH;
    };
  }

  /**
   * How to publish a track, for the publish request.
   *
   * @param o the options
   * @return the core's options
   */
  public static io.roomflux.proto.TrackPublishOptions toProto(TrackPublishOptions o) {
    io.roomflux.proto.TrackPublishOptions.Builder b = io.roomflux.proto.TrackPublishOptions.newBuilder()
        .setSource(ParticipantWire.toProto(o.source()))
        .setVideoCodec(toProto(o.videoCodec()))
        .setSimulcast(o.simulcast())
        .setDtx(o.dtx())
        .setRed(o.red())
        .setPreconnectBuffer(o.preconnectBuffer());
    o.videoEncoding().ifPresent(e -> b.setVideoEncoding(io.roomflux.proto.VideoEncoding.newBuilder()
        .setMaxBitrate(e.maxBitrate()).setMaxFramerate(e.maxFramerate())));
    o.audioEncoding().ifPresent(e -> b.setAudioEncoding(io.roomflux.proto.AudioEncoding.newBuilder()
        .setMaxBitrate(e.maxBitrate())));
    o.stream().ifPresent(b::setStream);
    o.scalabilityMode().ifPresent(b::setScalabilityMode);
    o.degradationPreference().ifPresent(d -> b.setDegradationPreference(toProto(d)));
    o.frameMetadataFeatures().forEach(f -> b.addFrameMetadataFeatures(switch (f) {
      case USER_TIMESTAMP -> io.roomflux.proto.FrameMetadataFeature.FMF_USER_TIMESTAMP;
      case FRAME_ID -> io.roomflux.proto.FrameMetadataFeature.FMF_FRAME_ID;
      case USER_DATA -> io.roomflux.proto.FrameMetadataFeature.FMF_USER_DATA;
    }));
    o.videoEncoder().ifPresent(e -> b.setVideoEncoder(switch (e) {
      case AUTO -> io.roomflux.proto.VideoEncoderBackend.ENCODER_BACKEND_AUTO;
      case SOFTWARE -> io.roomflux.proto.VideoEncoderBackend.ENCODER_BACKEND_SOFTWARE;
      case HARDWARE -> io.roomflux.proto.VideoEncoderBackend.ENCODER_BACKEND_HARDWARE;
      case NVENC -> io.roomflux.proto.VideoEncoderBackend.ENCODER_BACKEND_NVENC;
      case VAAPI -> io.roomflux.proto.VideoEncoderBackend.ENCODER_BACKEND_VAAPI;
      case VIDEOTOOLBOX -> io.roomflux.proto.VideoEncoderBackend.ENCODER_BACKEND_VIDEOTOOLBOX;
    }));
    return b.build();
  }

  /**
   * A video codec for a request.
   *
   * @param codec the codec
   * @return the core's codec
   */
  public static io.roomflux.proto.VideoCodec toProto(VideoCodec codec) {
    return switch (codec) {
      case VP8 -> io.roomflux.proto.VideoCodec.VP8;
      case H264 -> io.roomflux.proto.VideoCodec.H264;
      case AV1 -> io.roomflux.proto.VideoCodec.AV1;
      case VP9 -> io.roomflux.proto.VideoCodec.VP9;
      case H265 -> io.roomflux.proto.VideoCodec.H265;
    };
  }

  /**
   * Publish options for a track of pre-encoded frames: the frames' codec, the pass-through
   * encoder and one layer (the pass-through cannot make simulcast layers).
   *
   * @param options the options the caller gave, already in the core's form
   * @param codec the codec of the source's frames
   * @return the options the core must get
   */
  public static io.roomflux.proto.TrackPublishOptions preEncoded(io.roomflux.proto.TrackPublishOptions options,
                                                                 VideoCodec codec) {
    return options.toBuilder().setVideoCodec(toProto(codec)).setSimulcast(false)
        .setVideoEncoder(io.roomflux.proto.VideoEncoderBackend.ENCODER_BACKEND_PRE_ENCODED).build();
  }

  /**
   * Frame metadata for a capture request; zero values are left unset, as the core would not send them.
   *
   * @param m the metadata
   * @return the core's metadata
   */
  public static io.roomflux.proto.FrameMetadata toProto(FrameMetadata m) {
    io.roomflux.proto.FrameMetadata.Builder b = io.roomflux.proto.FrameMetadata.newBuilder();
    m.userTimestamp().ifPresent(b::setUserTimestamp);
    m.frameId().ifPresent(id -> b.setFrameId((int) (long) id));
    m.userData().ifPresent(d -> b.setUserData(com.google.protobuf.ByteString.copyFrom(d)));
    return b.build();
  }

  /**
   * Frame metadata the core delivered with a received frame.
   *
   * @param m the core's metadata
   * @return the metadata, each field present when the core sent it
   */
  public static FrameMetadata frameMetadata(io.roomflux.proto.FrameMetadata m) {
    return new FrameMetadata(
        m.hasUserTimestamp() ? java.util.Optional.of(m.getUserTimestamp()) : java.util.Optional.empty(),
        m.hasFrameId() ? java.util.Optional.of(Integer.toUnsignedLong(m.getFrameId())) : java.util.Optional.empty(),
        m.hasUserData() ? java.util.Optional.of(m.getUserData().asReadOnlyByteBuffer()) : java.util.Optional.empty());
  }

  /**
   * What one feedback poll of an encoded source took: a key-frame request first, then new rates.
   *
   * @param r the core's answer
   * @return the feedback items, maybe none
   */
  public static java.util.List<EncoderFeedback> feedback(io.roomflux.proto.TakeEncodedVideoSourceFeedbackResponse r) {
    java.util.List<EncoderFeedback> items = new java.util.ArrayList<>(2);
    if (r.getKeyframeRequested()) {
      items.add(new EncoderFeedback.KeyFrameRequest());
    }
    if (r.hasRateControl()) {
      items.add(new EncoderFeedback.RateControl(r.getRateControl().getTargetBitrateBps(),
          r.getRateControl().getFramerateFps()));
    }
    return items;
  }

  /**
   * A degradation preference for a request.
   *
   * @param d the preference
   * @return the core's preference
   */
  public static io.roomflux.proto.DegradationPreference toProto(DegradationPreference d) {
    return switch (d) {
      case BALANCED -> io.roomflux.proto.DegradationPreference.DEGRADATION_PREFERENCE_BALANCED;
      case MAINTAIN_FRAMERATE -> io.roomflux.proto.DegradationPreference.DEGRADATION_PREFERENCE_MAINTAIN_FRAMERATE;
      case MAINTAIN_RESOLUTION -> io.roomflux.proto.DegradationPreference.DEGRADATION_PREFERENCE_MAINTAIN_RESOLUTION;
      case MAINTAIN_FRAMERATE_AND_RESOLUTION ->
          io.roomflux.proto.DegradationPreference.DEGRADATION_PREFERENCE_MAINTAIN_FRAMERATE_AND_RESOLUTION;
    };
  }

  /**
   * Sums up the statistics entries the core reported for one track.
   *
   * @param report the entries
   * @return the summary
   */
  public static io.roomflux.reactor.media.TrackStats trackStats(java.util.List<io.roomflux.proto.RtcStats> report) {
    long packetsSent = 0;
    long bytesSent = 0;
    long packetsReceived = 0;
    long packetsLost = 0;
    long bytesReceived = 0;
    double jitter = 0;
    int width = 0;
    int height = 0;
    double fps = 0;
    java.util.Map<String, String> codecs = new java.util.HashMap<>();
    String codecId = "";
    for (io.roomflux.proto.RtcStats s : report) {
      if (s.hasCodec()) {
        codecs.put(s.getCodec().getRtc().getId(), s.getCodec().getCodec().getMimeType());
      } else if (s.hasOutboundRtp()) {
        var out = s.getOutboundRtp();
        packetsSent += out.getSent().getPacketsSent();
        bytesSent += out.getSent().getBytesSent();
        width = Math.max(width, out.getOutbound().getFrameWidth());
        height = Math.max(height, out.getOutbound().getFrameHeight());
        fps = Math.max(fps, out.getOutbound().getFramesPerSecond());
        codecId = out.getStream().getCodecId();
      } else if (s.hasInboundRtp()) {
        var in = s.getInboundRtp();
        packetsReceived += in.getReceived().getPacketsReceived();
        packetsLost += in.getReceived().getPacketsLost();
        bytesReceived += in.getInbound().getBytesReceived();
        jitter = Math.max(jitter, in.getReceived().getJitter());
        width = Math.max(width, in.getInbound().getFrameWidth());
        height = Math.max(height, in.getInbound().getFrameHeight());
        fps = Math.max(fps, in.getInbound().getFramesPerSecond());
        codecId = in.getStream().getCodecId();
      }
    }
    return new io.roomflux.reactor.media.TrackStats(packetsSent, bytesSent, packetsReceived, packetsLost,
        bytesReceived, java.time.Duration.ofNanos(Math.round(jitter * 1e9)), width, height, fps,
        java.util.Optional.ofNullable(codecs.get(codecId)), report.size());
  }
}
