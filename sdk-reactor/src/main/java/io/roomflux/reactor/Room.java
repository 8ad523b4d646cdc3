package io.roomflux.reactor;

import io.roomflux.reactor.data.ByteStreamReader;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.e2ee.E2eeManager;
import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.data.TextStreamReader;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A joined room. Obtain one from {@link LiveKit#connect} or, scoped, {@link LiveKit#withRoom}.
 *
 * <p>Its native handles are released by event-driven disposal: {@link #disconnect()} sends the
 * disconnect, waits for the core to confirm it, emits {@link RoomEvent.Disconnected} exactly
 * once, completes {@link #events()}, lets every operation in flight finish (or fails it with
 * {@link RoomClosedException}), and only then drops the room's handles. An end decided by the
 * server takes the same path. Operations called once disconnecting began fail at once with
 * {@link RoomClosedException} and send nothing.
 */
public interface Room {
  /**
   * The room's name (another one after {@link RoomEvent.RoomMoved}).
   *
   * @return the name
   */
  String name();

  /**
   * The room's server-assigned sid, once known.
   *
   * @return the sid
   */
  Optional<String> sid();

  /**
   * The room's metadata now.
   *
   * @return the metadata, empty when unset
   */
  String metadata();

  /**
   * The local participant.
   *
   * @return the local participant
   */
  LocalParticipant localParticipant();

  /**
   * End-to-end encryption of the room's media: keys, ratcheting, on and off. Usable when the room
   * was joined with {@link RoomOptions#withEncryption}; each track's decryption state is reported
   * by {@link RoomEvent.E2eeStateChanged}.
   *
   * @return the room's encryption manager (the same object on every call)
   */
  E2eeManager e2ee();

  /**
   * What the local client receives of remote publications: subscribe and unsubscribe (with
   * {@code RoomOptions.autoSubscribe(false)}), pause forwarding, choose a video layer or size.
   *
   * @return the room's subscriptions (the same object on every call)
   */
  io.roomflux.reactor.participant.Subscriptions subscriptions();

  /**
   * The remote participants now, by identity.
   *
   * @return an immutable snapshot
   */
  Map<String, Participant> remoteParticipants();

  /**
   * A remote data track the room knows now: one announced by {@link RoomEvent.DataTrackPublished}
   * and not yet unpublished (the room takes it over before it emits that event, so a subscriber of
   * {@link #events()} finds it there). Runs on the calling thread.
   *
   * @param sid the data track's sid
   * @return the track, if published now
   */
  Optional<io.roomflux.reactor.data.RemoteDataTrack> remoteDataTrack(String sid);

  /**
   * The remote data tracks the room knows now; see {@link #remoteDataTrack(String)}.
   *
   * @return an immutable snapshot
   */
  java.util.List<io.roomflux.reactor.data.RemoteDataTrack> remoteDataTracks();

  /**
   * The connection state now.
   *
   * @return the state
   */
  ConnectionState connectionState();

  /**
   * The room's settings and counters as the server last reported them (at join, then
   * {@link RoomEvent.RoomUpdated}, {@link RoomEvent.RoomMoved}, {@link RoomEvent.RoomSidChanged},
   * {@link RoomEvent.RoomMetadataChanged} and {@link RoomEvent.DataChannelLowThresholdChanged}).
   *
   * @return an immutable snapshot
   */
  RoomInfo info();

  /**
   * The tracks a remote participant published now, by track sid, each with its muted state and,
   * while the local client is subscribed, its {@link TrackPublication#track() track}. Kept apart
   * from the {@link Participant} snapshot because it changes far more often. The local
   * participant's tracks are in {@link LocalParticipant#publishedTrackSids()}.
   *
   * @param identity a remote participant's identity
   * @return an immutable snapshot; empty for an unknown identity
   */
  Map<String, TrackPublication> publications(String identity);

  /**
   * The participants speaking now, loudest first, as of the last
   * {@link RoomEvent.ActiveSpeakersChanged}.
   *
   * @return an immutable list of identities
   */
  java.util.List<String> activeSpeakers();

  /**
   * A participant's connection quality (local or remote), as of the last
   * {@link RoomEvent.ConnectionQualityChanged} for it.
   *
   * @param identity the participant
   * @return the quality; empty until the server rated it, or for an unknown identity
   */
  Optional<ConnectionQuality> connectionQuality(String identity);

  /**
   * The room's events, hot: each subscriber sees the events from its subscription on, in the
   * core's order; events are held from the moment the room was joined until the first
   * subscriber arrives. A subscriber that falls more than
   * {@link LiveKitOptions#eventBufferSize()} events behind loses the oldest ones (counted in
   * {@link #missedEvents()}); it never slows the room or other subscribers. Completes after
   * {@link RoomEvent.Disconnected}; errors only when the core panics.
   *
   * @return the event stream
   */
  Flux<RoomEvent> events();

  /**
   * A participant of the room, by identity: completes at once if it is in the room (a remote
   * participant, or the local one), or else as soon as it joins, with its snapshot then. Fails
   * with {@link RoomClosedException} if the room closes first. Waits for ever otherwise: bound it
   * with {@code timeout(...)}; cancelling stops waiting. Unlike a subscription to
   * {@link #events()}, it never takes the events held for the first subscriber. Signals on
   * {@link LiveKitOptions#scheduler()}.
   *
   * @param identity the participant's identity
   * @return the participant
   */
  Mono<Participant> participant(String identity);

  /**
   * A remote participant's track of one source, once the local client is subscribed to it:
   * completes at once if it already is, or else when it is (the participant may not have joined
   * or published yet), so {@link #audioFrames} or {@link #videoFrames} with its sid do not fail
   * with {@link NoSuchTrackException}. With {@link RoomOptions#autoSubscribe()} off the
   * subscription must come from elsewhere. Fails with {@link RoomClosedException} if the room
   * closes first; waits for ever otherwise (bound it with {@code timeout(...)}). Signals on
   * {@link LiveKitOptions#scheduler()}.
   *
   * @param identity the publishing participant
   * @param source the track's source, such as {@link TrackSource#MICROPHONE}
   * @return the subscribed track
   */
  Mono<io.roomflux.reactor.participant.RemoteTrack> subscribedTrack(String identity, TrackSource source);

  /**
   * Data packets with one topic, from {@link #events()}.
   *
   * @param topic the topic; not null ({@link NullPointerException} at once)
   * @return the packets
   */
  Flux<DataPacket> dataPackets(String topic);

  /**
   * Incoming text streams on one topic: one {@link TextStreamReader} per stream, with its header,
   * as soon as the sender opens it; read each with {@link TextStreamReader#chunks()} or
   * {@link TextStreamReader#readAll()}, or {@link TextStreamReader#discard() discard} it.
   *
   * <p>Hot: a stream whose topic has no subscriber at the moment it arrives is released at once
   * (the core abandons it, and the sender is not told), so subscribe before the sender starts.
   * At most one subscriber per topic: a second concurrent subscription fails with
   * {@link IllegalStateException}. Readers arrive on the room's scheduler; a subscriber that falls
   * more than {@link LiveKitOptions#eventBufferSize()} readers behind loses the newest ones (they
   * are released); readers that were delivered but not read stay open until read, discarded, or
   * the room closes. Completes when the room closes (errors if the core panicked).
   *
   * @param topic the topic
   * @return the readers
   */
  Flux<TextStreamReader> textStreams(String topic);

  /**
   * Incoming byte streams (files, images, binary content) on one topic, with the rules of
   * {@link #textStreams(String)}.
   *
   * @param topic the topic
   * @return the readers
   */
  Flux<ByteStreamReader> byteStreams(String topic);

  // ---- media ---------------------------------------------------------------------------------

  /**
   * The audio of a subscribed remote track, as frames of the requested format.
   *
   * <p>Cold: each subscription opens a native audio stream of the track (the track must be
   * subscribed then: after {@link RoomEvent.TrackSubscribed}, see {@link #publications}). Frames
   * are delivered on {@link io.roomflux.reactor.media.AudioStreamOptions#scheduler()} (default:
   * the room's scheduler), never on the core's threads.
   *
   * <p><b>Memory and backpressure.</b> Each frame the core delivers is copied to the heap on
   * arrival and its native buffer released at once (one copy per frame, about 1 kB per 10 ms of
   * 48 kHz mono), so no frame ever holds native memory, whatever becomes of it. At most
   * {@code maxBufferedFrames} frames (plus one being handed over) wait for a subscriber that has not
   * requested them; when it falls further behind, {@code overflow} applies
   * ({@link io.roomflux.reactor.media.FrameOverflow}) and dropped frames are counted in
   * {@link #mediaStats()}. The core is never slowed down.
   *
   * <p><b>End.</b> Completes when the track is unsubscribed or unpublished, its participant
   * leaves, the core ends the stream, or the room closes; errors only with
   * {@link io.roomflux.reactor.media.FrameOverflowException} (policy
   * {@link io.roomflux.reactor.media.FrameOverflow#ERROR}) or when the core panics. The native
   * stream is closed when the {@code Flux} terminates or is cancelled.
   *
   * @param trackSid the sid of a subscribed remote audio track
   * @param options format, buffered-frame bound, overflow policy and scheduler
   * @return the frames; fails with {@link NoSuchTrackException} if the track is not subscribed,
   *     {@link RoomClosedException} once the room is disconnecting, or an
   *     {@link io.roomflux.reactor.OperationFailedException} if the core refused (e.g. not an audio track)
   * @throws IllegalArgumentException if the options name an audio filter that
   *     {@link io.roomflux.reactor.media.Media#loadAudioFilterPlugin} did not return
   */
  Flux<io.roomflux.reactor.media.AudioFrame> audioFrames(String trackSid,
                                                         io.roomflux.reactor.media.AudioStreamOptions options);

  /**
   * The audio a remote participant publishes from one source (e.g. its microphone), following
   * it across unpublish and republish: frames flow whenever such a track is published and
   * subscribed. As {@link #audioFrames(String, io.roomflux.reactor.media.AudioStreamOptions)},
   * except that it ends only when the participant leaves, the core ends it, or the room closes.
   *
   * @param identity a remote participant
   * @param source which of its tracks to follow
   * @param options format, buffered-frame bound, overflow policy and scheduler
   * @return the frames; fails with {@link NoSuchTrackException} if the participant is not in the
   *     room, {@link RoomClosedException} once the room is disconnecting
   * @throws IllegalArgumentException if the options name an audio filter that
   *     {@link io.roomflux.reactor.media.Media#loadAudioFilterPlugin} did not return
   */
  Flux<io.roomflux.reactor.media.AudioFrame> audioFramesFrom(String identity, TrackSource source,
                                                             io.roomflux.reactor.media.AudioStreamOptions options);

  /**
   * The pictures of a subscribed remote video track, decoded and converted to the requested
   * layout; the rules of {@link #audioFrames} apply. Each frame is copied to the heap on arrival
   * (width x height x 1.5 bytes for I420, x 4 for RGBA: keep the queue short for large video).
   *
   * @param trackSid the sid of a subscribed remote video track
   * @param options layout, buffered-frame bound, overflow policy and scheduler
   * @return the frames; fails as {@link #audioFrames} does
   */
  Flux<io.roomflux.reactor.media.VideoFrame> videoFrames(String trackSid,
                                                         io.roomflux.reactor.media.VideoStreamOptions options);

  /**
   * The pictures a remote participant publishes from one source (e.g. its camera), following it
   * across unpublish and republish; see {@link #audioFramesFrom} and {@link #videoFrames}.
   *
   * @param identity a remote participant
   * @param source which of its tracks to follow
   * @param options layout, buffered-frame bound, overflow policy and scheduler
   * @return the frames; fails as {@link #audioFramesFrom} does
   */
  Flux<io.roomflux.reactor.media.VideoFrame> videoFramesFrom(String identity, TrackSource source,
                                                             io.roomflux.reactor.media.VideoStreamOptions options);

  /**
   * Counters of this room's streams of received frames: how many are open, how many frames
   * arrived, how many were dropped because a subscriber fell behind.
   *
   * @return a snapshot
   */
  io.roomflux.reactor.media.MediaStreamStats mediaStats();

  /**
   * WebRTC statistics of the room's publisher and subscriber connections, as the core reports
   * them now. Cold: each subscription asks anew.
   *
   * @return the statistics, on the room's scheduler; fails with {@link RoomClosedException} once
   *     the room is disconnecting
   */
  Mono<SessionStats> sessionStats();

  /**
   * Makes the core simulate a connection fault or a server behaviour, to test how the
   * application copes with reconnection: a testing aid, not for production rooms. What each
   * scenario does, and which events follow, is said on {@link SimulatedScenario}. Cold: each
   * subscription sends one request.
   *
   * <p>Completes as soon as the core has set the scenario in motion, usually before the
   * reconnection it causes is over (and sometimes before its first event): to wait for the
   * outcome, subscribe to {@link #events()} first and wait there for
   * {@link RoomEvent.Reconnected} or whatever the scenario leads to. A call made while a
   * reconnection is under way is started by the core once that one has ended. The completion or
   * the error is signalled on {@link LiveKitOptions#scheduler()}, never on the core's threads.
   *
   * @param scenario what to simulate
   * @return completes when the core started the scenario; fails with
   *     {@link RoomClosedException} at once, sending nothing, once the room is disconnecting or
   *     closed, and also if the room closes before the core answered; with
   *     {@link OperationFailedException} if the core could not start the scenario (its reason in
   *     the message); with an {@link io.roomflux.reactor.OperationFailedException} if the core refused
   *     the request
   */
  Mono<Void> simulateScenario(SimulatedScenario scenario);

  /**
   * Events subscribers of this room dropped because they fell behind.
   *
   * @return the count
   */
  long missedEvents();

  /**
   * Leaves the room and releases it; idempotent: every call returns the same completion.
   *
   * @return completes after disposal, as described on {@link Room}
   */
  Mono<Void> disconnect();

  /**
   * Completes when the room was disposed, whoever ended it; errors if the core panicked.
   *
   * @return the closing signal
   */
  Mono<Void> onClose();
}
