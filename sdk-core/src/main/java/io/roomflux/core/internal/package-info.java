/**
 * Internals of the RoomFlux core: native loading, the FFM binding, the event dispatcher and log
 * forwarding. Not API: not exported by the module, and subject to change
 * without notice.
 */
@NullMarked
package io.roomflux.core.internal;

import org.jspecify.annotations.NullMarked;
