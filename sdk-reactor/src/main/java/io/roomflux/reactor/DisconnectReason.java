package io.roomflux.reactor;

/**
 * Why a participant or the local client left a room, as the server or core reports it.
 */
public enum DisconnectReason {
  /** Not reported. */
  UNKNOWN,
  /** The client disconnected on purpose. */
  CLIENT_INITIATED,
  /** Another client joined with the same identity. */
  DUPLICATE_IDENTITY,
  /** The server is shutting down. */
  SERVER_SHUTDOWN,
  /** The participant was removed through the server API. */
  PARTICIPANT_REMOVED,
  /** The room was deleted through the server API. */
  ROOM_DELETED,
  /** The client and server disagreed on state. */
  STATE_MISMATCH,
  /** The client could not complete joining. */
  JOIN_FAILURE,
  /** The participant moved to another server. */
  MIGRATION,
  /** The signal connection closed. */
  SIGNAL_CLOSE,
  /** The room was closed. */
  ROOM_CLOSED,
  /** A SIP callee was unavailable. */
  USER_UNAVAILABLE,
  /** A SIP callee rejected the call. */
  USER_REJECTED,
  /** A SIP trunk failed. */
  SIP_TRUNK_FAILURE,
  /** The connection timed out. */
  CONNECTION_TIMEOUT,
  /** Media could not flow. */
  MEDIA_FAILURE,
  /** An agent failed. */
  AGENT_ERROR;

  static DisconnectReason of(io.roomflux.proto.DisconnectReason reason) {
    return switch (reason) {
      case UNKNOWN_REASON -> UNKNOWN;
      case CLIENT_INITIATED -> CLIENT_INITIATED;
      case DUPLICATE_IDENTITY -> DUPLICATE_IDENTITY;
      case SERVER_SHUTDOWN -> SERVER_SHUTDOWN;
      case PARTICIPANT_REMOVED -> PARTICIPANT_REMOVED;
      case ROOM_DELETED -> ROOM_DELETED;
      case STATE_MISMATCH -> STATE_MISMATCH;
      case JOIN_FAILURE -> JOIN_FAILURE;
      case MIGRATION -> MIGRATION;
      case SIGNAL_CLOSE -> SIGNAL_CLOSE;
      case ROOM_CLOSED -> ROOM_CLOSED;
      case USER_UNAVAILABLE -> USER_UNAVAILABLE;
      case USER_REJECTED -> USER_REJECTED;
      case SIP_TRUNK_FAILURE -> SIP_TRUNK_FAILURE;
      case CONNECTION_TIMEOUT -> CONNECTION_TIMEOUT;
      case MEDIA_FAILURE -> MEDIA_FAILURE;
      case AGENT_ERROR -> AGENT_ERROR;
    };
  }
}
