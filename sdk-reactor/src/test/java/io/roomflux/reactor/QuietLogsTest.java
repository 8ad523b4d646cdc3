package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

/**
 * What RoomFlux and the core log, against the real server: an error the application receives is
 * not logged above DEBUG as well, a clean session logs nothing above DEBUG, and the core's
 * chatter (its INFO lines) arrives at DEBUG.
 *
 * <p>The core sends its records in batches, up to a second after it logged them, in the order it
 * logged them. Each test therefore ends with a clean session of a room of its own and waits for
 * the core's "Disconnected from room" record of that room: everything the core logged before has
 * been forwarded by then.
 */
@LiveKitIntegrationTest
class QuietLogsTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final String CORE = "io.roomflux.ffi";

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("quiet");

  private final Logger roomflux = (Logger) LoggerFactory.getLogger("io.roomflux");
  private final Logger core = (Logger) LoggerFactory.getLogger(CORE);
  private final Capture logs = new Capture();
  private Level coreLevel;

  /** Keeps every event of io.roomflux.*, and completes the futures waiting for one. */
  private static final class Capture extends AppenderBase<ILoggingEvent> {
    final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final List<Awaited> awaited = new CopyOnWriteArrayList<>();

    private record Awaited(Predicate<ILoggingEvent> test, CompletableFuture<ILoggingEvent> seen) {
    }

    CompletableFuture<ILoggingEvent> next(Predicate<ILoggingEvent> test) {
      CompletableFuture<ILoggingEvent> seen = new CompletableFuture<>();
      awaited.add(new Awaited(test, seen));
      events.stream().filter(test).findFirst().ifPresent(seen::complete);
      return seen;
    }

    @Override
    protected void append(ILoggingEvent event) {
      events.add(event);
      awaited.stream().filter(a -> a.test().test(event)).forEach(a -> a.seen().complete(event));
    }
  }

  @BeforeEach
  void captureAtDebug() {
    // The core's records at DEBUG too, so that the chatter is seen where it goes.
    coreLevel = core.getLevel();
    core.setLevel(Level.DEBUG);
    logs.start();
    roomflux.addAppender(logs);
  }

  @AfterEach
  void release() {
    roomflux.detachAppender(logs);
    logs.stop();
    core.setLevel(coreLevel);
  }

  @Test
  void failedConnectsLogNothingAboveDebugBesidesTheErrorsTheCallerGets() throws Exception {
    LiveKitDevServer server = rooms.server();
    String forged = AccessToken.builder().apiKey(server.apiKey()).apiSecret("not-the-secret")
        .identity("mallory").videoGrant(VideoGrant.builder().roomJoin(true).room(rooms.name()).build())
        .build().toJwt();
    RoomOptions options = RoomOptions.defaults().withConnectTimeout(Duration.ofSeconds(10));

    StepVerifier.create(rooms.lk().connect(server.url().toString(), forged, options))
        .expectError(InvalidTokenException.class)
        .verify(IO);
    StepVerifier.create(rooms.lk().connect("ws://127.0.0.1:1", server.token("alice", rooms.name()), options))
        .expectError(ServerUnreachableException.class)
        .verify(IO);
    StepVerifier.create(rooms.lk().connect(server.url() + "/no/such/path", server.token("alice", rooms.name()),
            options))
        .expectError(ServerUnreachableException.class)
        .verify(IO);
    cleanSessionForwarded();

    assertQuiet();
  }

  @Test
  void aCleanSessionWithAPublishedTrackLogsNothingAboveDebug() throws Exception {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    // Published, then left at once: the disconnect meets the publisher's negotiation.
    ToneTrack tone = ToneTrack.publish(alice, 440, IO);
    alice.localParticipant().publishData(new byte[100], io.roomflux.reactor.data.DataOptions.reliable()).block(IO);
    alice.disconnect().block(IO);
    tone.close();
    bob.disconnect().block(IO);
    cleanSessionForwarded();

    assertQuiet();
    // The core's chatter is there, at DEBUG.
    assertThat(logs.events).filteredOn(e -> e.getLoggerName().startsWith(CORE)
            && e.getFormattedMessage().startsWith("connecting to"))
        .isNotEmpty().allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
  }

  /** Joins and leaves a room of its own, and waits until the core's record of that leave is here. */
  private void cleanSessionForwarded() throws Exception {
    String room = "quiet-flush-" + UUID.randomUUID();
    CompletableFuture<ILoggingEvent> left = logs.next(e -> e.getLoggerName().startsWith(CORE)
        && e.getFormattedMessage().contains("Disconnected from room \"" + room + "\""));
    Room flush = rooms.connect(rooms.server().token("carol", room));
    flush.disconnect().block(IO);
    left.get(IO.toSeconds(), TimeUnit.SECONDS);
  }

  private void assertQuiet() {
    assertThat(logs.events)
        .as("events of io.roomflux.* above DEBUG (the core's: above DEBUG but WARN is what it really warns of)")
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
            || e.getLoggerName().startsWith(CORE) && e.getLevel().isGreaterOrEqual(Level.INFO))
        .extracting(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage())
        .isEmpty();
  }
}
