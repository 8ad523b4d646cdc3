/**
 * Not API: RoomFlux's implementation, not exported by the {@code io.roomflux.reactor} module and
 * free to change in any release.
 */
@NullMarked
package io.roomflux.reactor.internal.e2ee;

import org.jspecify.annotations.NullMarked;
