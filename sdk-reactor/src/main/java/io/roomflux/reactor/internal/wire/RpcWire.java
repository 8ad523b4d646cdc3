package io.roomflux.reactor.internal.wire;

import io.roomflux.proto.RpcError;
import io.roomflux.reactor.rpc.RpcException;

/** RPC errors to and from the core's protocol. */
public final class RpcWire {
  private RpcWire() {
  }

  /**
   * The error a remote method (or LiveKit) reported. The wire protocol cannot tell absent data
   * from empty data: the core reports "" for none.
   *
   * @param error the core's error
   * @return the exception
   */
  public static RpcException rpcException(RpcError error) {
    return new RpcException(error.getCode(), error.getMessage(),
        error.hasData() && !error.getData().isEmpty() ? error.getData() : null);
  }
}
