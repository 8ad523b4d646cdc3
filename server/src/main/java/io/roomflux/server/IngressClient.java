package io.roomflux.server;

import static io.roomflux.server.internal.TwirpTransport.Idempotency.IDEMPOTENT;
import static io.roomflux.server.internal.TwirpTransport.Idempotency.NOT_IDEMPOTENT;

import io.roomflux.server.internal.TwirpTransport;
import io.roomflux.server.internal.TwirpTransport.Grants;
import io.roomflux.token.VideoGrant;
import io.roomflux.server.proto.CreateIngressRequest;
import io.roomflux.server.proto.DeleteIngressRequest;
import io.roomflux.server.proto.IngressInfo;
import io.roomflux.server.proto.ListIngressRequest;
import io.roomflux.server.proto.ListIngressResponse;
import io.roomflux.server.proto.UpdateIngressRequest;
import reactor.core.publisher.Mono;

/**
 * The client of {@code livekit.Ingress}: media brought into rooms (RTMP, WHIP, URL). livekit-server serves these methods but hands the work to a separate ingress service; without one connected it answers with an error ({@link InternalException}).
 *
 * <p>Each call's token grants {@code ingressAdmin}. Every method returns a cold {@link Mono}: subscribing sends the call (again on
 * every subscription) with a freshly minted token, and the Mono ends within the API's timeout with
 * the answer or an error: a {@link TwirpException} subclass for the server's error,
 * {@link ServerConnectException} or {@link ServerTimeoutException}. Reads are retried on
 * {@link UnavailableException}; other calls never are. Answers arrive on reactor-netty's event
 * loop. Thread-safe; obtained from {@link ServerApi}, released with it.
 */
public final class IngressClient {
  private static final String SERVICE = "livekit.Ingress";

  private final TwirpTransport transport;

  IngressClient(TwirpTransport transport) {
    this.transport = transport;
  }

  /**
   * Creates an ingress endpoint.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<IngressInfo> createIngress(CreateIngressRequest request) {
    return transport.call(SERVICE, "CreateIngress", request, IngressInfo.parser(), Grants.video(VideoGrant.builder().ingressAdmin(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Changes an ingress.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<IngressInfo> updateIngress(UpdateIngressRequest request) {
    return transport.call(SERVICE, "UpdateIngress", request, IngressInfo.parser(), Grants.video(VideoGrant.builder().ingressAdmin(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Lists ingresses, of a room or by id.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<ListIngressResponse> listIngress(ListIngressRequest request) {
    return transport.call(SERVICE, "ListIngress", request, ListIngressResponse.parser(), Grants.video(VideoGrant.builder().ingressAdmin(true).build()), IDEMPOTENT);
  }

  /**
   * Deletes an ingress.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<IngressInfo> deleteIngress(DeleteIngressRequest request) {
    return transport.call(SERVICE, "DeleteIngress", request, IngressInfo.parser(), Grants.video(VideoGrant.builder().ingressAdmin(true).build()), NOT_IDEMPOTENT);
  }
}
