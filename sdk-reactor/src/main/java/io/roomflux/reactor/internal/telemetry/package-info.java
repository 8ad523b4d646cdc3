/**
 * Not API: RoomFlux's implementation, not exported by the {@code io.roomflux.reactor} module and
 * free to change in any release.
 */
@NullMarked
package io.roomflux.reactor.internal.telemetry;

import org.jspecify.annotations.NullMarked;
