/**
 * RoomFlux agent workers: a JVM process that registers with livekit-server's agent dispatch
 * ({@code /agent} WebSocket), takes the jobs the server hands out and runs each in its room with
 * RoomFlux. It needs the native core (through {@code io.roomflux.reactor}), which is why it is a
 * module apart from {@code io.roomflux.server}.
 */
module io.roomflux.agents {
  requires transitive io.roomflux.common;
  requires transitive io.roomflux.server;
  requires transitive io.roomflux.reactor;
  requires io.roomflux.token;
  requires transitive reactor.core;
  requires transitive org.reactivestreams;
  requires reactor.netty.core;
  requires reactor.netty.http;
  requires io.netty.buffer;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires com.google.protobuf;
  requires org.slf4j;
  requires static org.jspecify;

  exports io.roomflux.agents;
}
