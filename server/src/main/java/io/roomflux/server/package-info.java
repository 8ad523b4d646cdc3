/**
 * RoomFlux's LiveKit server API: {@link io.roomflux.server.ServerApi} and its Twirp clients
 * ({@link io.roomflux.server.RoomServiceClient}, {@link io.roomflux.server.AgentDispatchClient},
 * {@link io.roomflux.server.EgressClient}, {@link io.roomflux.server.IngressClient},
 * {@link io.roomflux.server.SipClient}), and the errors they signal, all under
 * {@link io.roomflux.RoomFluxException}. Requests and answers are the protocol messages of
 * {@code io.roomflux.server.proto}.
 */
@NullMarked
package io.roomflux.server;

import org.jspecify.annotations.NullMarked;
