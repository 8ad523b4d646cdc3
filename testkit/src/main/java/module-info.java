/**
 * Test support for RoomFlux: a JUnit 5 extension that shares one real livekit-server in dev mode
 * ({@link io.roomflux.devserver.LiveKitDevServer}) per test JVM, and helpers for RoomFlux's own tests.
 */
module io.roomflux.testkit {
  // JUnit is the using project's own (Maven scope provided): static, so the kit never makes it a run-time
  // requirement; transitive, because the extension's signatures show JUnit types to the tests that use it.
  requires static transitive org.junit.jupiter.api;
  requires transitive io.roomflux.devserver;
  requires io.roomflux.token;
  requires tools.jackson.databind;
  requires org.slf4j;
  requires static org.jspecify;
  // Only for BlockHoundContract; optional dependencies, present where the tests run under BlockHound.
  requires static reactor.core;
  requires static reactor.blockhound;

  exports io.roomflux.testkit;
}
