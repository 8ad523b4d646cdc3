package io.roomflux.core;

import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiResponse;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous request that the core accepted: its immediate response, and the callback event
 * that will carry its outcome. The callback future completes on the dispatcher thread, or
 * exceptionally with {@link FfiPanicException} or {@link FfiClosedException}; it is never left
 * pending by a panic or a close.
 *
 * @param asyncId the {@code request_async_id} we chose and registered before sending
 * @param response the core's synchronous response
 * @param callback the callback event with that async id
 */
public record AsyncCall(long asyncId, FfiResponse response, CompletableFuture<FfiEvent> callback) {
}
