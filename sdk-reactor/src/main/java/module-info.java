/**
 * RoomFlux's public API: LiveKit rooms with Project Reactor.
 *
 * <p>Start with {@link io.roomflux.reactor.LiveKit}. Needs native access for the core: on the
 * module path run with {@code --enable-native-access=io.roomflux.core}.
 */
module io.roomflux.reactor {
  requires transitive io.roomflux.core;
  requires transitive reactor.core;
  requires transitive org.reactivestreams;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.roomflux.reactor;
  exports io.roomflux.reactor.media;
}
