package io.roomflux.reactor.media;

import io.roomflux.core.OwnedHandle;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.internal.media.DefaultAudioProcessor;
import io.roomflux.reactor.internal.media.DefaultAudioResampler;
import io.roomflux.reactor.internal.media.DefaultAudioSource;
import io.roomflux.reactor.internal.media.DefaultSoxResampler;
import io.roomflux.reactor.internal.media.DefaultVideoSource;

/** The media factory of one entry point shared by the media tests of a test JVM. */
final class TestMedia {
  /** The entry point (its core is the process's). */
  static final LiveKit LK = LiveKit.create();
  /** Its media factory. */
  static final Media MEDIA = LK.media();

  private TestMedia() {
  }

  /** The native handle behind a resource RoomFlux made (tests look at when it is dropped). */
  static OwnedHandle handle(AudioSource source) {
    return ((DefaultAudioSource) source).handle();
  }

  static OwnedHandle handle(VideoSource source) {
    return ((DefaultVideoSource) source).handle();
  }

  static OwnedHandle handle(EncodedVideoSource source) {
    return ((io.roomflux.reactor.internal.media.DefaultEncodedVideoSource) source).handle();
  }

  static OwnedHandle handle(AudioProcessor processor) {
    return ((DefaultAudioProcessor) processor).handle();
  }

  static OwnedHandle handle(SoxResampler resampler) {
    return ((DefaultSoxResampler) resampler).handle();
  }

  static OwnedHandle handle(AudioResampler resampler) {
    return ((DefaultAudioResampler) resampler).handle();
  }
}
