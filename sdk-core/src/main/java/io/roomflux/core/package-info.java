/**
 * The livekit-ffi core as plain Java: {@link io.roomflux.core.FfiClient} sends protocol requests
 * and dispatches events, {@link io.roomflux.core.OwnedHandle} owns a native handle and drops it
 * exactly once after its last {@link io.roomflux.core.Lease} is released.
 *
 * <p>Threads: the core calls back on its own threads; those callbacks only copy the bytes and
 * hand them to one dispatcher thread ({@code roomflux-ffi-dispatch}), which decodes and routes
 * every event in the order the core sent it. Listeners run on that thread and must not block.
 */
@NullMarked
package io.roomflux.core;

import org.jspecify.annotations.NullMarked;
