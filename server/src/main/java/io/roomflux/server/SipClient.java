package io.roomflux.server;

import static io.roomflux.server.internal.TwirpTransport.Idempotency.IDEMPOTENT;
import static io.roomflux.server.internal.TwirpTransport.Idempotency.NOT_IDEMPOTENT;

import io.roomflux.server.internal.TwirpTransport;
import io.roomflux.server.internal.TwirpTransport.Grants;
import io.roomflux.token.SipGrant;
import io.roomflux.token.VideoGrant;
import io.roomflux.server.proto.CreateSIPDispatchRuleRequest;
import io.roomflux.server.proto.CreateSIPInboundTrunkRequest;
import io.roomflux.server.proto.CreateSIPOutboundTrunkRequest;
import io.roomflux.server.proto.CreateSIPParticipantRequest;
import io.roomflux.server.proto.DeleteSIPDispatchRuleRequest;
import io.roomflux.server.proto.DeleteSIPTrunkRequest;
import io.roomflux.server.proto.GetSIPInboundTrunkRequest;
import io.roomflux.server.proto.GetSIPInboundTrunkResponse;
import io.roomflux.server.proto.GetSIPOutboundTrunkRequest;
import io.roomflux.server.proto.GetSIPOutboundTrunkResponse;
import io.roomflux.server.proto.ListSIPDispatchRuleRequest;
import io.roomflux.server.proto.ListSIPDispatchRuleResponse;
import io.roomflux.server.proto.ListSIPInboundTrunkRequest;
import io.roomflux.server.proto.ListSIPInboundTrunkResponse;
import io.roomflux.server.proto.ListSIPOutboundTrunkRequest;
import io.roomflux.server.proto.ListSIPOutboundTrunkResponse;
import io.roomflux.server.proto.ListSIPTrunkRequest;
import io.roomflux.server.proto.ListSIPTrunkResponse;
import io.roomflux.server.proto.SIPDispatchRuleInfo;
import io.roomflux.server.proto.SIPInboundTrunkInfo;
import io.roomflux.server.proto.SIPOutboundTrunkInfo;
import io.roomflux.server.proto.SIPParticipantInfo;
import io.roomflux.server.proto.SIPTrunkInfo;
import io.roomflux.server.proto.TransferSIPParticipantRequest;
import io.roomflux.server.proto.UpdateSIPDispatchRuleRequest;
import io.roomflux.server.proto.UpdateSIPInboundTrunkRequest;
import io.roomflux.server.proto.UpdateSIPOutboundTrunkRequest;
import com.google.protobuf.Empty;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The client of {@code livekit.SIP}: trunks, dispatch rules and calls. livekit-server serves these methods but hands the work to a separate SIP service; without one connected it answers with an error ({@link InternalException}).
 *
 * <p>Each call's token grants SIP {@code admin}, or SIP {@code call} for the call methods. Every method returns a cold {@link Mono}: subscribing sends the call (again on
 * every subscription) with a freshly minted token, and the Mono ends within the API's timeout with
 * the answer or an error: a {@link TwirpException} subclass for the server's error,
 * {@link ServerConnectException} or {@link ServerTimeoutException}. Reads are retried on
 * {@link UnavailableException}; other calls never are. Answers arrive on reactor-netty's event
 * loop. Thread-safe; obtained from {@link ServerApi}, released with it.
 */
public final class SipClient {
  private static final String SERVICE = "livekit.SIP";

  private final TwirpTransport transport;

  SipClient(TwirpTransport transport) {
    this.transport = transport;
  }

  /**
   * Lists SIP trunks (of both directions; deprecated upstream in favour of the per-direction lists).
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<ListSIPTrunkResponse> listSipTrunk(ListSIPTrunkRequest request) {
    return transport.call(SERVICE, "ListSIPTrunk", request, ListSIPTrunkResponse.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), IDEMPOTENT);
  }

  /**
   * Creates a trunk for incoming calls.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<SIPInboundTrunkInfo> createSipInboundTrunk(CreateSIPInboundTrunkRequest request) {
    return transport.call(SERVICE, "CreateSIPInboundTrunk", request, SIPInboundTrunkInfo.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), NOT_IDEMPOTENT);
  }

  /**
   * Creates a trunk for outgoing calls.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<SIPOutboundTrunkInfo> createSipOutboundTrunk(CreateSIPOutboundTrunkRequest request) {
    return transport.call(SERVICE, "CreateSIPOutboundTrunk", request, SIPOutboundTrunkInfo.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), NOT_IDEMPOTENT);
  }

  /**
   * Changes an inbound trunk.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<SIPInboundTrunkInfo> updateSipInboundTrunk(UpdateSIPInboundTrunkRequest request) {
    return transport.call(SERVICE, "UpdateSIPInboundTrunk", request, SIPInboundTrunkInfo.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), NOT_IDEMPOTENT);
  }

  /**
   * Changes an outbound trunk.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<SIPOutboundTrunkInfo> updateSipOutboundTrunk(UpdateSIPOutboundTrunkRequest request) {
    return transport.call(SERVICE, "UpdateSIPOutboundTrunk", request, SIPOutboundTrunkInfo.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), NOT_IDEMPOTENT);
  }

  /**
   * Returns one inbound trunk.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<GetSIPInboundTrunkResponse> getSipInboundTrunk(GetSIPInboundTrunkRequest request) {
    return transport.call(SERVICE, "GetSIPInboundTrunk", request, GetSIPInboundTrunkResponse.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), IDEMPOTENT);
  }

  /**
   * Returns one outbound trunk.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<GetSIPOutboundTrunkResponse> getSipOutboundTrunk(GetSIPOutboundTrunkRequest request) {
    return transport.call(SERVICE, "GetSIPOutboundTrunk", request, GetSIPOutboundTrunkResponse.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), IDEMPOTENT);
  }

  /**
   * Lists inbound trunks.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<ListSIPInboundTrunkResponse> listSipInboundTrunk(ListSIPInboundTrunkRequest request) {
    return transport.call(SERVICE, "ListSIPInboundTrunk", request, ListSIPInboundTrunkResponse.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), IDEMPOTENT);
  }

  /**
   * Lists outbound trunks.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<ListSIPOutboundTrunkResponse> listSipOutboundTrunk(ListSIPOutboundTrunkRequest request) {
    return transport.call(SERVICE, "ListSIPOutboundTrunk", request, ListSIPOutboundTrunkResponse.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), IDEMPOTENT);
  }

  /**
   * Deletes a trunk.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<SIPTrunkInfo> deleteSipTrunk(DeleteSIPTrunkRequest request) {
    return transport.call(SERVICE, "DeleteSIPTrunk", request, SIPTrunkInfo.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), NOT_IDEMPOTENT);
  }

  /**
   * Creates a rule that routes incoming calls to rooms.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<SIPDispatchRuleInfo> createSipDispatchRule(CreateSIPDispatchRuleRequest request) {
    return transport.call(SERVICE, "CreateSIPDispatchRule", request, SIPDispatchRuleInfo.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), NOT_IDEMPOTENT);
  }

  /**
   * Changes a dispatch rule.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<SIPDispatchRuleInfo> updateSipDispatchRule(UpdateSIPDispatchRuleRequest request) {
    return transport.call(SERVICE, "UpdateSIPDispatchRule", request, SIPDispatchRuleInfo.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), NOT_IDEMPOTENT);
  }

  /**
   * Lists dispatch rules.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<ListSIPDispatchRuleResponse> listSipDispatchRule(ListSIPDispatchRuleRequest request) {
    return transport.call(SERVICE, "ListSIPDispatchRule", request, ListSIPDispatchRuleResponse.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), IDEMPOTENT);
  }

  /**
   * Deletes a dispatch rule.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<SIPDispatchRuleInfo> deleteSipDispatchRule(DeleteSIPDispatchRuleRequest request) {
    return transport.call(SERVICE, "DeleteSIPDispatchRule", request, SIPDispatchRuleInfo.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().admin(true).build())), NOT_IDEMPOTENT);
  }

  /**
   * Places an outgoing call and brings the callee into a room as a participant (token grants SIP {@code call}).
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<SIPParticipantInfo> createSipParticipant(CreateSIPParticipantRequest request) {
    return transport.call(SERVICE, "CreateSIPParticipant", request, SIPParticipantInfo.parser(), new Grants(Optional.empty(), Optional.of(SipGrant.builder().call(true).build())), NOT_IDEMPOTENT);
  }

  /**
   * Transfers a SIP participant's call elsewhere (token grants SIP {@code call} and {@code roomAdmin} for the room).
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<Empty> transferSipParticipant(TransferSIPParticipantRequest request) {
    return transport.call(SERVICE, "TransferSIPParticipant", request, Empty.parser(), new Grants(Optional.of(admin(request.getRoomName())), Optional.of(SipGrant.builder().call(true).build())), NOT_IDEMPOTENT);
  }

  private static VideoGrant admin(String room) {
    VideoGrant.Builder grant = VideoGrant.builder().roomAdmin(true);
    if (!room.isEmpty()) {
      grant.room(room);
    }
    return grant.build();
  }
}
