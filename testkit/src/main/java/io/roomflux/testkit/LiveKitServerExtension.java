package io.roomflux.testkit;

import io.roomflux.devserver.LiveKitDevServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that resolves {@link LiveKitDevServer} parameters (of constructors,
 * test and lifecycle methods) with one server per test JVM. For its server API, tests use
 * roomflux-server's {@code ServerApi} with {@link LiveKitDevServer#httpUrl()} and the server's keys.
 *
 * <pre>{@code
 * @ExtendWith(LiveKitServerExtension.class)
 * class RoomTest {
 *   @Test
 *   void joins(LiveKitDevServer server) { ... server.url() ... server.token("alice", "lobby") ... }
 * }
 * }</pre>
 *
 * <p>The server starts when a parameter first needs it, on that test's thread, and is stopped
 * when JUnit closes its root store at the end of the run.
 */
public final class LiveKitServerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LiveKitServerExtension.class);

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public LiveKitServerExtension() {}

  /**
   * Tells whether the parameter is a {@link LiveKitDevServer}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test's context
   * @return whether this extension resolves it
   */
  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == LiveKitDevServer.class;
  }

  /**
   * Returns the JVM's shared server, starting it on first use.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test's context
   * @return the server
   * @throws IllegalStateException if the server cannot be started (see {@link LiveKitDevServer#start()})
   */
  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return server(extensionContext);
  }

  /**
   * The JVM's shared server, the one parameters get, starting it on first use on the calling
   * thread: for other extensions, such as a test fixture that joins rooms on it.
   *
   * @param extensionContext any context of the test run
   * @return the server, stopped when the run ends
   * @throws IllegalStateException if the server cannot be started (see {@link LiveKitDevServer#start()})
   */
  public static LiveKitDevServer server(ExtensionContext extensionContext) {
    // The root store closes AutoCloseable values when the run ends: that stops the server.
    return extensionContext.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(LiveKitDevServer.class, type -> LiveKitDevServer.start(), LiveKitDevServer.class);
  }
}
