package io.roomflux.reactor.media;

import io.roomflux.reactor.OperationFailedException;

/**
 * Makes the media resources of one {@link io.roomflux.reactor.LiveKit}: sources that local tracks
 * are fed from, the tracks themselves, resamplers, the audio processing module, and video
 * conversion done by the native core. Obtained from {@link io.roomflux.reactor.LiveKit#media()}.
 *
 * <p>Every method is a short native call that never waits for I/O: it may run on any thread,
 * Reactor's non-blocking ones included. Each resource it returns owns a native handle: close it
 * when done (idempotent); the handle is dropped only after the last operation using it finished.
 */
public interface Media {
  /**
   * Creates an audio source with the given options.
   *
   * @param options the format, queue size, processing and scheduler
   * @return the open source; close it when done
   * @throws OperationFailedException if the core refused to create it
   */
  AudioSource audioSource(AudioSourceOptions options);

  /**
   * Creates an audio source with {@link AudioSourceOptions#of default options} for a format.
   *
   * @param sampleRate the sample rate in Hz, a multiple of 100
   * @param numChannels the channel count
   * @return the open source; close it when done
   * @throws OperationFailedException if the core refused to create it
   */
  AudioSource audioSource(int sampleRate, int numChannels);

  /**
   * Creates a video source for frames of about this resolution (WebRTC chooses encodings and
   * simulcast layers from it).
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @return the open source; close it when done
   * @throws IllegalArgumentException if the resolution is not positive
   * @throws OperationFailedException if the core refused to create it
   */
  VideoSource videoSource(int width, int height);

  /**
   * Creates a video source, optionally tuned for screen content.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param screencast whether the frames show a screen (favours sharpness over frame rate)
   * @return the open source; close it when done
   * @throws IllegalArgumentException if the resolution is not positive
   * @throws OperationFailedException if the core refused to create it
   */
  VideoSource videoSource(int width, int height, boolean screencast);

  /**
   * Creates a source for already-encoded frames of one codec, which the core publishes without
   * encoding them (see {@link EncodedVideoSource}). Synchronous, a short native call.
   *
   * @param width the width of the frames in pixels
   * @param height the height of the frames in pixels
   * @param codec the codec of every frame, and of the track
   * @return the open source; close it when done
   * @throws IllegalArgumentException if the resolution is not positive
   * @throws OperationFailedException if the core refused to create it
   */
  EncodedVideoSource encodedVideoSource(int width, int height, VideoCodec codec);

  /**
   * Makes a capture source: a video producer (test pattern or clock) that runs inside the core and
   * feeds a video source of its own. Asynchronous: the core builds the producer first.
   *
   * @param config what to produce
   * @return the capture source, not yet running; close it when done. Fails with
   *     {@link OperationFailedException} if the core cannot make it (for example a core built
   *     without its capture feature)
   */
  reactor.core.publisher.Mono<CaptureSource> captureSource(CaptureSourceConfig config);

  /**
   * Opens the machine's microphone and speakers (WebRTC's audio device module), for desktop
   * applications. Synchronous, a short native call.
   *
   * @return the platform audio; close it when done
   * @throws OperationFailedException if the core cannot open the platform's audio (a machine
   *     without audio devices, such as a server or a container), with the core's reason
   */
  PlatformAudio platformAudio();

  /**
   * Loads an audio filter plugin, a shared library with the core's C plugin interface (for
   * example a noise suppressor; docs/media.md lists the functions), and registers it under
   * {@code moduleId};
   * {@link AudioStreamOptions#withAudioFilter} then runs received audio through it.
   *
   * <p>Cold: each subscription asks the core to load the library again (the new load replaces
   * the one registered under the same id). The loading ({@code dlopen}, which runs the library's
   * initializers) happens on {@link reactor.core.scheduler.Schedulers#boundedElastic()}, never on
   * the subscriber's thread; the result is signalled there. The core keeps the plugin for the rest
   * of the process (see {@link AudioFilter}); already joined rooms hand it their URL and token
   * ({@code audio_filter_on_load}), and so does every room joined afterwards.
   *
   * @param plugin the plugin's shared library; a relative path is resolved against the working
   *     directory (never searched for on the library path)
   * @param dependencies shared libraries to load first, in this order (each resolved the same way)
   * @param moduleId the id to register the plugin under, not empty
   * @return the loaded filter; fails with {@link AudioFilterPluginException} (naming the path and
   *     the core's reason) if the file is missing, is not a shared library, a dependency fails to
   *     load, or the library is not a plugin
   * @throws IllegalArgumentException if {@code moduleId} is empty
   */
  reactor.core.publisher.Mono<AudioFilter> loadAudioFilterPlugin(java.nio.file.Path plugin,
      java.util.List<java.nio.file.Path> dependencies, String moduleId);

  /**
   * Loads an audio filter plugin without dependencies; see
   * {@link #loadAudioFilterPlugin(java.nio.file.Path, java.util.List, String)}.
   *
   * @param plugin the plugin's shared library
   * @param moduleId the id to register the plugin under, not empty
   * @return the loaded filter; fails with {@link AudioFilterPluginException} if the core cannot load it
   * @throws IllegalArgumentException if {@code moduleId} is empty
   */
  reactor.core.publisher.Mono<AudioFilter> loadAudioFilterPlugin(java.nio.file.Path plugin, String moduleId);

  /**
   * Creates a local audio track from a source of this media factory's kind (one it created).
   *
   * @param name the name receivers see
   * @param source where the audio comes from; it stays open and owned by the caller
   * @return the track; close it when done
   * @throws io.roomflux.reactor.ResourceClosedException if the source is closed
   * @throws IllegalArgumentException if the source was not made by RoomFlux
   * @throws OperationFailedException if the core refused to create it
   */
  LocalAudioTrack audioTrack(String name, AudioSource source);

  /**
   * Creates a local video track from a source made by RoomFlux.
   *
   * @param name the name receivers see
   * @param source where the video comes from; it stays open and owned by the caller
   * @return the track; close it when done
   * @throws io.roomflux.reactor.ResourceClosedException if the source is closed
   * @throws IllegalArgumentException if the source was not made by RoomFlux
   * @throws OperationFailedException if the core refused to create it
   */
  LocalVideoTrack videoTrack(String name, VideoSource source);

  /**
   * Creates a local video track from an encoded source made by RoomFlux.
   *
   * @param name the name receivers see
   * @param source where the encoded frames come from; it stays open and owned by the caller
   * @return the track; close it when done
   * @throws io.roomflux.reactor.ResourceClosedException if the source is closed
   * @throws IllegalArgumentException if the source was not made by RoomFlux
   * @throws OperationFailedException if the core refused to create it
   */
  LocalEncodedVideoTrack encodedVideoTrack(String name, EncodedVideoSource source);

  /**
   * Creates a WebRTC resampler (remix and resample in 10 ms steps).
   *
   * @return the open resampler; close it when done
   * @throws OperationFailedException if the core refused to create it
   */
  AudioResampler audioResampler();

  /**
   * Creates a SoX resampler for a fixed conversion.
   *
   * @param inputRate the input rate in Hz
   * @param outputRate the output rate in Hz
   * @param numChannels the channel count
   * @param quality the quality recipe
   * @return the open resampler; close it when done
   * @throws IllegalArgumentException if a value is not positive
   * @throws OperationFailedException if the core refused to create it
   */
  SoxResampler soxResampler(int inputRate, int outputRate, int numChannels, SoxQuality quality);

  /**
   * Creates a WebRTC audio processing module.
   *
   * @param options which processing steps run
   * @return the open module; close it when done
   * @throws OperationFailedException if the core refused to create it
   */
  AudioProcessor audioProcessor(AudioProcessorOptions options);

  /**
   * Converts a frame to another layout in the core (libyuv). The result is copied into a direct
   * buffer and the core's buffer is released before this returns; it keeps the frame's
   * timestamp and rotation.
   *
   * <p>Only the pairs in {@link VideoBufferType#conversionTargets()} are supported: mostly to
   * and from {@link VideoBufferType#I420}.
   *
   * @param frame the frame
   * @param target the layout to convert to
   * @return the converted frame
   * @throws IllegalArgumentException if the core cannot convert the frame's layout to
   *     {@code target} (checked here: for some pairs the bundled core would abort the process)
   * @throws OperationFailedException if the core refused or reports an error
   */
  VideoFrame convert(VideoFrame frame, VideoBufferType target);

  /**
   * Converts a frame to another layout, optionally mirrored vertically; see
   * {@link #convert(VideoFrame, VideoBufferType)}.
   *
   * @param frame the frame
   * @param target the layout to convert to
   * @param flipY whether to also turn the image upside down (mirror the rows)
   * @return the converted frame
   * @throws IllegalArgumentException if the core cannot convert the frame's layout to {@code target}
   * @throws OperationFailedException if the core refused or reports an error
   */
  VideoFrame convert(VideoFrame frame, VideoBufferType target, boolean flipY);
}
