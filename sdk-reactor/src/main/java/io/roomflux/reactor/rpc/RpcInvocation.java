package io.roomflux.reactor.rpc;

import io.roomflux.reactor.participant.LocalParticipant;
import java.time.Duration;

/**
 * One incoming call of a method registered with {@link LocalParticipant#registerRpcMethod},
 * as its handler receives it.
 *
 * @param requestId the RPC protocol's id of this call, unique per caller
 * @param callerIdentity the identity of the participant that called
 * @param method the method called
 * @param payload the caller's payload, as the caller sent it (often JSON)
 * @param responseTimeout how long the caller waits for the answer; a handler that has not
 *     answered by then is cancelled and the caller gets {@link RpcException#RESPONSE_TIMEOUT}
 */
public record RpcInvocation(String requestId, String callerIdentity, String method, String payload,
                            Duration responseTimeout) {
}
