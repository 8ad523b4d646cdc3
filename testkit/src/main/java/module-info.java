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
  // Only for BlockHoundContract; optional dependencies, present where the tests run under BlockHound.
  requires static reactor.core;
  requires static reactor.blockhound;

  exports io.roomflux.testkit;
}
