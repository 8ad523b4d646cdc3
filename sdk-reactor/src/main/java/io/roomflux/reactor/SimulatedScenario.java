package io.roomflux.reactor;

/**
 * A connection fault or server behaviour that {@link Room#simulateScenario} makes happen, to test
 * how an application copes with reconnection. A testing aid, not for production rooms.
 *
 * <p>What each constant says it leads to is what was observed with livekit-ffi 0.13.2 against
 * livekit-server 1.13.5 in {@code --dev} mode, which honours the server-side scenarios there
 * too; another core or server may behave otherwise. Timings are from a test machine on
 * loopback. {@code docs/events.md} has the event sequences.
 */
public enum SimulatedScenario {
  /**
   * Closes the signalling connection (the WebSocket) locally; the core resumes the session on a
   * new one and keeps the media connections. The room emits
   * {@link RoomEvent.ConnectionStateChanged} ({@code RECONNECTING}) and
   * {@link RoomEvent.Reconnecting} at once, then, when the resume is complete (about 3 s later),
   * {@link RoomEvent.ConnectionStateChanged} ({@code CONNECTED}) and
   * {@link RoomEvent.Reconnected}. Participants, publications, subscriptions and track sids stay
   * as they were; the other participants see nothing of it.
   */
  SIGNAL_RECONNECT,

  /**
   * Asks the server to report the local participant to everyone as speaking, and as silent
   * three seconds later. The server logs that it does so, but no
   * {@link RoomEvent.ActiveSpeakersChanged} was observed in any room: do not rely on it.
   */
  SPEAKER_UPDATE,

  /**
   * Asks the server to close the local participant's session without telling it, as if the
   * server's node had failed. The core notices and reconnects fully, as after
   * {@link #FULL_RECONNECT} (about 0.3 s); the other participants see the local participant
   * leave ({@link DisconnectReason#SERVER_SHUTDOWN}) and join again, with new track sids.
   */
  NODE_FAILURE,

  /**
   * Asks the server to close the local participant's session and tell it to leave. There is no
   * reconnect: the room ends with {@link RoomEvent.Disconnected}
   * ({@link DisconnectReason#SERVER_SHUTDOWN}), and the other participants see it leave.
   */
  SERVER_LEAVE,

  /**
   * Asks the server to close the local participant's session as if it were moving it to another
   * node. As {@link #NODE_FAILURE}: a full reconnect (about 0.4 s); the other participants see
   * it leave ({@link DisconnectReason#MIGRATION}) and join again.
   */
  MIGRATION,

  /**
   * Asks the server to prefer TCP candidates for the next ICE restart, and makes the core
   * reconnect fully, as after {@link #FULL_RECONNECT} (about 1.1 s, over TCP).
   */
  FORCE_TCP,

  /**
   * Asks the server to prefer TLS (TURN over TLS) candidates for the next ICE restart, and makes
   * the core reconnect fully. Only meaningful with a server that offers TURN over TLS: against
   * one that does not (such as {@code --dev}), the reconnect never completed; the room stayed
   * {@code RECONNECTING} (observed for over 30 s), and the other participants saw the local
   * participant leave and join again every 15 s.
   */
  FORCE_TLS,

  /**
   * Makes the core act as if the server had told it to leave and reconnect: a new session,
   * complete in about 0.1 s. The room emits, in order: for each remote participant, the
   * unsubscription and unpublication of its tracks and {@link RoomEvent.ParticipantDisconnected};
   * {@link RoomEvent.ConnectionStateChanged} ({@code RECONNECTING}) and
   * {@link RoomEvent.Reconnecting}; each remote participant and its tracks again
   * ({@link RoomEvent.ParticipantConnected}, {@link RoomEvent.TrackPublished}); for each local
   * track, {@link RoomEvent.LocalTrackRepublished} with its new sid;
   * {@link RoomEvent.ConnectionStateChanged} ({@code CONNECTED}) and
   * {@link RoomEvent.Reconnected}; then the subscriptions again ({@link RoomEvent.TrackSubscribed}).
   * The other participants see the local participant leave
   * ({@link DisconnectReason#CLIENT_INITIATED}) and join again, its tracks under their new sids.
   */
  FULL_RECONNECT,

  /**
   * Asks the server to cut the signalling connection of the next resume, then closes it locally
   * as {@link #SIGNAL_RECONNECT} does: {@link RoomEvent.Reconnecting} at once, the resume fails
   * (after about 3 s), and the core falls back to a full reconnect: from there on the events of
   * {@link #FULL_RECONNECT}, without a second {@code Reconnecting} (about 3.3 s in all).
   */
  DISCONNECT_SIGNAL_ON_RESUME
}
