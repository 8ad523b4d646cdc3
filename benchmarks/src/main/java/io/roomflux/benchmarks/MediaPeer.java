package io.roomflux.benchmarks;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.media.LocalVideoTrack;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.media.VideoEncoding;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoSource;
import io.roomflux.reactor.media.VideoStreamOptions;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.testkit.Tones;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * One side of {@code benchmarks/media-cpu.sh} in a process of its own, through RoomFlux: a sender
 * of one 48 kHz mono tone or one 1280x720 30 fps picture, or a receiver that subscribes to every
 * remote track of one kind and counts its frames. The Python ({@code benchmarks/python/media_peer.py})
 * and Node ({@code benchmarks/node/media_peer.cjs}) peers speak the same protocol. Not a test.
 *
 * <p>usage: {@code MediaPeer send|recv audio|video URL TOKEN}. Prints {@code READY} once it publishes
 * (sender) or once it has joined (receiver). On stdin, {@code mark} prints
 * {@code MARK identity:frames:samples:WxH ...} (per remote publisher for a receiver, {@code self}
 * for a sender; samples per channel for audio), {@code quit} or end of input leaves and exits 0;
 * any failure exits 1.
 */
public final class MediaPeer {
  private static final int RATE = 48_000;
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 720;
  private static final Duration IO = Duration.ofSeconds(60);

  private MediaPeer() {}

  /** Frames, samples and the last picture size seen from one publisher. */
  private static final class Count {
    final AtomicLong frames = new AtomicLong();
    final AtomicLong samples = new AtomicLong();
    volatile int width;
    volatile int height;

    String line(String identity) {
      return identity + ":" + frames.get() + ":" + samples.get() + ":" + width + "x" + height;
    }
  }

  /**
   * Runs the peer until {@code quit} or end of input.
   *
   * @param args see the class description
   */
  public static void main(String[] args) {
    if (args.length < 4) {
      System.err.println("usage: MediaPeer send|recv audio|video URL TOKEN");
      System.exit(2);
    }
    boolean send = args[0].equals("send");
    boolean audio = args[1].equals("audio");
    Map<String, Count> counts = new ConcurrentHashMap<>();
    int status = 0;
    try (LiveKit lk = LiveKit.create()) {
      Room room = lk.connect(args[2], args[3], RoomOptions.defaults().withAutoSubscribe(!send)).block(IO);
      if (room == null) {
        throw new IllegalStateException("no room");
      }
      Disposable work = send ? sender(lk, room, audio, counts.computeIfAbsent("self", k -> new Count()))
          : receiver(room, audio, counts);
      System.out.println("READY");
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        if (line.equals("mark")) {
          StringBuilder b = new StringBuilder("MARK");
          new TreeMap<>(counts).forEach((id, c) -> b.append(' ').append(c.line(id)));
          System.out.println(b);
          System.out.flush();
        }
      }
      work.dispose();
      lk.closeRooms().block(IO);
    } catch (Exception | Error e) {
      System.err.println("MediaPeer FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private static Disposable sender(LiveKit lk, Room room, boolean audio, Count count) {
    if (audio) {
      AudioSource source = lk.media().audioSource(AudioSourceOptions.of(RATE, 1));
      LocalAudioTrack track = lk.media().audioTrack("tone", source);
      room.localParticipant().publishTrack(track, TrackPublishOptions.microphone().toBuilder().dtx(false).build())
          .block(IO);
      // One second of a 440 Hz sine (a whole number of periods) as 100 ready 10 ms frames, as the
      // Python and Node peers do.
      Tones.Sine sine = new Tones.Sine(440, RATE, 1, 0.3);
      AudioFrame[] tone = new AudioFrame[100];
      Arrays.setAll(tone, i -> AudioFrame.of(sine.next(RATE / 100), RATE, 1));
      AtomicLong next = new AtomicLong();
      // capture() waits for room in the source's queue: the tone goes out in real time.
      return source.capture(Flux.<AudioFrame>generate(sink -> sink.next(tone[(int) (next.getAndIncrement() % 100)]))
              .doOnNext(f -> {
                count.frames.incrementAndGet();
                count.samples.addAndGet(f.samplesPerChannel());
              }))
          .subscribe();
    }
    VideoSource source = lk.media().videoSource(WIDTH, HEIGHT);
    LocalVideoTrack track = lk.media().videoTrack("picture", source);
    room.localParticipant().publishTrack(track, TrackPublishOptions.camera().toBuilder().simulcast(false)
        .videoEncoding(new VideoEncoding(1_700_000, 30)).build()).block(IO);
    count.width = WIDTH;
    count.height = HEIGHT;
    return Flux.interval(Duration.ofNanos(1_000_000_000L / 30)).onBackpressureDrop().subscribe(t -> {
      source.captureFrame(picture(t));
      count.frames.incrementAndGet();
    });
  }

  /** A diagonal gradient that moves every frame, so that the encoder and decoders have work. */
  private static VideoFrame picture(long t) {
    byte[] data = new byte[WIDTH * HEIGHT * 3 / 2];
    int shift = (int) (t * 4);
    for (int y = 0; y < HEIGHT; y++) {
      int row = y * WIDTH;
      for (int x = 0; x < WIDTH; x++) {
        data[row + x] = (byte) (x + y + shift);
      }
    }
    Arrays.fill(data, WIDTH * HEIGHT, data.length, (byte) 128);
    return VideoFrame.i420(WIDTH, HEIGHT, data);
  }

  private static Disposable receiver(Room room, boolean audio, Map<String, Count> counts) {
    TrackKind kind = audio ? TrackKind.AUDIO : TrackKind.VIDEO;
    return room.events().ofType(RoomEvent.TrackSubscribed.class)
        .filter(e -> e.track().kind() == kind)
        .flatMap(e -> {
          Count count = counts.computeIfAbsent(e.identity(), k -> new Count());
          if (audio) {
            return room.audioFrames(e.track().sid(), AudioStreamOptions.defaults()).doOnNext(f -> {
              count.frames.incrementAndGet();
              count.samples.addAndGet(f.samplesPerChannel());
            });
          }
          return room.videoFrames(e.track().sid(), VideoStreamOptions.defaults()).doOnNext(f -> {
            count.frames.incrementAndGet();
            count.width = f.width();
            count.height = f.height();
          });
        }, Integer.MAX_VALUE)
        .subscribe(f -> { }, e -> {
          System.err.println("MediaPeer: stream failed: " + e);
          e.printStackTrace();
          System.exit(1);
        });
  }
}
