package io.roomflux.samples.webflux;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application on a random port, configured as any application of the starter is: by
 * {@code roomflux.url}, {@code roomflux.api-key} and {@code roomflux.api-secret}, here those of
 * the test kit's livekit-server (one per test JVM, in the test's network namespace); the sample's
 * own embedded server stays off. Subclasses share one application context.
 */
@LiveKitIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "sample.embedded-server=false")
abstract class SampleAppIntegrationTest {
  // Set before the context starts (JUnit runs @BeforeAll before Spring builds the test instance);
  // read by the property suppliers when the context binds roomflux.*.
  private static final AtomicReference<LiveKitDevServer> SERVER = new AtomicReference<>();

  @BeforeAll
  static void useTheTestKitsServer(LiveKitDevServer server) {
    SERVER.set(server);
  }

  @DynamicPropertySource
  static void roomFluxProperties(DynamicPropertyRegistry registry) {
    registry.add("roomflux.url", () -> server().url().toString());
    registry.add("roomflux.api-key", () -> server().apiKey());
    registry.add("roomflux.api-secret", () -> server().apiSecret());
  }

  /**
   * The test kit's server that the application uses.
   *
   * @return the server
   */
  static LiveKitDevServer server() {
    return Objects.requireNonNull(SERVER.get(), "the test kit's server is set in @BeforeAll");
  }
}
