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

}
