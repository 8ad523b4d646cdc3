package io.roomflux.server;

import static io.roomflux.server.internal.TwirpTransport.Idempotency.IDEMPOTENT;
import static io.roomflux.server.internal.TwirpTransport.Idempotency.NOT_IDEMPOTENT;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.roomflux.server.internal.TwirpTransport;
import io.roomflux.server.internal.TwirpTransport.Grants;
import io.roomflux.server.internal.TwirpTransport.Idempotency;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.server.proto.DeleteRoomRequest;
import io.roomflux.server.proto.DeleteRoomResponse;
import io.roomflux.server.proto.ForwardParticipantRequest;
import io.roomflux.server.proto.ForwardParticipantResponse;
import io.roomflux.server.proto.ListParticipantsRequest;
import io.roomflux.server.proto.ListParticipantsResponse;
import io.roomflux.server.proto.ListRoomsRequest;
import io.roomflux.server.proto.ListRoomsResponse;
import io.roomflux.server.proto.MoveParticipantRequest;
import io.roomflux.server.proto.MoveParticipantResponse;
import io.roomflux.server.proto.MuteRoomTrackRequest;
import io.roomflux.server.proto.MuteRoomTrackResponse;
import io.roomflux.server.proto.ParticipantInfo;
import io.roomflux.server.proto.PerformRpcRequest;
import io.roomflux.server.proto.PerformRpcResponse;
import io.roomflux.server.proto.RemoveParticipantResponse;
import io.roomflux.server.proto.Room;
import io.roomflux.server.proto.RoomParticipantIdentity;
import io.roomflux.server.proto.SendDataRequest;
import io.roomflux.server.proto.SendDataResponse;
import io.roomflux.server.proto.UpdateParticipantRequest;
import io.roomflux.server.proto.UpdateRoomMetadataRequest;
import io.roomflux.server.proto.UpdateSubscriptionsRequest;
import io.roomflux.server.proto.UpdateSubscriptionsResponse;
import io.roomflux.token.VideoGrant;
import reactor.core.publisher.Mono;

/**
 * The client of {@code livekit.RoomService}: every method livekit-server v1.13.5 serves.
 *
 * <p>Each method returns a cold {@link Mono}: subscribing sends the call (again on every
 * subscription) with a fresh token that grants exactly what the method needs ({@code roomCreate},
 * {@code roomList}, or {@code roomAdmin} for the request's room), and the Mono ends within the
 * API's timeout with the answer or an error: a {@link TwirpException} subclass for the server's
 * error (for example {@link NotFoundException}), {@link ServerConnectException} or
 * {@link ServerTimeoutException}. Reads and calls that set state to a given value are retried
 * on {@link UnavailableException}; the others never are. Answers arrive on reactor-netty's
 * event loop. Thread-safe; obtained from {@link ServerApi#roomService()}, released with it.
 */
public final class RoomServiceClient {
  private static final String SERVICE = "livekit.RoomService";

  private final TwirpTransport transport;

  RoomServiceClient(TwirpTransport transport) {
    this.transport = transport;
  }

  /**
   * Creates a room ahead of its first participant (or returns the existing one of that name).
   *
   * @param request the name, timeouts, metadata, agents to dispatch, ...
   * @return the room
   */
  public Mono<Room> createRoom(CreateRoomRequest request) {
    return call("CreateRoom", request, Room.parser(), VideoGrant.builder().roomCreate(true).build(), NOT_IDEMPOTENT);
  }

  /**
   * Lists the active rooms, or those of the given names.
   *
   * @param request the names to look for; none for every room
   * @return the rooms
   */
  public Mono<ListRoomsResponse> listRooms(ListRoomsRequest request) {
    return call("ListRooms", request, ListRoomsResponse.parser(), VideoGrant.builder().roomList(true).build(), IDEMPOTENT);
  }

  /**
   * Lists every active room.
   *
   * @return the rooms
   */
  public Mono<ListRoomsResponse> listRooms() {
    return listRooms(ListRoomsRequest.getDefaultInstance());
  }

  /**
   * Ends a room: every participant is disconnected.
   *
   * @param request the room
   * @return the (empty) answer
   */
  public Mono<DeleteRoomResponse> deleteRoom(DeleteRoomRequest request) {
    return call("DeleteRoom", request, DeleteRoomResponse.parser(), VideoGrant.builder().roomCreate(true).build(), NOT_IDEMPOTENT);
  }

  /**
   * Ends a room by name.
   *
   * @param room the room's name
   * @return the (empty) answer
   */
  public Mono<DeleteRoomResponse> deleteRoom(String room) {
    return deleteRoom(DeleteRoomRequest.newBuilder().setRoom(room).build());
  }

  /**
   * Lists the participants of a room as the server sees them.
   *
   * @param request the room
   * @return the participants
   */
  public Mono<ListParticipantsResponse> listParticipants(ListParticipantsRequest request) {
    return call("ListParticipants", request, ListParticipantsResponse.parser(), admin(request.getRoom()), IDEMPOTENT);
  }

  /**
   * Lists the participants of a room by name.
   *
   * @param room the room's name
   * @return the participants
   */
  public Mono<ListParticipantsResponse> listParticipants(String room) {
    return listParticipants(ListParticipantsRequest.newBuilder().setRoom(room).build());
  }

  /**
   * Returns one participant.
   *
   * @param request the room and the participant's identity
   * @return the participant; {@link NotFoundException} if not in the room
   */
  public Mono<ParticipantInfo> getParticipant(RoomParticipantIdentity request) {
    return call("GetParticipant", request, ParticipantInfo.parser(), admin(request.getRoom()), IDEMPOTENT);
  }

  /**
   * Returns one participant by room name and identity.
   *
   * @param room the room's name
   * @param identity the participant's identity
   * @return the participant; {@link NotFoundException} if not in the room
   */
  public Mono<ParticipantInfo> getParticipant(String room, String identity) {
    return getParticipant(RoomParticipantIdentity.newBuilder().setRoom(room).setIdentity(identity).build());
  }

  /**
   * Disconnects a participant from a room. Its client sees a disconnection for a reason of
   * "removed by the server".
   *
   * @param request the room and the participant's identity
   * @return the (empty) answer
   */
  public Mono<RemoveParticipantResponse> removeParticipant(RoomParticipantIdentity request) {
    return call("RemoveParticipant", request, RemoveParticipantResponse.parser(), admin(request.getRoom()), NOT_IDEMPOTENT);
  }

  /**
   * Disconnects a participant by room name and identity.
   *
   * @param room the room's name
   * @param identity the participant's identity
   * @return the (empty) answer
   */
  public Mono<RemoveParticipantResponse> removeParticipant(String room, String identity) {
    return removeParticipant(RoomParticipantIdentity.newBuilder().setRoom(room).setIdentity(identity).build());
  }

  /**
   * Mutes a participant's published track, or unmutes it where the server allows remote unmute.
   *
   * @param request the room, identity, track sid and the wanted state
   * @return the track as it is now
   */
  public Mono<MuteRoomTrackResponse> mutePublishedTrack(MuteRoomTrackRequest request) {
    return call("MutePublishedTrack", request, MuteRoomTrackResponse.parser(), admin(request.getRoom()), IDEMPOTENT);
  }

  /**
   * Changes a participant's name, metadata, attributes or permissions.
   *
   * @param request the room, the identity and what to change
   * @return the participant as it is now
   */
  public Mono<ParticipantInfo> updateParticipant(UpdateParticipantRequest request) {
    return call("UpdateParticipant", request, ParticipantInfo.parser(), admin(request.getRoom()), IDEMPOTENT);
  }

  /**
   * Subscribes a participant to tracks, or unsubscribes it, on its behalf.
   *
   * @param request the room, the identity, the track sids and whether to subscribe
   * @return the (empty) answer
   */
  public Mono<UpdateSubscriptionsResponse> updateSubscriptions(UpdateSubscriptionsRequest request) {
    return call("UpdateSubscriptions", request, UpdateSubscriptionsResponse.parser(), admin(request.getRoom()), IDEMPOTENT);
  }

  /**
   * Sends a data packet from the server to the room, or to the given identities. Never retried:
   * a retry could deliver the packet twice.
   *
   * @param request the room, payload, kind (reliable or lossy), topic and destinations
   * @return the (empty) answer
   */
  public Mono<SendDataResponse> sendData(SendDataRequest request) {
    return call("SendData", request, SendDataResponse.parser(), admin(request.getRoom()), NOT_IDEMPOTENT);
  }

  /**
   * Replaces a room's metadata; participants see the change.
   *
   * @param request the room and its new metadata
   * @return the room as it is now
   */
  public Mono<Room> updateRoomMetadata(UpdateRoomMetadataRequest request) {
    return call("UpdateRoomMetadata", request, Room.parser(), admin(request.getRoom()), IDEMPOTENT);
  }

  /**
   * Lets a participant appear in a second room as well. The token grants {@code roomAdmin} for
   * the source room and names the destination room.
   *
   * @param request the room, identity and destination room
   * @return the (empty) answer
   */
  public Mono<ForwardParticipantResponse> forwardParticipant(ForwardParticipantRequest request) {
    return call("ForwardParticipant", request, ForwardParticipantResponse.parser(),
        destination(request.getRoom(), request.getDestinationRoom()), NOT_IDEMPOTENT);
  }

  /**
   * Moves a participant to another room without a reconnect. The token grants {@code roomAdmin}
   * for the source room and names the destination room.
   *
   * @param request the room, identity and destination room
   * @return the (empty) answer
   */
  public Mono<MoveParticipantResponse> moveParticipant(MoveParticipantRequest request) {
    return call("MoveParticipant", request, MoveParticipantResponse.parser(),
        destination(request.getRoom(), request.getDestinationRoom()), NOT_IDEMPOTENT);
  }

  /**
   * Calls an RPC method that a participant registered, and returns its answer. Keep the
   * request's {@code response_timeout_ms} below the API's timeout, which bounds the whole call.
   *
   * @param request the room, destination identity, method and payload
   * @return the participant's answer
   */
  public Mono<PerformRpcResponse> performRpc(PerformRpcRequest request) {
    return call("PerformRpc", request, PerformRpcResponse.parser(), admin(request.getRoom()), NOT_IDEMPOTENT);
  }

  private static VideoGrant admin(String room) {
    VideoGrant.Builder grant = VideoGrant.builder().roomAdmin(true);
    if (!room.isEmpty()) {
      grant.room(room);
    }
    return grant.build();
  }

  private static VideoGrant destination(String room, String destinationRoom) {
    VideoGrant.Builder grant = VideoGrant.builder().roomAdmin(true);
    if (!room.isEmpty()) {
      grant.room(room);
    }
    if (!destinationRoom.isEmpty()) {
      grant.destinationRoom(destinationRoom);
    }
    return grant.build();
  }

  private <R extends Message> Mono<R> call(String method, Message request, Parser<R> parser, VideoGrant grant,
                                           Idempotency idempotency) {
    return transport.call(SERVICE, method, request, parser, Grants.video(grant), idempotency);
  }
}
