/**
 * Test support for RoomFlux: a real livekit-server in dev mode ({@link io.roomflux.testkit.LiveKitDevServer}),
 * a JUnit 5 extension that shares one per test JVM, and a small server API client.
 */
module io.roomflux.testkit {
  requires transitive org.junit.jupiter.api;
  requires io.roomflux.token;
  requires java.net.http;
  requires org.slf4j;
  requires static org.jspecify;

  exports io.roomflux.testkit;
}
