package io.roomflux.samples.tone;

import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.Media;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.devserver.DevServerMain;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.media.TrackPublishOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A tone through a room: {@code speaker} publishes a 440 Hz sine (48 kHz mono, 10 ms frames) for
 * about five seconds through an {@link AudioSource} and a {@link LocalAudioTrack}; {@code listener}
 * receives the track's frames and tells, once per second of audio, how many frames arrived, at
 * which sample rate, and the Goertzel power ratio at 440 Hz (about 1 for a clean tone).
 *
 * <p>{@link #main} starts a dev-mode livekit-server of its own, checks that the tone was heard
 * and that no native handle outlived the rooms, and exits 0, or 1 with the reason on standard
 * error. Run it with {@code scripts/run-sample.sh tone}.
 */
public final class ToneSample {
  /** The room both participants join. */
  public static final String ROOM = "tone";
  /** The tone's frequency, Hz. */
  public static final double FREQUENCY = 440;
  /** The sample rate of the published tone. */
  public static final int RATE = 48_000;
  /** How many 10 ms frames the speaker sends: five seconds. */
  public static final int FRAMES = 500;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private ToneSample() {}

  /**
   * One second of received audio.
   *
   * @param second which second, from 1
   * @param frames frames received in it
   * @param sampleRate the frames' sample rate
   * @param ratio the Goertzel power ratio at {@link #FREQUENCY}
   */
  public record Second(long second, int frames, int sampleRate, double ratio) {}

  /**
   * What happened.
   *
   * @param seconds the listener's seconds of audio, in order
   * @param liveHandles the core's live handle count once both participants left; 0 when nothing leaked
   */
  public record Outcome(List<Second> seconds, long liveHandles) {
    /** @return whether some second carried the tone clearly (ratio above 0.5) */
    public boolean heard() {
      return seconds.stream().anyMatch(s -> s.ratio() > 0.5);
    }
  }

  /**
   * Tells the story. Cold. Both rooms are left, and the source and track released, before the
   * outcome is emitted, also on error or cancel.
   *
   * @param lk the entry point
   * @param url the server's WebSocket URL
   * @param tokens mints a join token for an identity and a room
   * @param out told each step and each second; called on Reactor threads, so it must be quick
   * @return the outcome; fails with the first error of either participant
   */
  public static Mono<Outcome> run(LiveKit lk, String url, BiFunction<String, String, String> tokens,
                                  Consumer<String> out) {
    Flux<Second> story = lk.withRoom(url, tokens.apply("listener", ROOM), RoomOptions.defaults(), listener -> {
      out.accept("listener joined room " + listener.name());
      // Listen for the subscription before the speaker can publish.
      CompletableFuture<String> subscribed = listener.events().ofType(RoomEvent.TrackSubscribed.class)
          .filter(e -> e.identity().equals("speaker") && e.track().kind() == TrackKind.AUDIO)
          .map(e -> e.track().sid())
          .next()
          .toFuture();
      return lk.withRoom(url, tokens.apply("speaker", ROOM), RoomOptions.defaults(), speaker -> {
        out.accept("speaker joined room " + speaker.name());
        Flux<Second> heard = Mono.fromFuture(subscribed)
            .doOnNext(sid -> out.accept("listener subscribed to " + sid))
            .flatMapMany(sid -> listen(listener, sid));
        return Flux.merge(heard.doOnNext(s -> out.accept(describe(s))), speak(lk.media(), speaker, out).then(Mono.empty()));
      }).doOnComplete(() -> out.accept("speaker left"));
    }).doOnComplete(() -> out.accept("listener left"));
    return story.collectList().map(seconds -> new Outcome(seconds, lk.diagnostics().liveHandles()));
  }

  // tag::publish[]
  /** Publishes the tone, sends five seconds of it, waits until it played out, and unpublishes. */
  static Mono<Void> speak(Media media, Room speaker, Consumer<String> out) {
    return Mono.usingWhen(
        Mono.fromCallable(() -> {
          AudioSource source = media.audioSource(AudioSourceOptions.of(RATE, 1).withQueueSize(Duration.ofMillis(100)));
          return new Microphone(source, media.audioTrack("tone", source));
        }),
        mic -> speaker.localParticipant().publishTrack(mic.track(), TrackPublishOptions.microphone())
            .doOnNext(publication -> out.accept("speaker publishes " + publication.sid()))
            .flatMap(publication -> {
              Tones.Sine sine = new Tones.Sine(FREQUENCY, RATE, 1, 0.3);
              Flux<AudioFrame> frames = Flux.<AudioFrame>generate(sink ->
                  sink.next(AudioFrame.of(sine.next(RATE / 100), RATE, 1))).take(FRAMES);
              // capture() requests the next frame only once the core accepted the previous one.
              return mic.source().capture(frames)
                  .then(mic.source().waitForPlayout())
                  .then(speaker.localParticipant().unpublishTrack(publication.sid()))
                  .doOnSuccess(done -> out.accept("speaker unpublished " + publication.sid()));
            }),
        Microphone::closeLater);
  }

  /** An audio source and the track that publishes it. */
  record Microphone(AudioSource source, LocalAudioTrack track) {
    /** Closes both; completes once the core released them. */
    Mono<Void> closeLater() {
      return Mono.when(track.closeLater(), source.closeLater());
    }
  }
  // end::publish[]

  // tag::receive[]
  /** The track's frames, one second (100 frames of 10 ms) at a time, until the track ends. */
  static Flux<Second> listen(Room listener, String trackSid) {
    return listener.audioFrames(trackSid, AudioStreamOptions.defaults())
        .buffer(100)
        .index((i, frames) -> {
          short[] samples = concat(frames);
          int rate = frames.getFirst().sampleRate();
          return new Second(i + 1, frames.size(), rate, Tones.powerRatio(samples, 1, rate, FREQUENCY));
        });
  }

  private static short[] concat(List<AudioFrame> frames) {
    short[] all = new short[frames.stream().mapToInt(f -> f.samples().remaining()).sum()];
    int at = 0;
    for (AudioFrame f : frames) {
      int n = f.samples().remaining();
      // The frame is a heap copy: reading it needs no native memory.
      f.samples().duplicate().get(all, at, n);
      at += n;
    }
    return all;
  }
  // end::receive[]

  static String describe(Second s) {
    return String.format("listener second %d: %d frames at %d Hz, Goertzel ratio at %.0f Hz %.3f", s.second(),
        s.frames(), s.sampleRate(), FREQUENCY, s.ratio());
  }

  /**
   * Runs the story against a dev-mode livekit-server started for it, and exits.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    DevServerMain.runAndExit("tone", server -> {
      try (LiveKit lk = LiveKit.create()) {
        Outcome outcome = run(lk, server.url().toString(), server::token, System.out::println).blockOptional(TIMEOUT)
            .orElseThrow(() -> new IllegalStateException("the story ended without an outcome"));
        System.out.println("native handles still live: " + outcome.liveHandles());
        if (!outcome.heard()) {
          throw new IllegalStateException("the listener did not hear the tone: " + outcome.seconds());
        }
        if (outcome.liveHandles() != 0) {
          throw new IllegalStateException(outcome.liveHandles() + " native handles outlived the rooms");
        }
      }
    });
  }
}
