/**
 * RoomFlux's LiveKit server API: non-blocking Twirp clients on reactor-netty for RoomService,
 * AgentDispatchService, Egress, Ingress and SIP, and verified webhooks. It never loads the native
 * core: a service that only manages rooms needs none.
 */
module io.roomflux.server {
  requires transitive io.roomflux.common;
  requires transitive io.roomflux.token;
  requires transitive com.google.protobuf;
  requires transitive reactor.core;
  requires transitive org.reactivestreams;
  requires com.google.protobuf.util;
  requires transitive reactor.netty.core;
  requires transitive reactor.netty.http;
  requires io.netty.buffer;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires io.netty.transport;
  requires static org.jspecify;

  exports io.roomflux.server;
  exports io.roomflux.server.proto;
  exports io.roomflux.server.webhook;
}
