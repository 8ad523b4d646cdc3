package io.roomflux.reactor.internal.core;

import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.DisconnectCallback;
import io.roomflux.proto.Disconnected;
import io.roomflux.proto.EncryptionType;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.OwnedParticipant;
import io.roomflux.proto.OwnedRoom;
import io.roomflux.proto.OwnedTrackPublication;
import io.roomflux.proto.ParticipantConnected;
import io.roomflux.proto.ParticipantInfo;
import io.roomflux.proto.ParticipantKind;
import io.roomflux.proto.ParticipantState;
import io.roomflux.proto.PublishDataCallback;
import io.roomflux.proto.ReadyForRoomEventRequest;
import io.roomflux.proto.RoomEvent;
import io.roomflux.proto.RoomInfo;
import io.roomflux.proto.RoomMetadataChanged;
import io.roomflux.proto.TrackKind;
import io.roomflux.proto.TrackPublicationInfo;
import io.roomflux.proto.TrackSource;

/**
 * The protocol messages a {@link ScriptedCore} test hands to the SDK, with every required field
 * set: join results, room events and callbacks.
 */
public final class ScriptedMessages {
  private ScriptedMessages() {
  }

  /**
   * A successful connect callback.
   *
   * @param asyncId the connect call's async id
   * @param result what was joined
   * @return the callback event
   */
  public static FfiEvent connected(long asyncId, ConnectCallback.Result result) {
    return FfiEvent.newBuilder().setConnect(ConnectCallback.newBuilder().setAsyncId(asyncId).setResult(result)).build();
  }

  /**
   * A failed connect callback.
   *
   * @param asyncId the connect call's async id
   * @param error the core's error text
   * @return the callback event
   */
  public static FfiEvent connectFailed(long asyncId, String error) {
    return FfiEvent.newBuilder().setConnect(ConnectCallback.newBuilder().setAsyncId(asyncId).setError(error)).build();
  }

  /**
   * What a connect hands over: the room, the local participant, and remote participants.
   *
   * @param roomHandle the room's handle
   * @param roomName the room's name
   * @param localHandle the local participant's handle
   * @param localIdentity the local participant's identity
   * @param remotes remote participants present at join time
   * @return the result
   */
  public static ConnectCallback.Result joined(long roomHandle, String roomName, long localHandle, String localIdentity,
                                              ConnectCallback.ParticipantWithTracks... remotes) {
    ConnectCallback.Result.Builder result = ConnectCallback.Result.newBuilder()
        .setRoom(OwnedRoom.newBuilder().setHandle(owned(roomHandle)).setInfo(roomInfo(roomName)))
        .setLocalParticipant(participant(localHandle, localIdentity));
    for (ConnectCallback.ParticipantWithTracks remote : remotes) {
      result.addParticipants(remote);
    }
    return result.build();
  }

  /**
   * A remote participant present at join time, with its publications.
   *
   * @param participant the participant
   * @param publications its publications
   * @return the entry
   */
  public static ConnectCallback.ParticipantWithTracks withTracks(OwnedParticipant participant,
                                                                 OwnedTrackPublication... publications) {
    ConnectCallback.ParticipantWithTracks.Builder entry =
        ConnectCallback.ParticipantWithTracks.newBuilder().setParticipant(participant);
    for (OwnedTrackPublication publication : publications) {
      entry.addPublications(publication);
    }
    return entry.build();
  }

  /**
   * A participant handed over.
   *
   * @param handle its handle
   * @param identity its identity
   * @return the owned participant
   */
  public static OwnedParticipant participant(long handle, String identity) {
    return OwnedParticipant.newBuilder().setHandle(owned(handle)).setInfo(ParticipantInfo.newBuilder()
        .setSid("PA_" + identity).setName(identity).setIdentity(identity)
        .setState(ParticipantState.PARTICIPANT_STATE_ACTIVE).setMetadata("")
        .setKind(ParticipantKind.PARTICIPANT_KIND_STANDARD)
        .setDisconnectReason(io.roomflux.proto.DisconnectReason.UNKNOWN_REASON)
        .setJoinedAt(0).setClientProtocol(0)).build();
  }

  /**
   * An audio publication handed over.
   *
   * @param handle its handle
   * @param sid its track sid
   * @return the owned publication
   */
  public static OwnedTrackPublication publication(long handle, String sid) {
    return OwnedTrackPublication.newBuilder().setHandle(owned(handle)).setInfo(TrackPublicationInfo.newBuilder()
        .setSid(sid).setName("microphone").setKind(TrackKind.KIND_AUDIO).setSource(TrackSource.SOURCE_MICROPHONE)
        .setSimulcasted(false).setWidth(0).setHeight(0).setMimeType("audio/opus").setMuted(false).setRemote(true)
        .setEncryptionType(EncryptionType.NONE)).build();
  }

  /**
   * A room's metadata changed.
   *
   * @param roomHandle the room
   * @param metadata the new metadata
   * @return the event
   */
  public static FfiEvent metadataChanged(long roomHandle, String metadata) {
    return roomEvent(RoomEvent.newBuilder().setRoomHandle(roomHandle)
        .setRoomMetadataChanged(RoomMetadataChanged.newBuilder().setMetadata(metadata)));
  }

  /**
   * A remote participant joined.
   *
   * @param roomHandle the room
   * @param participant the participant handed over
   * @return the event
   */
  public static FfiEvent participantConnected(long roomHandle, OwnedParticipant participant) {
    return roomEvent(RoomEvent.newBuilder().setRoomHandle(roomHandle)
        .setParticipantConnected(ParticipantConnected.newBuilder().setInfo(participant)));
  }

  /**
   * The room ended.
   *
   * @param roomHandle the room
   * @param reason why
   * @return the event
   */
  public static FfiEvent disconnected(long roomHandle, io.roomflux.proto.DisconnectReason reason) {
    return roomEvent(RoomEvent.newBuilder().setRoomHandle(roomHandle)
        .setDisconnected(Disconnected.newBuilder().setReason(reason)));
  }

  /**
   * The callback of a disconnect.
   *
   * @param asyncId the call's async id
   * @return the callback event
   */
  public static FfiEvent disconnectDone(long asyncId) {
    return FfiEvent.newBuilder().setDisconnect(DisconnectCallback.newBuilder().setAsyncId(asyncId)).build();
  }

  /**
   * The callback of a data packet sent.
   *
   * @param asyncId the call's async id
   * @return the callback event
   */
  public static FfiEvent publishDataDone(long asyncId) {
    return FfiEvent.newBuilder().setPublishData(PublishDataCallback.newBuilder().setAsyncId(asyncId)).build();
  }

  /**
   * The callback of a data packet the core could not send.
   *
   * @param asyncId the call's async id
   * @param error the core's error text
   * @return the callback event
   */
  public static FfiEvent publishDataFailed(long asyncId, String error) {
    return FfiEvent.newBuilder().setPublishData(PublishDataCallback.newBuilder().setAsyncId(asyncId).setError(error))
        .build();
  }

  /**
   * The handshake that lets the core send a room's events.
   *
   * @param roomHandle the room
   * @return the request
   */
  public static FfiRequest readyForRoomEvent(long roomHandle) {
    return FfiRequest.newBuilder()
        .setReadyForRoomEvent(ReadyForRoomEventRequest.newBuilder().setRoomHandle(roomHandle)).build();
  }

  private static FfiEvent roomEvent(RoomEvent.Builder event) {
    return FfiEvent.newBuilder().setRoomEvent(event).build();
  }

  private static FfiOwnedHandle owned(long handle) {
    return FfiOwnedHandle.newBuilder().setId(handle).build();
  }

  private static RoomInfo roomInfo(String name) {
    return RoomInfo.newBuilder().setSid("RM_" + name).setName(name).setMetadata("")
        .setLossyDcBufferedAmountLowThreshold(0).setReliableDcBufferedAmountLowThreshold(0)
        .setEmptyTimeout(0).setDepartureTimeout(0).setMaxParticipants(0).setCreationTime(0)
        .setNumParticipants(1).setNumPublishers(0).setActiveRecording(false).build();
  }
}
