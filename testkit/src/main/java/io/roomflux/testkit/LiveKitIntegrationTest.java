package io.roomflux.testkit;

import io.roomflux.devserver.LiveKitDevServer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs the real livekit-server: it is tagged {@value #TAG},
 * and its {@link LiveKitDevServer} parameters are resolved by
 * {@link LiveKitServerExtension} (one server per test JVM).
 *
 * <pre>{@code
 * @LiveKitIntegrationTest
 * class RoomTest {
 *   @Test
 *   void joins(LiveKitDevServer server) { ... }
 * }
 * }</pre>
 *
 * <p>The build selects tests by this tag: the unit-test execution ({@code default-test}, phase
 * {@code test}) runs every test without it, and the execution {@code integration-test} (phase
 * {@code integration-test}) runs the tagged ones afterwards, in a test JVM configured the same
 * way. A test that needs a server it does not get through the extension (one started by the
 * application under test) carries {@code @Tag(LiveKitIntegrationTest.TAG)} instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(LiveKitIntegrationTest.TAG)
@ExtendWith(LiveKitServerExtension.class)
public @interface LiveKitIntegrationTest {
  /** The JUnit tag of the tests the build runs in its {@code integration-test} execution. */
  String TAG = "integration";
}
