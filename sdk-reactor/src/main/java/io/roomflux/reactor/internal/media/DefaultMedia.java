package io.roomflux.reactor.internal.media;

import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.VideoBufferInfo;
import io.roomflux.proto.VideoConvertRequest;
import io.roomflux.proto.VideoConvertResponse;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.media.AudioProcessor;
import io.roomflux.reactor.media.AudioProcessorOptions;
import io.roomflux.reactor.media.AudioResampler;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.EncodedVideoSource;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.media.LocalEncodedVideoTrack;
import io.roomflux.reactor.media.LocalVideoTrack;
import io.roomflux.reactor.media.Media;
import io.roomflux.reactor.media.SoxQuality;
import io.roomflux.reactor.media.SoxResampler;
import io.roomflux.reactor.media.VideoCodec;
import io.roomflux.reactor.media.VideoBufferType;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoSource;
import java.lang.foreign.Arena;
import java.lang.ref.Reference;
import java.util.Objects;

/** The media factory of one entry point: every resource it makes talks to its {@link Core}. */
public final class DefaultMedia implements Media {
  private final Core core;

  /**
   * A factory on this core.
   *
   * @param core the core
   */
  public DefaultMedia(Core core) {
    this.core = core;
  }

  /**
   * The implementation behind a source RoomFlux made; another implementation cannot be used.
   *
   * @param source a source
   * @return its implementation
   * @throws IllegalArgumentException for a source RoomFlux did not make
   */
  public static DefaultAudioSource own(AudioSource source) {
    if (Objects.requireNonNull(source, "source") instanceof DefaultAudioSource own) {
      return own;
    }
    throw new IllegalArgumentException("not an audio source made by RoomFlux: " + source);
  }

  /**
   * The implementation behind a video source RoomFlux made.
   *
   * @param source a source
   * @return its implementation
   * @throws IllegalArgumentException for a source RoomFlux did not make
   */
  public static DefaultVideoSource own(VideoSource source) {
    if (Objects.requireNonNull(source, "source") instanceof DefaultVideoSource own) {
      return own;
    }
    throw new IllegalArgumentException("not a video source made by RoomFlux: " + source);
  }

  /**
   * The implementation behind an encoded video source RoomFlux made.
   *
   * @param source a source
   * @return its implementation
   * @throws IllegalArgumentException for a source RoomFlux did not make
   */
  public static DefaultEncodedVideoSource own(EncodedVideoSource source) {
    if (Objects.requireNonNull(source, "source") instanceof DefaultEncodedVideoSource own) {
      return own;
    }
    throw new IllegalArgumentException("not an encoded video source made by RoomFlux: " + source);
  }

  @Override
  public EncodedVideoSource encodedVideoSource(int width, int height, VideoCodec codec) {
    return DefaultEncodedVideoSource.create(core, width, height, codec);
  }

  @Override
  public LocalEncodedVideoTrack encodedVideoTrack(String name, EncodedVideoSource source) {
    return DefaultLocalTrack.encoded(core, name, source);
  }

  @Override
  public AudioSource audioSource(AudioSourceOptions options) {
    return DefaultAudioSource.create(core, options);
  }

  @Override
  public AudioSource audioSource(int sampleRate, int numChannels) {
    return DefaultAudioSource.create(core, sampleRate, numChannels);
  }

  @Override
  public VideoSource videoSource(int width, int height) {
    return DefaultVideoSource.create(core, width, height);
  }

  @Override
  public VideoSource videoSource(int width, int height, boolean screencast) {
    return DefaultVideoSource.create(core, width, height, screencast);
  }

  @Override
  public LocalAudioTrack audioTrack(String name, AudioSource source) {
    return DefaultLocalTrack.audio(core, name, source);
  }

  @Override
  public LocalVideoTrack videoTrack(String name, VideoSource source) {
    return DefaultLocalTrack.video(core, name, source);
  }

  @Override
  public AudioResampler audioResampler() {
    return DefaultAudioResampler.create(core);
  }

  @Override
  public SoxResampler soxResampler(int inputRate, int outputRate, int numChannels, SoxQuality quality) {
    return DefaultSoxResampler.create(core, inputRate, outputRate, numChannels, quality);
  }

  @Override
  public AudioProcessor audioProcessor(AudioProcessorOptions options) {
    return DefaultAudioProcessor.create(core, options);
  }

  @Override
  public VideoFrame convert(VideoFrame frame, VideoBufferType target) {
    return convert(frame, target, false);
  }

  @Override
  public VideoFrame convert(VideoFrame frame, VideoBufferType target, boolean flipY) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(target, "target");
    VideoBufferType type = frame.type();
    if (!type.conversionTargets().contains(target)) {
      throw new IllegalArgumentException("the core cannot convert " + type + " to " + target + "; from " + type
          + " it converts to " + (type.conversionTargets().isEmpty() ? "nothing" : type.conversionTargets()));
    }
    VideoConvertResponse response;
    try (Arena arena = Arena.ofConfined()) {
      VideoBufferInfo info = FrameCodec.toNative(frame, arena);
      response = core.request(FfiRequest.newBuilder().setVideoConvert(VideoConvertRequest.newBuilder()
          .setBuffer(info).setDstType(MediaWire.toProto(target)).setFlipY(flipY)).build()).getVideoConvert();
    } finally {
      Reference.reachabilityFence(frame);
    }
    if (response.hasError()) {
      throw new OperationFailedException("convert " + type + " to " + target, response.getError());
    }
    return FrameCodec.take(core, response.getBuffer(), frame.timestamp(), frame.rotation(), true);
  }

  @Override
  public reactor.core.publisher.Mono<io.roomflux.reactor.media.CaptureSource> captureSource(
      io.roomflux.reactor.media.CaptureSourceConfig config) {
    return DefaultCaptureSource.create(core, Objects.requireNonNull(config, "config"));
  }

  @Override
  public io.roomflux.reactor.media.PlatformAudio platformAudio() {
    return DefaultPlatformAudio.open(core);
  }

  @Override
  public reactor.core.publisher.Mono<io.roomflux.reactor.media.AudioFilter> loadAudioFilterPlugin(
      java.nio.file.Path plugin, java.util.List<java.nio.file.Path> dependencies, String moduleId) {
    return DefaultAudioFilter.load(core, plugin, dependencies, moduleId);
  }

  @Override
  public reactor.core.publisher.Mono<io.roomflux.reactor.media.AudioFilter> loadAudioFilterPlugin(
      java.nio.file.Path plugin, String moduleId) {
    return DefaultAudioFilter.load(core, plugin, java.util.List.of(), moduleId);
  }
}
