package io.roomflux.reactor.rpc;

import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Runs around the handler of every incoming RPC call of a room (added with
 * {@link io.roomflux.reactor.participant.LocalParticipant#addRpcInterceptor}): to log, measure,
 * authorize or change calls and answers in one place instead of in each handler. An interceptor
 * calls {@code next} to go on (the next interceptor, or the method's handler), with the same or
 * another invocation, and may change its answer; or it answers itself, or refuses the call by
 * failing with an {@link RpcException} (its code and message reach the caller), without calling
 * {@code next}. It is called on {@code LiveKitOptions.scheduler()}, under the call's response
 * timeout, and must not block; any other failure reaches the caller as an application error, as
 * a handler's does.
 */
@FunctionalInterface
public interface RpcInterceptor {
  /**
   * Handles one incoming call.
   *
   * @param invocation the call
   * @param next the rest of the chain: the next interceptor, or the method's handler
   * @return the answer's payload (empty answers the empty string)
   */
  Mono<String> intercept(RpcInvocation invocation, Function<RpcInvocation, Mono<String>> next);
}
