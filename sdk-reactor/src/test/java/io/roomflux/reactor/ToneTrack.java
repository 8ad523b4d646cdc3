package io.roomflux.reactor;

import io.roomflux.reactor.media.Media;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.participant.TrackSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.media.Signals;

import io.roomflux.testkit.Tones;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * A sine tone published from Java as a microphone track (48 kHz mono, 10 ms frames, paced by the
 * source's queue), and the measuring side: Goertzel power ratios of received audio, computed as
 * {@code peer.py} computes them ({@link Tones#powerRatio}). Closing stops the tone and releases
 * the source and track (see {@link PublishedTrack#close()}).
 */
public final class ToneTrack extends PublishedTrack {
  /** Media resources of an entry point on the process's core (handles are process-wide). */
  private static final Media MEDIA = LiveKit.create().media();
  /** The tone's sample rate. */
  public static final int RATE = 48_000;
  /** Frames per analysis window: 0.5 s, a whole number of cycles for every tone the tests use. */
  static final int WINDOW_FRAMES = 50;

  private ToneTrack(AudioSource source, LocalAudioTrack track, TrackPublication publication, Disposable capture) {
    super(track, source::closeLater, publication, capture);
  }

  /**
   * Publishes the tone and starts sending it; blocks (JUnit thread) until published.
   *
   * @param room the publishing room
   * @param frequency the tone's frequency in Hz
   * @param timeout how long publishing may take
   * @return the published tone
   */
  public static ToneTrack publish(Room room, double frequency, Duration timeout) {
    AudioSource source = MEDIA.audioSource(AudioSourceOptions.of(RATE, 1).withQueueSize(Duration.ofMillis(100)));
    LocalAudioTrack track = MEDIA.audioTrack("tone-" + (int) frequency, source);
    TrackPublication publication =
        publish(room, track, source::close, TrackPublishOptions.microphone(), TrackKind.AUDIO, timeout);
    assertThat(publication.source()).isEqualTo(TrackSource.MICROPHONE);
    Tones.Sine sine = new Tones.Sine(frequency, RATE, 1, 0.3);
    Flux<AudioFrame> frames = Flux.generate(sink -> sink.next(AudioFrame.of(sine.next(RATE / 100), RATE, 1)));
    return new ToneTrack(source, track, publication, source.capture(frames).subscribe());
  }

  /** One analysis window of received audio: the ratio at the expected tone and at a control frequency. */
  record Window(double ratio, double control, int samples) {
  }

  /** Windows of a received track's audio, analysed for {@code frequency} (control: 1 kHz). */
  static Flux<Window> windows(Room room, String trackSid, double frequency) {
    return room.audioFrames(trackSid, AudioStreamOptions.defaults())
        .buffer(WINDOW_FRAMES)
        .map(frames -> {
          short[] samples = Signals.concat(frames);
          return new Window(Tones.powerRatio(samples, 1, RATE, frequency), Tones.powerRatio(samples, 1, RATE, 1000),
              samples.length);
        });
  }
}
