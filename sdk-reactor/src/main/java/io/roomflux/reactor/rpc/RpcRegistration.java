package io.roomflux.reactor.rpc;

import io.roomflux.reactor.participant.LocalParticipant;
import reactor.core.Disposable;

/**
 * A method handler registered with {@link LocalParticipant#registerRpcMethod}.
 *
 * <p>{@link #dispose()} stops accepting calls of the method: it removes the handler and, while
 * the room is connected, tells the core to unregister the method, so later calls fail on the
 * caller's side with {@link RpcException#UNSUPPORTED_METHOD}. Calls already being handled still
 * get their answer. It runs on the calling thread, makes one short non-blocking call into the
 * core, and is idempotent. Closing the room releases every registration by itself.
 */
public interface RpcRegistration extends Disposable {
  /**
   * The registered method name.
   *
   * @return the method
   */
  String method();
}
