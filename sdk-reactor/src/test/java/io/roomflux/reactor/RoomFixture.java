package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.testkit.LiveKitServerExtension;
import io.roomflux.testkit.PythonPeer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the integration tests that join rooms on the real livekit-server: for each test
 * a {@link LiveKit} of its own and a room name nobody else uses, joins that block (JUnit thread),
 * resources closed after the test, and then the check that the test gave every native handle back.
 *
 * <pre>{@code
 * @LiveKitIntegrationTest
 * class RpcTest {
 *   @RegisterExtension
 *   final RoomFixture rooms = new RoomFixture("rpc");
 *
 *   @Test
 *   void aCall() {
 *     Room alice = rooms.join("alice");
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>After each test, and after the test's own {@code @AfterEach} methods, it closes what the test
 * handed to {@link #closeAfter} (last first), disconnects every room the test's {@code LiveKit}
 * still holds, and asserts that no native handle is live (none of any kind, and a live count of
 * zero), that none was reclaimed by the cleaner as a leak, and that the core knew every handle it
 * was asked to drop. The server is the JVM's shared one ({@link LiveKitServerExtension}); the
 * test class carries {@link LiveKitIntegrationTest}.
 */
// Test code patched into the module io.roomflux.reactor: that its public signatures name types of
// the test class path (JUnit, the test kit) matters to no module that reads it.
@SuppressWarnings("exports")
public final class RoomFixture implements BeforeEachCallback, AfterEachCallback {
  private static final Duration IO = Duration.ofSeconds(30);

  private final String prefix;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private LiveKitDevServer server;
  private LiveKit lk;
  private String name;

  /**
   * A fixture whose room names start with {@code prefix}, so that a server log tells which test
   * a room belonged to.
   *
   * @param prefix the start of the room names, such as {@code "rpc"}
   */
  public RoomFixture(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = LiveKitServerExtension.server(context);
    lk = LiveKit.create();
    name = prefix + "-" + UUID.randomUUID();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      for (AutoCloseable resource; (resource = resources.pollLast()) != null; ) {
        resource.close();
      }
    } finally {
      lk.closeRooms().block(IO);
    }
    Diagnostics diagnostics = lk.diagnostics();
    assertThat(diagnostics.liveHandlesByKind()).as("live handles by kind after the test").isEmpty();
    assertThat(diagnostics.liveHandles()).as("live handles after the test").isZero();
    assertThat(diagnostics.leakedHandles()).as("handles reclaimed as leaks").isZero();
    assertThat(diagnostics.dropFailures()).as("drops the core did not recognise").isZero();
  }

  /**
   * The JVM's shared server.
   *
   * @return the server
   */
  public LiveKitDevServer server() {
    return server;
  }

  /**
   * This test's entry point; its rooms are closed after the test.
   *
   * @return the entry point
   */
  public LiveKit lk() {
    return lk;
  }

  /**
   * This test's room name, unique in the run.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Joins this test's room as {@code identity} with a token of the server's default grants and
   * default options; blocks (JUnit thread) up to 30 s.
   *
   * @param identity the participant's identity
   * @return the joined room
   */
  public Room join(String identity) {
    return join(identity, RoomOptions.defaults());
  }

  /**
   * Joins this test's room as {@code identity} with a token of the server's default grants;
   * blocks (JUnit thread) up to 30 s.
   *
   * @param identity the participant's identity
   * @param options how to join
   * @return the joined room
   */
  public Room join(String identity, RoomOptions options) {
    return connect(server.token(identity, name), options);
  }

  /**
   * Joins the room that {@code token} grants, with default options; blocks (JUnit thread) up to 30 s.
   *
   * @param token an access token with a join grant
   * @return the joined room
   */
  public Room connect(String token) {
    return connect(token, RoomOptions.defaults());
  }

  private Room connect(String token, RoomOptions options) {
    Room joined = lk.connect(server.url().toString(), token, options).block(IO);
    assertThat(joined).isNotNull();
    return joined;
  }

  /**
   * Closes {@code resource} after the test, before the rooms are closed and the handles counted;
   * resources are closed last first.
   *
   * @param resource what to close
   * @param <T> its type
   * @return {@code resource}
   */
  public <T extends AutoCloseable> T closeAfter(T resource) {
    resources.add(resource);
    return resource;
  }

  /**
   * A Python peer (LiveKit's Python SDK) that joins this test's room as {@code identity}, named
   * after it; start it with {@link #startPeer}.
   *
   * @param identity the peer's identity
   * @return the peer's builder
   */
  public PythonPeer.Builder peer(String identity) {
    return PythonPeer.builder(server.url(), server.token(identity, name)).name(identity);
  }

  /**
   * Starts a Python peer, closes it after the test, and waits (JUnit thread, up to 30 s) until
   * it reports that it has connected.
   *
   * @param builder the peer
   * @return the connected peer
   */
  public PythonPeer startPeer(PythonPeer.Builder builder) {
    PythonPeer peer = closeAfter(builder.start());
    peer.awaitReport(r -> r.is("connected"), IO);
    return peer;
  }
}
