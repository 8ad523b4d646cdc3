package io.roomflux.benchmarks;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.testkit.Tones;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The JVM's CPU share while sending, and while sending and receiving, one 48 kHz mono audio stream
 * through a dev-mode livekit-server started for the run (run it in the test network namespace:
 * {@code benchmarks/media-cpu.sh}).
 *
 * <p>Both participants live in this JVM, so the figures are: (a) the speaker publishes a tone and
 * the listener (autoSubscribe off) receives nothing; (b) the listener subscribes and consumes the
 * frames too. Sending = (a); receiving is derived as (b) − (a). Each phase is measured over 20 s
 * (after a 5 s settling period) as process CPU time over wall time, in % of one core. Not a test.
 */
public final class MediaCpuShare {
  private static final int RATE = 48_000;
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final Duration MEASURE = Duration.ofSeconds(20);
  private static final Duration IO = Duration.ofSeconds(60);

  private MediaCpuShare() {}

  /**
   * Runs both phases and prints the figures.
   *
   * @param args optional: the measuring period in seconds (default 20)
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Duration measure = args.length > 0 ? Duration.ofSeconds(Long.parseLong(args[0])) : MEASURE;
    int status = 0;
    try (LiveKitDevServer server = LiveKitDevServer.start(); LiveKit lk = LiveKit.create()) {
      String url = server.url().toString();
      double sending = phase(lk, server, url, "cpu-send", false, measure);
      double both = phase(lk, server, url, "cpu-both", true, measure);
      System.out.printf("CPU sending and receiving (same JVM), measured: %.1f %%%n", both);
      System.out.printf("CPU sending one 48 kHz mono stream: %.1f %%%n", sending);
      System.out.printf("CPU receiving one 48 kHz mono stream: %.1f %% (derived: both - sending)%n", both - sending);
      System.out.printf("native handles still live: %d%n", lk.diagnostics().liveHandles());
      System.out.printf("cores: %d; load average at the end: %.2f%n", Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } catch (RuntimeException | Error e) {
      System.err.println("MediaCpuShare FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /** One phase in a room of its own; returns the CPU share in % of one core. */
  private static double phase(LiveKit lk, LiveKitDevServer server, String url, String room, boolean receive,
                              Duration measure) throws Exception {
    Room listener = lk.connect(url, server.token("listener", room), RoomOptions.defaults().withAutoSubscribe(receive))
        .block(IO);
    Room speaker = lk.connect(url, server.token("speaker", room), RoomOptions.defaults()).block(IO);
    if (listener == null || speaker == null) {
      throw new IllegalStateException("no room");
    }
    CompletableFuture<String> subscribed = listener.events().ofType(RoomEvent.TrackSubscribed.class)
        .filter(e -> e.identity().equals("speaker") && e.track().kind() == TrackKind.AUDIO)
        .map(e -> e.track().sid()).next().toFuture();
    AudioSource source = lk.media().audioSource(AudioSourceOptions.of(RATE, 1).withQueueSize(Duration.ofMillis(100)));
    LocalAudioTrack track = lk.media().audioTrack("tone", source);
    AtomicLong received = new AtomicLong();
    Disposable capture = null;
    Disposable frames = null;
    try {
      speaker.localParticipant().publishTrack(track, TrackPublishOptions.microphone()).block(IO);
      Tones.Sine sine = new Tones.Sine(440, RATE, 1, 0.3);
      capture = source.capture(Flux.generate(sink -> sink.next(AudioFrame.of(sine.next(RATE / 100), RATE, 1))))
          .subscribe();
      if (receive) {
        String sid = subscribed.get(IO.toSeconds(), TimeUnit.SECONDS);
        frames = listener.audioFrames(sid, AudioStreamOptions.defaults()).subscribe(f -> received.incrementAndGet());
      }
      Thread.sleep(SETTLE.toMillis());
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      long frames0 = received.get();
      Thread.sleep(measure.toMillis());
      long cpu = os.getProcessCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      double share = 100.0 * cpu / wall;
      System.out.printf("phase %s: %.1f %% of one core over %.1f s; frames received %d%n",
          receive ? "(b) send+receive" : "(a) send only", share, wall / 1e9, received.get() - frames0);
      return share;
    } finally {
      if (frames != null) {
        frames.dispose();
      }
      if (capture != null) {
        capture.dispose();
      }
      lk.closeRooms().block(IO);
      Mono.when(track.closeLater(), source.closeLater()).block(IO);
    }
  }
}
