package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.testkit.Tones;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A sine tone published from Java as a microphone track (48 kHz mono, 10 ms frames, paced by the
 * source's queue), and the measuring side: Goertzel power ratios of received audio, computed as
 * {@code peer.py} computes them ({@link Tones#powerRatio}). Closing stops the tone and releases
 * the source and track (the room unpublishes it when it is left).
 */
final class ToneTrack implements AutoCloseable {
  static final int RATE = 48_000;
  /** Frames per analysis window: 0.5 s, a whole number of cycles for every tone the tests use. */
  static final int WINDOW_FRAMES = 50;
  private static final Duration RELEASE = Duration.ofSeconds(10);

  private final AudioSource source;
  private final LocalAudioTrack track;
  private final Disposable capture;
  private final TrackPublication publication;

  private ToneTrack(AudioSource source, LocalAudioTrack track, Disposable capture, TrackPublication publication) {
    this.source = source;
    this.track = track;
    this.capture = capture;
    this.publication = publication;
  }

  /** Publishes the tone and starts sending it; blocks (JUnit thread) until published. */
  static ToneTrack publish(Room room, double frequency, Duration timeout) {
    AudioSource source = AudioSource.create(AudioSourceOptions.of(RATE, 1).withQueueSize(Duration.ofMillis(100)));
    LocalAudioTrack track = LocalAudioTrack.create("tone-" + (int) frequency, source);
    TrackPublication publication;
    try {
      publication = room.localParticipant().publishTrack(track, TrackPublishOptions.microphone()).block(timeout);
    } catch (RuntimeException e) {
      track.close();
      source.close();
      throw e;
    }
    assertThat(publication).isNotNull();
    Tones.Sine sine = new Tones.Sine(frequency, RATE, 1, 0.3);
    Flux<AudioFrame> frames = Flux.generate(sink -> sink.next(AudioFrame.of(sine.next(RATE / 100), RATE, 1)));
    return new ToneTrack(source, track, source.capture(frames).subscribe(), publication);
  }

  TrackPublication publication() {
    return publication;
  }

  /**
   * Stops the tone and releases the track and source. Blocks (JUnit thread) until both were given
   * back to the core: a source closed with a frame in flight keeps its handle until that frame's
   * callback, and a handle count checked right after the test would catch it.
   */
  @Override
  public void close() {
    capture.dispose();
    Mono.when(track.closeLater(), source.closeLater()).block(RELEASE);
  }

  /** One analysis window of received audio: the ratio at the expected tone and at a control frequency. */
  record Window(double ratio, double control, int samples) {
  }

  /** Windows of a received track's audio, analysed for {@code frequency} (control: 1 kHz). */
  static Flux<Window> windows(Room room, String trackSid, double frequency) {
    return room.audioFrames(trackSid, AudioStreamOptions.defaults())
        .buffer(WINDOW_FRAMES)
        .map(frames -> {
          short[] samples = concat(frames);
          return new Window(Tones.powerRatio(samples, 1, RATE, frequency), Tones.powerRatio(samples, 1, RATE, 1000),
              samples.length);
        });
  }

  private static short[] concat(List<AudioFrame> frames) {
    int total = frames.stream().mapToInt(f -> f.samples().remaining()).sum();
    short[] all = new short[total];
    int at = 0;
    for (AudioFrame f : frames) {
      int n = f.samples().remaining();
      f.samples().get(all, at, n);
      at += n;
    }
    return all;
  }

  /** The sid of the next track of {@code kind} the room subscribes to from {@code identity}. */
  static CompletableFuture<String> subscribedTrack(Room room, String identity, TrackKind kind) {
    return room.events().ofType(RoomEvent.TrackSubscribed.class)
        .filter(e -> e.identity().equals(identity) && e.track().kind() == kind)
        .map(e -> e.track().sid())
        .next()
        .toFuture();
  }

  static <T> T await(CompletableFuture<T> future, Duration timeout) {
    return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }
}
