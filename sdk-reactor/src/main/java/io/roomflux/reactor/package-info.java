/**
 * The RoomFlux API. {@link io.roomflux.reactor.LiveKit} connects to rooms; a
 * {@link io.roomflux.reactor.Room} publishes its events as a typed, hot {@code Flux} and its
 * operations as {@code Mono}s; disconnecting emits {@link io.roomflux.reactor.RoomEvent.Disconnected}
 * and only then releases the room's native handles.
 *
 * <p>No method returns {@code null}; absent values are {@link java.util.Optional} or empty.
 * Signals reach subscribers on the scheduler configured in {@link io.roomflux.reactor.LiveKitOptions},
 * never on the core's threads.
 */
@NullMarked
package io.roomflux.reactor;

import org.jspecify.annotations.NullMarked;
