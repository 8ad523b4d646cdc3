/**
 * The livekit-ffi protocol, generated from our {@code .proto} files: internal to RoomFlux. It is a
 * named module (not an automatic one) so that it can export its package only to RoomFlux's own
 * modules; an automatic module would be readable by every module that reads any automatic
 * module, and so by applications.
 */
module io.roomflux.proto {
  requires transitive com.google.protobuf;

  exports io.roomflux.proto to io.roomflux.core, io.roomflux.reactor;
}
