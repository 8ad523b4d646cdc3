/**
 * RoomFlux core: the livekit-ffi native core bound through {@code java.lang.foreign}.
 *
 * <p>Internal to RoomFlux: {@code io.roomflux.core} is exported only to RoomFlux's own modules,
 * never to applications, which use {@code io.roomflux.reactor}. Needs native access: on the module path run with
 * {@code --enable-native-access=io.roomflux.core}; on the class path the jar's
 * {@code Enable-Native-Access: ALL-UNNAMED} manifest attribute covers executable jars, and
 * other launches pass {@code --enable-native-access=ALL-UNNAMED}.
 */
module io.roomflux.core {
  requires transitive io.roomflux.common;
  requires transitive io.roomflux.proto;
  requires transitive com.google.protobuf;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires static reactor.blockhound;

  exports io.roomflux.core to io.roomflux.reactor;

  provides reactor.blockhound.integration.BlockHoundIntegration
      with io.roomflux.core.internal.CoreBlockHoundIntegration;
}
