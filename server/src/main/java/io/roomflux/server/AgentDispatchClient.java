package io.roomflux.server;

import static io.roomflux.server.internal.TwirpTransport.Idempotency.IDEMPOTENT;
import static io.roomflux.server.internal.TwirpTransport.Idempotency.NOT_IDEMPOTENT;

import io.roomflux.server.internal.TwirpTransport;
import io.roomflux.server.internal.TwirpTransport.Grants;
import io.roomflux.token.VideoGrant;
import io.roomflux.server.proto.AgentDispatch;
import io.roomflux.server.proto.CreateAgentDispatchRequest;
import io.roomflux.server.proto.DeleteAgentDispatchRequest;
import io.roomflux.server.proto.ListAgentDispatchRequest;
import io.roomflux.server.proto.ListAgentDispatchResponse;
import reactor.core.publisher.Mono;

/**
 * The client of {@code livekit.AgentDispatchService}: explicit dispatch of agent jobs to workers registered under an agent name.
 *
 * <p>Each call's token grants {@code roomAdmin} for the request's room. Every method returns a cold {@link Mono}: subscribing sends the call (again on
 * every subscription) with a freshly minted token, and the Mono ends within the API's timeout with
 * the answer or an error: a {@link TwirpException} subclass for the server's error,
 * {@link ServerConnectException} or {@link ServerTimeoutException}. Reads are retried on
 * {@link UnavailableException}; other calls never are. Answers arrive on reactor-netty's event
 * loop. Thread-safe; obtained from {@link ServerApi}, released with it.
 */
public final class AgentDispatchClient {
  private static final String SERVICE = "livekit.AgentDispatchService";

  private final TwirpTransport transport;

  AgentDispatchClient(TwirpTransport transport) {
    this.transport = transport;
  }

  /**
   * Asks the server to dispatch a job for the request's room to a worker of the named agent.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<AgentDispatch> createDispatch(CreateAgentDispatchRequest request) {
    return transport.call(SERVICE, "CreateDispatch", request, AgentDispatch.parser(), Grants.video(admin(request.getRoom())), NOT_IDEMPOTENT);
  }

  /**
   * Deletes a dispatch of a room.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<AgentDispatch> deleteDispatch(DeleteAgentDispatchRequest request) {
    return transport.call(SERVICE, "DeleteDispatch", request, AgentDispatch.parser(), Grants.video(admin(request.getRoom())), NOT_IDEMPOTENT);
  }

  /**
   * Lists the dispatches of a room, or one by id.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<ListAgentDispatchResponse> listDispatch(ListAgentDispatchRequest request) {
    return transport.call(SERVICE, "ListDispatch", request, ListAgentDispatchResponse.parser(), Grants.video(admin(request.getRoom())), IDEMPOTENT);
  }

  private static VideoGrant admin(String room) {
    VideoGrant.Builder grant = VideoGrant.builder().roomAdmin(true);
    if (!room.isEmpty()) {
      grant.room(room);
    }
    return grant.build();
  }
}
