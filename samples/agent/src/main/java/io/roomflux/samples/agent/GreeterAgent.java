package io.roomflux.samples.agent;

import io.roomflux.agents.AgentJob;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.media.Media;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.participant.Participant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sample's job function: in its job's room the agent sends each participant who is there or
 * joins a reliable data message {@code "hello, <identity>"} on topic {@value #GREETING_TOPIC},
 * and answers every data packet on topic {@value #SAY_TOPIC} with one second of a 440 Hz tone
 * (48 kHz mono), published as a microphone track and unpublished once it played out. Requests
 * are answered one after the other.
 *
 * <p>Nothing here blocks; the returned publisher runs until the worker ends the job (the room is
 * deleted or the job terminated), and the worker then disconnects the room.
 */
public final class GreeterAgent {
  /** The topic of the greeting the agent sends. */
  public static final String GREETING_TOPIC = "greeting";
  /** The topic on which a participant asks for the tone. */
  public static final String SAY_TOPIC = "say";
  /** The tone's frequency, Hz. */
  public static final double FREQUENCY = 440;
  /** The tone's sample rate. */
  public static final int RATE = 48_000;
  /** How many 10 ms frames one answer has: one second. */
  public static final int FRAMES = 100;

  private final Media media;

  /**
   * Creates the job function.
   *
   * @param media where audio sources and tracks come from: the worker's {@code LiveKit.media()}
   */
  public GreeterAgent(Media media) {
    this.media = media;
  }

  /**
   * Runs one job. Cold; may be called concurrently for different jobs.
   *
   * @param job the job, its room joined
   * @return never completes on its own; cancelled by the worker when the job ends
   */
  public Flux<Object> run(AgentJob job) {
    Room room = job.room();
    // "say" first: a participant asks only once greeted, and by then this is subscribed.
    Flux<Object> answers = room.dataPackets(SAY_TOPIC)
        .concatMap(packet -> speak(room).thenReturn((Object) packet));
    Flux<Object> greetings = Flux.merge(
            room.events().ofType(RoomEvent.ParticipantConnected.class).map(e -> e.participant().identity()),
            Flux.defer(() -> Flux.fromIterable(room.remoteParticipants().values()).map(Participant::identity)))
        .distinct()
        .flatMap(identity -> greet(room, identity).thenReturn((Object) identity));
    return Flux.merge(answers, greetings);
  }

  /** Sends {@code "hello, <identity>"} to that participant only. */
  static Mono<Void> greet(Room room, String identity) {
    return room.localParticipant().publishData(("hello, " + identity).getBytes(StandardCharsets.UTF_8),
        DataOptions.reliable().withTopic(GREETING_TOPIC).to(identity));
  }

  /** Publishes a track, sends one second of the tone, waits until it played out, unpublishes. */
  Mono<Void> speak(Room room) {
    return Mono.usingWhen(
        Mono.fromCallable(() -> {
          AudioSource source = media.audioSource(AudioSourceOptions.of(RATE, 1).withQueueSize(Duration.ofMillis(100)));
          return new Voice(source, media.audioTrack("tone", source));
        }),
        voice -> room.localParticipant().publishTrack(voice.track(), TrackPublishOptions.microphone())
            .flatMap(publication -> {
              Tones.Sine sine = new Tones.Sine(FREQUENCY, RATE, 1, 0.3);
              Flux<AudioFrame> frames = Flux.<AudioFrame>generate(sink ->
                  sink.next(AudioFrame.of(sine.next(RATE / 100), RATE, 1))).take(FRAMES);
              return voice.source().capture(frames)
                  .then(voice.source().waitForPlayout())
                  .then(room.localParticipant().unpublishTrack(publication.sid()));
            }),
        Voice::closeLater);
  }

  /** An audio source and the track that publishes it. */
  private record Voice(AudioSource source, LocalAudioTrack track) {
    Mono<Void> closeLater() {
      return Mono.when(track.closeLater(), source.closeLater());
    }
  }

  /**
   * The text of a greeting packet.
   *
   * @param packet a packet on {@link #GREETING_TOPIC}
   * @return its payload as UTF-8
   */
  public static String text(DataPacket packet) {
    return new String(packet.bytes(), StandardCharsets.UTF_8);
  }
}
