package io.roomflux.reactor;

import io.roomflux.reactor.e2ee.EncryptionType;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import static io.roomflux.reactor.PublishedTrack.await;
import static io.roomflux.reactor.PublishedTrack.subscribedTrack;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.testkit.PythonPeer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * Interop with a participant that is not RoomFlux: LiveKit's own Python SDK ({@link PythonPeer})
 * in the same room, on the same real livekit-server. A tone goes each way and is found by the
 * same Goertzel analysis on both sides.
 */
@LiveKitIntegrationTest
class PythonPeerInteropTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final double HEARD = 0.9;
  private static final double CONTROL = 0.05;

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("interop");

  @Test
  void aToneFromThePythonSdkIsHeardByRoomFlux() {
    Room java = rooms.join("java");
    CompletableFuture<String> pyTrack = subscribedTrack(java, "py", TrackKind.AUDIO);
    PythonPeer py = rooms.startPeer(rooms.peer("py").publishTone(440, Duration.ZERO));
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
    Room java = rooms.join("java");
    ToneTrack tone = rooms.closeAfter(ToneTrack.publish(java, 440, IO));
    assertThat(tone.publication().source()).isEqualTo(TrackSource.MICROPHONE);

    PythonPeer py = rooms.startPeer(rooms.peer("py").listen("java", 440));
    PythonPeer.Report subscribed = py.awaitReport(r -> r.is("subscribed"), IO);
    assertThat(subscribed.text("track_sid")).contains(tone.publication().sid());
    PythonPeer.Report heard = py.awaitReport(r -> r.is("audio") && r.number("ratio") > HEARD, IO);
    System.out.println("INTEROP java -> python: " + heard);
    assertThat(heard.number("samples")).as("samples in the peer's one-second window").isGreaterThan(40_000);
  }
}
