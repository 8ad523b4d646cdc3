/**
 * RoomFlux's public API: LiveKit rooms with Project Reactor.
 *
 * <p>Start with {@link io.roomflux.reactor.LiveKit}. The API is the exported packages below and
 * nothing else: the native core binding ({@code io.roomflux.core}) and the core's generated
 * protocol ({@code io.roomflux.proto}) are read by this module but not re-exported, so an
 * application cannot reach them. Needs native access for the core: on the module path run with
 * {@code --enable-native-access=io.roomflux.core}.
 */
module io.roomflux.reactor {
  requires transitive io.roomflux.common;
  requires transitive reactor.core;
  requires transitive org.reactivestreams;
  requires io.roomflux.core;
  requires io.roomflux.proto;
  requires com.google.protobuf;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.roomflux.reactor;
  exports io.roomflux.reactor.data;
  exports io.roomflux.reactor.e2ee;
  exports io.roomflux.reactor.media;
  exports io.roomflux.reactor.participant;
  exports io.roomflux.reactor.rpc;
}
