package io.roomflux.server;

import static io.roomflux.server.internal.TwirpTransport.Idempotency.IDEMPOTENT;
import static io.roomflux.server.internal.TwirpTransport.Idempotency.NOT_IDEMPOTENT;

import io.roomflux.server.internal.TwirpTransport;
import io.roomflux.server.internal.TwirpTransport.Grants;
import io.roomflux.token.VideoGrant;
import io.roomflux.server.proto.EgressInfo;
import io.roomflux.server.proto.ListEgressRequest;
import io.roomflux.server.proto.ListEgressResponse;
import io.roomflux.server.proto.ParticipantEgressRequest;
import io.roomflux.server.proto.RoomCompositeEgressRequest;
import io.roomflux.server.proto.StartEgressRequest;
import io.roomflux.server.proto.StopEgressRequest;
import io.roomflux.server.proto.TrackCompositeEgressRequest;
import io.roomflux.server.proto.TrackEgressRequest;
import io.roomflux.server.proto.UpdateLayoutRequest;
import io.roomflux.server.proto.UpdateStreamRequest;
import io.roomflux.server.proto.WebEgressRequest;
import reactor.core.publisher.Mono;

/**
 * The client of {@code livekit.Egress}: recording and streaming rooms out. livekit-server serves these methods but hands the work to a separate egress service; without one connected it answers with an error ({@link InternalException}).
 *
 * <p>Each call's token grants {@code roomRecord}. Every method returns a cold {@link Mono}: subscribing sends the call (again on
 * every subscription) with a freshly minted token, and the Mono ends within the API's timeout with
 * the answer or an error: a {@link TwirpException} subclass for the server's error,
 * {@link ServerConnectException} or {@link ServerTimeoutException}. Reads are retried on
 * {@link UnavailableException}; other calls never are. Answers arrive on reactor-netty's event
 * loop. Thread-safe; obtained from {@link ServerApi}, released with it.
 */
public final class EgressClient {
  private static final String SERVICE = "livekit.Egress";

  private final TwirpTransport transport;

  EgressClient(TwirpTransport transport) {
    this.transport = transport;
  }

  /**
   * Starts an egress of any kind.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<EgressInfo> startEgress(StartEgressRequest request) {
    return transport.call(SERVICE, "StartEgress", request, EgressInfo.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Changes the layout of a room composite egress.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<EgressInfo> updateLayout(UpdateLayoutRequest request) {
    return transport.call(SERVICE, "UpdateLayout", request, EgressInfo.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Adds or removes stream outputs of an egress.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<EgressInfo> updateStream(UpdateStreamRequest request) {
    return transport.call(SERVICE, "UpdateStream", request, EgressInfo.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Lists egresses, of a room or by id.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<ListEgressResponse> listEgress(ListEgressRequest request) {
    return transport.call(SERVICE, "ListEgress", request, ListEgressResponse.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), IDEMPOTENT);
  }

  /**
   * Stops an egress.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<EgressInfo> stopEgress(StopEgressRequest request) {
    return transport.call(SERVICE, "StopEgress", request, EgressInfo.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Starts recording or streaming a whole room, composed.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<EgressInfo> startRoomCompositeEgress(RoomCompositeEgressRequest request) {
    return transport.call(SERVICE, "StartRoomCompositeEgress", request, EgressInfo.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Starts recording or streaming a web page.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<EgressInfo> startWebEgress(WebEgressRequest request) {
    return transport.call(SERVICE, "StartWebEgress", request, EgressInfo.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Starts recording or streaming one participant's tracks.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<EgressInfo> startParticipantEgress(ParticipantEgressRequest request) {
    return transport.call(SERVICE, "StartParticipantEgress", request, EgressInfo.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Starts recording or streaming an audio and a video track, composed.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<EgressInfo> startTrackCompositeEgress(TrackCompositeEgressRequest request) {
    return transport.call(SERVICE, "StartTrackCompositeEgress", request, EgressInfo.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), NOT_IDEMPOTENT);
  }

  /**
   * Starts exporting one track without transcoding.
   *
   * @param request the request
   * @return a cold Mono of the answer
   */
  public Mono<EgressInfo> startTrackEgress(TrackEgressRequest request) {
    return transport.call(SERVICE, "StartTrackEgress", request, EgressInfo.parser(), Grants.video(VideoGrant.builder().roomRecord(true).build()), NOT_IDEMPOTENT);
  }
}
