package io.roomflux.reactor;

import static io.roomflux.reactor.ToneTrack.await;
import static io.roomflux.reactor.ToneTrack.subscribedTrack;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.LiveKitDevServer;
import io.roomflux.testkit.LiveKitServerExtension;
import io.roomflux.testkit.PythonPeer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

/**
 * Interop with a participant that is not RoomFlux: LiveKit's own Python SDK ({@link PythonPeer})
 * in the same room, on the same real livekit-server. A tone goes each way and is found by the
 * same Goertzel analysis on both sides.
 */
@ExtendWith(LiveKitServerExtension.class)
class PythonPeerInteropTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final double HEARD = 0.9;
  private static final double CONTROL = 0.05;

  private final LiveKitDevServer server;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private LiveKit lk;
  private String room;

  PythonPeerInteropTest(LiveKitDevServer server) {
    this.server = server;
  }

  @BeforeEach
  void setUp() {
    lk = LiveKit.create();
    room = "interop-" + UUID.randomUUID();
  }

  @AfterEach
  void everyHandleIsReleased() throws Exception {
    for (AutoCloseable r; (r = resources.pollLast()) != null; ) {
      r.close();
    }
    lk.closeRooms().block(IO);
    assertThat(lk.core().handles().liveByKind()).isEmpty();
    assertThat(lk.core().handles().liveCount()).isZero();
    assertThat(lk.core().handles().leaked()).isZero();
    assertThat(lk.core().handles().dropFailures()).isZero();
  }

  @Test
  void aToneFromThePythonSdkIsHeardByRoomFlux() {
    Room java = join("java");
    CompletableFuture<String> pyTrack = subscribedTrack(java, "py", TrackKind.AUDIO);
    PythonPeer py = start(PythonPeer.builder(server.url(), server.token("py", room)).name("py")
        .publishTone(440, Duration.ZERO));
    py.awaitReport(r -> r.is("published"), IO);
    String sid = await(pyTrack, IO);

    TrackPublication publication = java.publications("py").get(sid);
    assertThat(publication.source()).isEqualTo(TrackSource.MICROPHONE);
    assertThat(publication.encryption()).isEqualTo(EncryptionType.NONE);
    StepVerifier.create(ToneTrack.windows(java, sid, 440).filter(w -> w.ratio() > HEARD).next())
        .assertNext(w -> {
          System.out.printf("INTEROP python -> java: 440 Hz ratio %.4f, 1 kHz ratio %.4f, %d samples%n",
              w.ratio(), w.control(), w.samples());
          assertThat(w.control()).isLessThan(CONTROL);
          assertThat(w.samples()).isEqualTo(ToneTrack.WINDOW_FRAMES * ToneTrack.RATE / 100);
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void aToneFromRoomFluxIsHeardByThePythonSdk() {
    Room java = join("java");
    ToneTrack tone = resource(ToneTrack.publish(java, 440, IO));
    assertThat(tone.publication().source()).isEqualTo(TrackSource.MICROPHONE);

    PythonPeer py = start(PythonPeer.builder(server.url(), server.token("py", room)).name("py").listen("java", 440));
    PythonPeer.Report subscribed = py.awaitReport(r -> r.is("subscribed"), IO);
    assertThat(subscribed.text("track_sid")).contains(tone.publication().sid());
    PythonPeer.Report heard = py.awaitReport(r -> r.is("audio") && r.number("ratio") > HEARD, IO);
    System.out.println("INTEROP java -> python: " + heard);
    assertThat(heard.number("samples")).as("samples in the peer's one-second window").isGreaterThan(40_000);
  }

  private Room join(String identity) {
    Room joined = lk.connect(server.url().toString(), server.token(identity, room), RoomOptions.defaults()).block(IO);
    assertThat(joined).isNotNull();
    return joined;
  }

  private PythonPeer start(PythonPeer.Builder builder) {
    PythonPeer peer = builder.start();
    resources.add(peer);
    peer.awaitReport(r -> r.is("connected"), IO);
    return peer;
  }

  private <T extends AutoCloseable> T resource(T resource) {
    resources.add(resource);
    return resource;
  }
}
