package io.roomflux.reactor;

import io.roomflux.reactor.e2ee.E2eeManager;
import io.roomflux.reactor.e2ee.E2eeNotConfiguredException;
import io.roomflux.reactor.e2ee.EncryptionOptions;
import io.roomflux.reactor.e2ee.EncryptionState;
import io.roomflux.reactor.e2ee.EncryptionType;
import io.roomflux.reactor.participant.TrackKind;
import static io.roomflux.reactor.PublishedTrack.await;
import static io.roomflux.reactor.PublishedTrack.subscribedTrack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.testkit.PythonPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

/**
 * End-to-end encryption against the real server and core: the key operations of
 * {@link E2eeManager}, encrypted media between RoomFlux and LiveKit's Python SDK and between two
 * RoomFlux participants, and what a wrong key really does.
 */
@LiveKitIntegrationTest
class E2eeTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final double HEARD = 0.9;
  private static final byte[] KEY = "roomflux-e2ee-key-0123456789".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OTHER_KEY = "another-e2ee-key-9876543210".getBytes(StandardCharsets.US_ASCII);

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("e2ee");

  // ---- the manager --------------------------------------------------------------------------

  @Test
  void theSharedKeyCanBeReadReplacedAndRatchetedWhileConnected() {
    Room alice = rooms.join("alice", RoomOptions.defaults().withEncryption(EncryptionOptions.sharedKey(KEY)));
    E2eeManager e2ee = alice.e2ee();
    assertThat(e2ee.options()).hasValueSatisfying(o -> assertThat(o.keyRingSize()).isEqualTo(16));

    assertThat(e2ee.sharedKey(0).block(IO)).hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
    assertThat(e2ee.sharedKey(3).block(IO)).isEmpty();

    byte[] mine = OTHER_KEY.clone();
    e2ee.setSharedKey(mine, 3).block(IO);
    Arrays.fill(mine, (byte) 0); // copied when called
    assertThat(e2ee.sharedKey(3).block(IO)).hasValueSatisfying(k -> assertThat(k).isEqualTo(OTHER_KEY));

    Optional<byte[]> ratcheted = e2ee.ratchetSharedKey(3).block(IO);
    assertThat(ratcheted).hasValueSatisfying(k -> assertThat(k).isNotEqualTo(OTHER_KEY).isNotEmpty());
    assertThat(e2ee.sharedKey(3).block(IO)).hasValueSatisfying(k -> assertThat(k).isEqualTo(ratcheted.get()));
    // Ratcheting is deterministic: a receiver that ratchets the same key gets the same one.
    e2ee.setSharedKey(OTHER_KEY, 4).block(IO);
    assertThat(e2ee.ratchetSharedKey(4).block(IO)).hasValueSatisfying(k -> assertThat(k).isEqualTo(ratcheted.get()));
    assertThat(e2ee.ratchetSharedKey(5).block(IO)).isEmpty();
    StepVerifier.create(e2ee.setEnabled(false).then(e2ee.setEnabled(true))).expectComplete().verify(IO);
    StepVerifier.create(e2ee.frameCryptors()).assertNext(list -> assertThat(list).isEmpty()).expectComplete()
        .verify(IO);
  }

  @Test
  void perParticipantKeysAreKeptPerIdentity() {
    Room alice = rooms.join("alice", RoomOptions.defaults().withEncryption(EncryptionOptions.perParticipantKeys()));
    E2eeManager e2ee = alice.e2ee();

    e2ee.setKey("alice", KEY, 0).block(IO);
    e2ee.setKey("bob", OTHER_KEY, 0).block(IO);
    assertThat(e2ee.key("alice", 0).block(IO)).hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
    assertThat(e2ee.key("bob", 0).block(IO)).hasValueSatisfying(k -> assertThat(k).isEqualTo(OTHER_KEY));
    assertThat(e2ee.key("carol", 0).block(IO)).isEmpty();
    Optional<byte[]> ratcheted = e2ee.ratchetKey("bob", 0).block(IO);
    assertThat(ratcheted).hasValueSatisfying(k -> assertThat(k).isNotEqualTo(OTHER_KEY));
    assertThat(e2ee.key("bob", 0).block(IO)).hasValueSatisfying(k -> assertThat(k).isEqualTo(ratcheted.get()));
    assertThat(e2ee.key("alice", 0).block(IO)).hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
  }

  @Test
  void aRoomWithoutEncryptionRefusesKeyOperationsAndHasNoCryptors() {
    Room alice = rooms.join("alice", RoomOptions.defaults());
    E2eeManager e2ee = alice.e2ee();

    assertThat(e2ee.options()).isEmpty();
    StepVerifier.create(e2ee.setSharedKey(KEY, 0)).expectError(E2eeNotConfiguredException.class).verify(IO);
    StepVerifier.create(e2ee.sharedKey(0)).expectError(E2eeNotConfiguredException.class).verify(IO);
    StepVerifier.create(e2ee.setKey("bob", KEY, 0)).expectError(E2eeNotConfiguredException.class).verify(IO);
    StepVerifier.create(e2ee.setEnabled(true)).expectError(E2eeNotConfiguredException.class).verify(IO);
    StepVerifier.create(e2ee.frameCryptors()).assertNext(list -> assertThat(list).isEmpty()).expectComplete()
        .verify(IO);
  }

  @Test
  void argumentsAreCheckedWhenCalledAndAClosedRoomRefusesEverything() {
    Room alice = rooms.join("alice", RoomOptions.defaults()
        .withEncryption(EncryptionOptions.sharedKey(KEY).withKeyRingSize(4)));
    E2eeManager e2ee = alice.e2ee();

    assertThatThrownBy(() -> e2ee.setSharedKey(KEY, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 3");
    assertThatThrownBy(() -> e2ee.sharedKey(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> e2ee.setSharedKey(new byte[0], 0)).isInstanceOf(IllegalArgumentException.class);
    // The core parses a track sid with unwrap(): a malformed one would make it panic.
    assertThatThrownBy(() -> e2ee.setFrameCryptorEnabled("bob", "not-a-sid", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncryptionOptions.sharedKey(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncryptionOptions.sharedKey(KEY).withKeyRingSize(257))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncryptionOptions.sharedKey(KEY).withFailureTolerance(-2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncryptionOptions.sharedKey(KEY).withType(EncryptionType.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    // A track without a cryptor is ignored by the core.
    StepVerifier.create(e2ee.setFrameCryptorKeyIndex("bob", "TR_unknown", 1)).expectComplete().verify(IO);

    alice.disconnect().block(IO);
    StepVerifier.create(e2ee.setSharedKey(KEY, 0)).expectError(RoomClosedException.class).verify(IO);
    StepVerifier.create(e2ee.frameCryptors()).expectError(RoomClosedException.class).verify(IO);
  }

  @Test
  void keysNeverAppearInToStringOrLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // RoomFlux's and the core's lines down to DEBUG, where the core's chatter is logged.
    Logger roomflux = (Logger) LoggerFactory.getLogger("io.roomflux");
    ch.qos.logback.classic.Level level = roomflux.getLevel();
    roomflux.setLevel(ch.qos.logback.classic.Level.DEBUG);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      EncryptionOptions options = EncryptionOptions.sharedKey(KEY);
      RoomOptions roomOptions = RoomOptions.defaults().withEncryption(options);
      Room alice = rooms.join("alice", roomOptions);
      alice.e2ee().setSharedKey(OTHER_KEY, 1).block(IO);
      alice.e2ee().ratchetSharedKey(1).block(IO);
      alice.e2ee().setKey("bob", OTHER_KEY, 2).block(IO);
      alice.disconnect().block(IO);

      List<String> texts = new java.util.ArrayList<>(List.of(options.toString(), roomOptions.toString(),
          alice.e2ee().toString()));
      logs.list.forEach(e -> texts.add(e.getFormattedMessage()));
      for (byte[] key : List.of(KEY, OTHER_KEY)) {
        String ascii = new String(key, StandardCharsets.US_ASCII);
        // As the core's Rust debug output would print them ([114, 111, ...]; the keys are ASCII).
        String decimal = Arrays.toString(key).replace("[", "").replace("]", "");
        String hex = HexFormat.of().formatHex(key);
        assertThat(texts).allSatisfy(text -> assertThat(text)
            .doesNotContain(ascii).doesNotContain(decimal).doesNotContainIgnoringCase(hex));
      }
      assertThat(options.toString()).contains("sharedKey=<redacted>");
      System.out.println("E2EE log check: " + logs.list.size() + " log events, e.g. " + options);
    } finally {
      root.detachAppender(logs);
      roomflux.setLevel(level);
    }
  }

  // ---- encrypted media ----------------------------------------------------------------------

  @Test
  void withTheSameSharedKeyRoomFluxAndThePythonSdkHearEachOther() {
    Room java = rooms.join("java", RoomOptions.defaults().withEncryption(EncryptionOptions.sharedKey(KEY)));
    CompletableFuture<String> pyTrack = subscribedTrack(java, "py", TrackKind.AUDIO);
    CompletableFuture<RoomEvent.E2eeStateChanged> pyDecrypting = java.events()
        .ofType(RoomEvent.E2eeStateChanged.class).filter(e -> e.identity().equals("py")).next().toFuture();
    ToneTrack tone = rooms.closeAfter(ToneTrack.publish(java, 440, IO));
    assertThat(tone.publication().encryption()).isEqualTo(EncryptionType.GCM);

    PythonPeer py = rooms.startPeer(rooms.peer("py").sharedKey(KEY)
        .publishTone(880, Duration.ZERO).listen("java", 440));
    String sid = await(pyTrack, IO);
    assertThat(java.publications("py").get(sid).encryption()).isEqualTo(EncryptionType.GCM);

    // Python -> RoomFlux, decrypted by RoomFlux.
    StepVerifier.create(ToneTrack.windows(java, sid, 880).filter(w -> w.ratio() > HEARD).next())
        .assertNext(w -> System.out.printf("E2EE python -> java: 880 Hz ratio %.4f%n", w.ratio()))
        .expectComplete()
        .verify(IO);
    assertThat(await(pyDecrypting, IO).state()).isEqualTo(EncryptionState.OK);
    // RoomFlux -> Python, decrypted by the Python SDK.
    PythonPeer.Report heard = py.awaitReport(r -> r.is("audio") && r.number("ratio") > HEARD, IO);
    System.out.println("E2EE java -> python: " + heard);
    assertThat(py.awaitReport(r -> r.is("e2ee_state") && r.text("participant").equals(Optional.of("java")), IO)
        .text("state")).contains("OK");

    StepVerifier.create(java.e2ee().frameCryptors())
        .assertNext(cryptors -> assertThat(cryptors)
            .anySatisfy(c -> {
              assertThat(c.identity()).isEqualTo("py");
              assertThat(c.trackSid()).isEqualTo(sid);
              assertThat(c.enabled()).isTrue();
            })
            .anySatisfy(c -> {
              assertThat(c.identity()).isEqualTo("java");
              assertThat(c.trackSid()).isEqualTo(tone.publication().sid());
            }))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void twoRoomFluxParticipantsWithTheSameSharedKeyHearEachOther() {
    RoomOptions encrypted = RoomOptions.defaults().withEncryption(EncryptionOptions.sharedKey(KEY));
    Room alice = rooms.join("alice", encrypted);
    Room bob = rooms.join("bob", encrypted);
    CompletableFuture<String> aliceTrack = subscribedTrack(bob, "alice", TrackKind.AUDIO);
    rooms.closeAfter(ToneTrack.publish(alice, 440, IO));
    String sid = await(aliceTrack, IO);

    assertThat(bob.publications("alice").get(sid).encryption()).isEqualTo(EncryptionType.GCM);
    StepVerifier.create(ToneTrack.windows(bob, sid, 440).filter(w -> w.ratio() > HEARD).next())
        .assertNext(w -> System.out.printf("E2EE java -> java: 440 Hz ratio %.4f%n", w.ratio()))
        .expectComplete()
        .verify(IO);
  }

  /**
   * What a wrong key really does, observed with this core. Undecryptable frames are dropped: the
   * receiver hears silence, not noise. A receiver with a failure tolerance of 0 or more (here
   * RoomFlux) reports {@link EncryptionState#DECRYPTION_FAILED} and then drops the sender's frames
   * unread until it sets a key itself; one with the default tolerance of -1 (here the Python SDK,
   * without a ratchet window) reports nothing at all and recovers as soon as the sender uses its
   * key. Setting the right key on the RoomFlux side while connected therefore brings the media
   * back in both directions. (With LiveKit's defaults on the receiver, tolerance -1 and a window
   * of 16, a wrong key made it fall behind and stay silent for as long as we watched, also after
   * the keys matched again: see {@link EncryptionOptions}.)
   */
  @Test
  void aDifferentKeyIsReportedAsADecryptionFailureAndTheRightKeyRestoresTheMedia() {
    Room java = rooms.join("java", RoomOptions.defaults()
        .withEncryption(EncryptionOptions.sharedKey(KEY).withFailureTolerance(0)));
    CompletableFuture<String> pyTrack = subscribedTrack(java, "py", TrackKind.AUDIO);
    CompletableFuture<RoomEvent.E2eeStateChanged> failure = java.events()
        .ofType(RoomEvent.E2eeStateChanged.class)
        .filter(e -> e.identity().equals("py") && e.state() != EncryptionState.NEW && e.state() != EncryptionState.OK)
        .next().toFuture();
    rooms.closeAfter(ToneTrack.publish(java, 440, IO));

    PythonPeer py = rooms.startPeer(rooms.peer("py").sharedKey(OTHER_KEY)
        .ratchetWindowSize(0).publishTone(880, Duration.ZERO).listen("java", 440));
    String sid = await(pyTrack, IO);

    RoomEvent.E2eeStateChanged failed = await(failure, IO);
    System.out.println("E2EE wrong key, RoomFlux side: " + failed);
    assertThat(failed.state()).isEqualTo(EncryptionState.DECRYPTION_FAILED);
    // Undecryptable frames are dropped: what plays is silence, on both sides.
    StepVerifier.create(ToneTrack.windows(java, sid, 880).take(2))
        .thenConsumeWhile(w -> w.ratio() < 0.01)
        .expectComplete()
        .verify(IO);
    py.awaitReport(r -> r.is("subscribed"), IO);
    int mark = py.reportCount();
    assertThat(py.awaitReportAfter(mark, r -> r.is("audio"), IO).number("ratio")).isLessThan(0.01);

    // The right key, set while connected (shared-key mode: it also becomes our sending key).
    CompletableFuture<RoomEvent.E2eeStateChanged> recovered = java.events()
        .ofType(RoomEvent.E2eeStateChanged.class)
        .filter(e -> e.identity().equals("py") && e.state() == EncryptionState.OK)
        .next().toFuture();
    mark = py.reportCount();
    java.e2ee().setSharedKey(OTHER_KEY, 0).block(IO);
    StepVerifier.create(ToneTrack.windows(java, sid, 880).filter(w -> w.ratio() > HEARD).next())
        .assertNext(w -> System.out.printf("E2EE key fixed, python -> java: 880 Hz ratio %.4f%n", w.ratio()))
        .expectComplete()
        .verify(IO);
    assertThat(await(recovered, IO).state()).isEqualTo(EncryptionState.OK);
    PythonPeer.Report heard = py.awaitReportAfter(mark, r -> r.is("audio") && r.number("ratio") > HEARD, IO);
    System.out.println("E2EE key fixed, java -> python: " + heard);
    // The Python side (tolerance -1) went through seconds of undecryptable frames without a word.
    assertThat(py.reports()).filteredOn(r -> r.is("e2ee_state"))
        .allSatisfy(r -> assertThat(r.text("state")).isNotEqualTo(Optional.of("DECRYPTION_FAILED")));
    System.out.println("E2EE Python side states: " + py.reports().stream().filter(r -> r.is("e2ee_state")).toList());
  }
}
