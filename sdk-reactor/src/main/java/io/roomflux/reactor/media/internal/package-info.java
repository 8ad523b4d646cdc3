/**
 * Not API: the bridge through which other RoomFlux packages (rooms publishing sources and
 * receiving frames) reach the media package's internals. Not exported from the module; may change
 * without notice.
 */
@NullMarked
package io.roomflux.reactor.media.internal;

import org.jspecify.annotations.NullMarked;
