package io.roomflux.reactor.internal.room;

import io.roomflux.reactor.internal.wire.RoomWire;
import io.roomflux.reactor.internal.wire.ParticipantWire;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.data.ByteStreamReader;
import io.roomflux.reactor.ConnectionQuality;
import io.roomflux.reactor.ConnectionState;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.internal.data.DataStreams;
import io.roomflux.reactor.data.DataTrackInfo;
import io.roomflux.reactor.internal.e2ee.DefaultE2eeManager;
import io.roomflux.reactor.internal.participant.DefaultLocalParticipant;
import io.roomflux.reactor.DisconnectReason;
import io.roomflux.reactor.e2ee.E2eeManager;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.reactor.internal.participant.LocalTracks;
import io.roomflux.reactor.media.MediaStreamStats;
import io.roomflux.reactor.internal.media.MediaStreams;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.internal.wire.RoomEvents;
import io.roomflux.reactor.RoomInfo;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.SessionStats;
import io.roomflux.reactor.SimulatedScenario;
import io.roomflux.reactor.data.TextStreamReader;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoStreamOptions;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.EventRoute;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.core.FfiEventListener;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.RoomFluxException;
import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.DisconnectRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.ReadyForRoomEventRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * The room. Its route listener runs on the core's dispatcher thread; every state change and
 * every emission into {@link #sink} happens there, except the terminal signals after a panic or a
 * client close, which {@link #emit} serializes with a retrying failure handler.
 */
public final class DefaultRoom implements Room, FfiEventListener {
  private static final Logger log = LoggerFactory.getLogger(DefaultRoom.class);
  /** How long after the core confirmed a room closed an operation may still wait for its callback. */
  public static final java.time.Duration CALLBACK_GRACE = java.time.Duration.ofSeconds(5);

  private enum Phase { CONNECTED, DISCONNECTING, CLOSED }

  private record Remote(Participant participant, OwnedHandle handle) {
  }

  /** A remote data track and the handle the room owns for it. */
  private record RemoteDataTrack(String publisherIdentity, DataTrackInfo info, OwnedHandle handle) {
  }

  private final Core ffi;
  private final RoomProbe probe;
  private final LiveKitOptions options;
  private final OwnedHandle handle;
  private final DefaultE2eeManager e2ee;
  private final DefaultLocalParticipant local;
  private final String name;
  private final ConcurrentHashMap<String, Remote> remotes = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<OwnedHandle> otherHandles = new ConcurrentLinkedQueue<>();
  private final Set<Operation> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.CONNECTED);
  private final AtomicBoolean disconnectedEmitted = new AtomicBoolean();
  private final AtomicBoolean disconnectRequested = new AtomicBoolean();
  private final AtomicBoolean disposing = new AtomicBoolean();
  private final LongAdder missed = new LongAdder();
  /** Requests {@link #operate} handed to the core for this room (tests: a refusal sends none). */
  private final LongAdder operationsSent = new LongAdder();
  // Hot, without a hidden buffer: each subscriber gets its own bounded buffer in events().
  // Until the first subscriber arrives, events are held in `early` (see events()).
  private final Sinks.Many<RoomEvent> sink = Sinks.many().multicast().directBestEffort();
  private final Sinks.Empty<Void> closed = Sinks.empty();
  private final EventRoute route;
  private volatile @Nullable List<RoomEvent> early = new ArrayList<>();
  // Room state below is written only by the route listener (dispatcher thread), before the
  // event that changed it is emitted; readers on any thread see immutable snapshots.
  private volatile RoomInfo info;
  private volatile ConnectionState connectionState = ConnectionState.CONNECTED;
  private volatile List<String> activeSpeakers = List.of();
  private final ConcurrentHashMap<String, ConnectionQuality> qualities = new ConcurrentHashMap<>();
  /** Remote participants' publications: identity to an immutable map of track sid to publication. */
  private final ConcurrentHashMap<String, Map<String, TrackPublication>> publications = new ConcurrentHashMap<>();
  /** Owned handles by track sid (sids are unique in a room): publications and subscribed tracks. */
  private final ConcurrentHashMap<String, OwnedHandle> publicationHandles = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, OwnedHandle> trackHandles = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RemoteDataTrack> dataTracks = new ConcurrentHashMap<>();
  /** Incoming stream subscriptions by topic, and the stream readers and writers to release. */
  private final DataStreams streams = new DataStreams(this);
  /** Streams of frames received from remote tracks. */
  private final MediaStreams media = new MediaStreams(this);
  private final RoomEvents.Known known = new RoomEvents.Known() {
    @Override
    public Optional<Participant> participant(String identity) {
      if (identity.equals(local.identity())) {
        return Optional.of(local.info());
      }
      return Optional.ofNullable(remotes.get(identity)).map(Remote::participant);
    }

    @Override
    public Optional<TrackPublication> publication(String identity, String trackSid) {
      return Optional.ofNullable(publications.getOrDefault(identity, Map.of()).get(trackSid));
    }

    @Override
    public byte[] takeBuffer(io.roomflux.proto.OwnedBuffer buffer) {
      return ffi.takeBuffer(buffer);
    }
  };
  private volatile boolean clientInitiated;
  private volatile long disconnectedStep;
  private volatile long disposedStep;

  private DefaultRoom(Core ffi, LiveKitOptions options, RoomProbe probe, RoomOptions roomOptions,
                      ConnectCallback.Result result) {
    this.ffi = ffi;
    this.probe = probe;
    this.options = options;
    this.handle = ffi.handles().own(result.getRoom().getHandle().getId(), HandleKind.ROOM);
    this.e2ee = new DefaultE2eeManager(this, handle, roomOptions.encryption());
    this.local = new DefaultLocalParticipant(this,
        ffi.handles().own(result.getLocalParticipant().getHandle().getId(), HandleKind.PARTICIPANT),
        ParticipantWire.participant(result.getLocalParticipant().getInfo()));
    this.name = result.getRoom().getInfo().getName();
    this.info = RoomWire.roomInfo(result.getRoom().getInfo());
    for (ConnectCallback.ParticipantWithTracks p : result.getParticipantsList()) {
      Participant participant = ParticipantWire.participant(p.getParticipant().getInfo());
      remotes.put(participant.identity(), new Remote(participant,
          ffi.handles().own(p.getParticipant().getHandle().getId(), HandleKind.PARTICIPANT)));
      Map<String, TrackPublication> published = new HashMap<>();
      for (io.roomflux.proto.OwnedTrackPublication pub : p.getPublicationsList()) {
        TrackPublication publication = ParticipantWire.publication(pub.getInfo());
        published.put(publication.sid(), publication);
        replaceHandle(publicationHandles, publication.sid(),
            ffi.handles().own(pub.getHandle().getId(), HandleKind.TRACK_PUBLICATION));
      }
      publications.put(participant.identity(), Map.copyOf(published));
    }
    this.route = ffi.route(handle.id(), this);
  }

  /**
   * Takes ownership of a joined room: owns its handles, installs its event route, and only then
   * tells the core it may send the room's events. Runs on the dispatcher thread.
   */
  public static DefaultRoom attach(Core ffi, LiveKitOptions options, RoomProbe probe, RoomOptions roomOptions,
                            ConnectCallback.Result result) {
    DefaultRoom room = new DefaultRoom(ffi, options, probe, roomOptions, result);
    probe.attached();
    try (Lease lease = room.handle.lease()) {
      ffi.request(FfiRequest.newBuilder()
          .setReadyForRoomEvent(ReadyForRoomEventRequest.newBuilder().setRoomHandle(lease.id()))
          .build());
      probe.readySent();
    } catch (RoomFluxException e) {
      log.error("room {} could not be made ready; leaving it", room.name, e);
      room.beginDisconnect();
    }
    return room;
  }

  public Core ffi() {
    return ffi;
  }

  public LiveKitOptions options() {
    return options;
  }

  public DataStreams streams() {
    return streams;
  }

  @Override
  public String name() {
    return info.name();
  }

  @Override
  public Optional<String> sid() {
    return info.sid();
  }

  @Override
  public String metadata() {
    return info.metadata();
  }

  @Override
  public RoomInfo info() {
    return info;
  }

  @Override
  public Map<String, TrackPublication> publications(String identity) {
    return publications.getOrDefault(identity, Map.of());
  }

  @Override
  public List<String> activeSpeakers() {
    return activeSpeakers;
  }

  @Override
  public Optional<ConnectionQuality> connectionQuality(String identity) {
    return Optional.ofNullable(qualities.get(identity));
  }

  /** The owned handle of a remote track the local client is subscribed to, by track sid. */
  public Optional<OwnedHandle> remoteTrackHandle(String trackSid) {
    return Optional.ofNullable(trackHandles.get(trackSid));
  }

  /** The owned handle of a remote participant's publication, by track sid. */
  public Optional<OwnedHandle> publicationHandle(String trackSid) {
    return Optional.ofNullable(publicationHandles.get(trackSid));
  }

  /** The owned handle of a remote participant, by identity. */
  public Optional<OwnedHandle> remoteParticipantHandle(String identity) {
    return Optional.ofNullable(remotes.get(identity)).map(Remote::handle);
  }

  /** The owned handle of a remote data track, by its sid. */
  public Optional<OwnedHandle> remoteDataTrackHandle(String sid) {
    return Optional.ofNullable(dataTracks.get(sid)).map(RemoteDataTrack::handle);
  }

  @Override
  public E2eeManager e2ee() {
    return e2ee;
  }

  @Override
  public LocalParticipant localParticipant() {
    return local;
  }

  @Override
  public Map<String, Participant> remoteParticipants() {
    Map<String, Participant> snapshot = new HashMap<>();
    remotes.forEach((k, v) -> snapshot.put(k, v.participant()));
    return Map.copyOf(snapshot);
  }

  @Override
  public ConnectionState connectionState() {
    return connectionState;
  }

  @Override
  public Flux<RoomEvent> events() {
    return Flux.defer(this::liveEvents)
        .onBackpressureBuffer(options.eventBufferSize(), dropped -> missed.increment(),
            BufferOverflowStrategy.DROP_OLDEST)
        .publishOn(options.scheduler(), 32);
  }

  private Flux<RoomEvent> liveEvents() {
    synchronized (this) {
      List<RoomEvent> held = early;
      if (held == null) {
        return sink.asFlux();
      }
      // The first subscriber takes what was held since the room was joined. It subscribes to
      // the sink while holding the lock that emit() takes while events are still held, so no
      // event falls between the held ones and the live ones.
      early = null;
      Sinks.Many<RoomEvent> relay = Sinks.many().unicast().onBackpressureBuffer();
      held.forEach(relay::tryEmitNext);
      reactor.core.Disposable upstream =
          sink.asFlux().subscribe(relay::tryEmitNext, relay::tryEmitError, relay::tryEmitComplete);
      return relay.asFlux().doFinally(signal -> upstream.dispose());
    }
  }

  @Override
  public Flux<DataPacket> dataPackets(String topic) {
    return events().ofType(RoomEvent.DataReceived.class)
        .map(RoomEvent.DataReceived::packet)
        .filter(p -> p.topic().filter(topic::equals).isPresent());
  }

  @Override
  public Flux<TextStreamReader> textStreams(String topic) {
    return streams.textStreams(topic);
  }

  @Override
  public Flux<ByteStreamReader> byteStreams(String topic) {
    return streams.byteStreams(topic);
  }

  @Override
  public Flux<AudioFrame> audioFrames(String trackSid, AudioStreamOptions options) {
    return media.audioFrames(trackSid, options);
  }

  @Override
  public Flux<AudioFrame> audioFramesFrom(String identity, TrackSource source, AudioStreamOptions options) {
    return media.audioFramesFrom(identity, source, options);
  }

  @Override
  public Flux<VideoFrame> videoFrames(String trackSid, VideoStreamOptions options) {
    return media.videoFrames(trackSid, options);
  }

  @Override
  public Flux<VideoFrame> videoFramesFrom(String identity, TrackSource source, VideoStreamOptions options) {
    return media.videoFramesFrom(identity, source, options);
  }

  @Override
  public MediaStreamStats mediaStats() {
    return media.stats();
  }

  @Override
  public Mono<SessionStats> sessionStats() {
    return operate("sessionStats", handle, (room, asyncId) -> FfiRequest.newBuilder()
        .setGetSessionStats(io.roomflux.proto.GetSessionStatsRequest.newBuilder().setRoomHandle(room)
            .setRequestAsyncId(asyncId)).build(),
        event -> RoomWire.sessionStats(event.getGetSessionStats().getResult()), null);
  }

  @Override
  public Mono<Void> simulateScenario(SimulatedScenario scenario) {
    io.roomflux.proto.SimulateScenarioKind kind = RoomWire.toProto(java.util.Objects.requireNonNull(scenario, "scenario"));
    return operate("simulateScenario", handle, (room, asyncId) -> FfiRequest.newBuilder()
        .setSimulateScenario(io.roomflux.proto.SimulateScenarioRequest.newBuilder().setRoomHandle(room)
            .setScenario(kind).setRequestAsyncId(asyncId)).build(), event -> null, null);
  }

  @Override
  public long missedEvents() {
    return missed.sum();
  }

  @Override
  public Mono<Void> disconnect() {
    return Mono.defer(() -> {
      beginDisconnect();
      return onClose();
    });
  }

  @Override
  public Mono<Void> onClose() {
    return closed.asMono().publishOn(options.scheduler());
  }

  /** When Disconnected was emitted and when disposal completed, in one global order (0: not yet). */
  public long disconnectedStep() {
    return disconnectedStep;
  }

  public long disposedStep() {
    return disposedStep;
  }

  public long operationsSent() {
    return operationsSent.sum();
  }

  public boolean isOpen() {
    return phase.get() == Phase.CONNECTED;
  }

  /** Whether disposal has begun (the phase is then CLOSED or about to be). */
  public boolean isDisposing() {
    return disposing.get();
  }

  // ---- operations -------------------------------------------------------------------------

  /** Builds a request from the leased handle id and our async id. */
  public interface RequestBuilder {
    FfiRequest build(long handleId, long asyncId);
  }

  /**
   * Runs one asynchronous operation on a handle of this room: refuses at once (sending nothing)
   * once the room is disconnecting; holds a lease on the handle until the core's callback, so
   * the handle cannot be dropped under it; fails with {@link RoomClosedException} if the room
   * closes first.
   */
  public <T> Mono<T> operate(String operation, OwnedHandle target, RequestBuilder request,
                      Function<FfiEvent, T> result, @Nullable AutoCloseable resource) {
    return Mono.<T>create(sink -> {
      Lease lease;
      try {
        lease = target.lease();
      } catch (HandleClosedException e) {
        closeQuietly(resource);
        sink.error(closedError(operation));
        return;
      }
      if (phase.get() != Phase.CONNECTED) {
        lease.close();
        closeQuietly(resource);
        sink.error(closedError(operation));
        return;
      }
      probe.betweenCheckAndRegistration();
      Operation op = new Operation(operation, sink, lease, resource);
      inFlight.add(op);
      // The room may have begun to close between the check above and the add. dispose() sets the
      // phase before it fails what is in flight, so reading the phase again after the add decides:
      // still connected, and dispose() will find this operation (and fail and release it); not
      // connected, and it may not have, so the operation withdraws itself and sends nothing. An
      // operation that slipped through would hold its lease, and with it the room's handles and
      // disconnect(), for ever (LifecycleStressTest hung on exactly that).
      if (phase.get() != Phase.CONNECTED) {
        probe.withdrawn();
        finish(op);
        op.fail(closedError(operation));
        return;
      }
      AsyncCall call;
      try {
        call = ffi.call(asyncId -> {
          operationsSent.increment();
          return request.build(lease.id(), asyncId);
        });
      } catch (OperationFailedException e) {
        finish(op);
        ffi.explain(e).whenComplete((explained, t) -> op.fail(explained != null ? explained : e));
        return;
      } catch (RuntimeException e) {
        finish(op);
        op.fail(e);
        return;
      }
      call.callback().whenComplete((event, error) -> {
        finish(op);
        if (error != null) {
          op.fail(error);
          return;
        }
        Optional<String> coreError = callbackError(event);
        if (coreError.isPresent() && phase.get() != Phase.CONNECTED) {
          // The room closed under the operation: that, not the core's wording, is what happened.
          op.fail(new RoomClosedException(operation + " interrupted: room '" + name
              + "' closed (" + coreError.get() + ")"));
        } else if (coreError.isPresent()) {
          op.fail(new OperationFailedException(operation, coreError.get()));
        } else {
          try {
            op.succeed(result.apply(event));
          } catch (RuntimeException e) {
            op.fail(e);
          }
        }
      });
    }).publishOn(options.scheduler());
  }

  /**
   * Sends one synchronous request on a handle of this room, anew on each subscription: refuses
   * (sending nothing) with {@link RoomClosedException} once the room is disconnecting or the
   * handle is closed, and fails a request the core refused with the reason it logged. The outcome
   * is published on the room's scheduler.
   *
   * @param request the request, from the leased handle id
   * @param result maps the response; {@code null} completes empty
   */
  public <T> Mono<T> requestSync(String operation, OwnedHandle target, LongFunction<FfiRequest> request,
                          Function<FfiResponse, @Nullable T> result) {
    return Mono.<T>defer(() -> {
      String refused = operation + " refused: room '" + name + "' is closed or disconnecting";
      if (!isOpen()) {
        return Mono.error(new RoomClosedException(refused));
      }
      Lease lease;
      try {
        lease = target.lease();
      } catch (HandleClosedException e) {
        return Mono.error(new RoomClosedException(refused));
      }
      try (lease) {
        return Mono.justOrEmpty(result.apply(ffi.request(request.apply(lease.id()))));
      } catch (OperationFailedException e) {
        return Mono.fromFuture(ffi.explain(e)).flatMap(Mono::error);
      }
    }).publishOn(options.scheduler());
  }

  private void finish(Operation op) {
    inFlight.remove(op);
    op.release();
  }

  private RoomClosedException closedError(String operation) {
    return new RoomClosedException(operation + " refused: room '" + name + "' is "
        + (phase.get() == Phase.CLOSED ? "closed" : "disconnecting"));
  }

  // ---- events (dispatcher thread) -----------------------------------------------------------

  @Override
  public void onEvent(FfiEvent event) {
    io.roomflux.proto.RoomEvent e = event.getRoomEvent();
    if (disconnectedEmitted.get()) {
      ffi.releaseAll(e);
      return;
    }
    switch (e.getMessageCase()) {
      // Every case RoomEvents maps to a record: map, update the state, then emit.
      case PARTICIPANT_CONNECTED, PARTICIPANT_DISCONNECTED, PARTICIPANTS_UPDATED, PARTICIPANT_ACTIVE,
           PARTICIPANT_METADATA_CHANGED, PARTICIPANT_NAME_CHANGED, PARTICIPANT_ATTRIBUTES_CHANGED,
           PARTICIPANT_PERMISSION_CHANGED, PARTICIPANT_ENCRYPTION_STATUS_CHANGED, CONNECTION_QUALITY_CHANGED,
           E2EE_STATE_CHANGED, ACTIVE_SPEAKERS_CHANGED,
           LOCAL_TRACK_PUBLISHED, LOCAL_TRACK_UNPUBLISHED, LOCAL_TRACK_SUBSCRIBED, LOCAL_TRACK_REPUBLISHED,
           TRACK_PUBLISHED, TRACK_UNPUBLISHED, TRACK_SUBSCRIBED, TRACK_UNSUBSCRIBED, TRACK_SUBSCRIPTION_FAILED,
           TRACK_MUTED, TRACK_UNMUTED,
           ROOM_METADATA_CHANGED, ROOM_SID_CHANGED, ROOM_UPDATED, MOVED, DATA_CHANNEL_LOW_THRESHOLD_CHANGED,
           CONNECTION_STATE_CHANGED, RECONNECTING, RECONNECTED, TOKEN_REFRESHED,
           DATA_PACKET_RECEIVED, TRANSCRIPTION_RECEIVED, CHAT_MESSAGE,
           DATA_TRACK_PUBLISHED, DATA_TRACK_UNPUBLISHED -> onRoomEvent(e);
      case DISCONNECTED -> onDisconnected(RoomWire.disconnectReason(e.getDisconnected().getReason()));
      // The core's last event for the room. Without a Disconnected before it, it is the end all
      // the same: after our own disconnect request it confirms that, else the reason is unknown.
      case EOS -> onDisconnected(disconnectRequested.get() ? DisconnectReason.CLIENT_INITIATED : DisconnectReason.UNKNOWN);
      // Incoming data streams go to the topic's subscriber as readers, not to events().
      case TEXT_STREAM_OPENED -> streams.textOpened(e.getTextStreamOpened());
      case BYTE_STREAM_OPENED -> streams.byteOpened(e.getByteStreamOpened());
      // Not surfaced here (low-level data stream packets are not exposed at all), yet they may
      // hand over objects: release their handles at once.
      default -> ffi.releaseAll(e);
    }
  }

  @Override
  public void onTerminated(RoomFluxException error) {
    // The core panicked or was disposed: nothing will confirm a disconnect any more.
    if (phase.getAndSet(Phase.CLOSED) == Phase.CLOSED && disposing.get()) {
      return;
    }
    inFlight.forEach(op -> op.fail(error));
    if (disconnectedEmitted.compareAndSet(false, true)) {
      emitTerminal(error);
    }
    dispose(error);
  }

  /**
   * Maps one event (reading the state as it was), takes over the handle it hands over, updates
   * the state, and only then emits it.
   */
  private void onRoomEvent(io.roomflux.proto.RoomEvent e) {
    // Own the handed-over handle first, so that nothing below can leak it.
    OwnedHandle owned = e.hasLocalTrackRepublished()
        ? republishedPublication(e.getLocalTrackRepublished().getPublicationHandle())
        : RoomEvents.handedOver(e).map(h -> ffi.handles().own(h.id(), h.kind())).orElse(null);
    Optional<RoomEvent> mapped;
    try {
      mapped = RoomEvents.map(e, known);
    } catch (RuntimeException ex) {
      log.error("room '{}': {} could not be mapped; dropped", name, e.getMessageCase(), ex);
      mapped = Optional.empty();
    }
    if (mapped.isEmpty()) {
      if (owned != null) {
        owned.close();
      }
      return;
    }
    apply(mapped.get(), owned);
    emit(mapped.get());
  }

  /**
   * The publication handle of a republished local track, if it is one the room does not own yet:
   * the core normally keeps the publication's handle across a full reconnect, but may hand over
   * a new one (then the old one is dropped in its place, see {@link LocalTracks#republished}).
   */
  private @Nullable OwnedHandle republishedPublication(long handle) {
    return handle == 0 || ffi.handles().isLive(handle) ? null
        : ffi.handles().own(handle, HandleKind.TRACK_PUBLICATION);
  }

  /** Updates the room's state for an event; keeps {@code owned} under the event's sid. */
  private void apply(RoomEvent event, @Nullable OwnedHandle owned) {
    switch (event) {
      case RoomEvent.ParticipantConnected c -> {
        // A participant that comes back under the same identity starts afresh.
        forget(c.participant().identity());
        remotes.put(c.participant().identity(), new Remote(c.participant(), java.util.Objects.requireNonNull(owned)));
        publications.put(c.participant().identity(), Map.of());
      }
      case RoomEvent.ParticipantDisconnected d -> forget(d.participant().identity());
      case RoomEvent.ParticipantsUpdated u -> u.participants().forEach(p -> update(p.identity(), old -> p));
      case RoomEvent.ParticipantActive a -> update(a.identity(), p -> p.withActive(true));
      case RoomEvent.ParticipantMetadataChanged c -> update(c.identity(), p -> p.withMetadata(c.metadata()));
      case RoomEvent.ParticipantNameChanged c -> update(c.identity(), p -> p.withName(c.name()));
      case RoomEvent.ParticipantAttributesChanged c -> update(c.identity(), p -> p.withAttributes(c.attributes()));
      case RoomEvent.ParticipantPermissionChanged c -> update(c.identity(), p -> p.withPermission(c.permission()));
      case RoomEvent.ParticipantEncryptionStatusChanged c -> update(c.identity(), p -> p.withEncrypted(c.encrypted()));
      case RoomEvent.ConnectionQualityChanged q -> qualities.put(q.identity(), q.quality());
      case RoomEvent.ActiveSpeakersChanged a -> activeSpeakers = a.identities();
      case RoomEvent.LocalTrackPublished p -> local.trackPublished(p.trackSid());
      case RoomEvent.LocalTrackUnpublished u -> {
        local.trackUnpublished(u.trackSid());
        local.tracks().unpublished(u.trackSid());
      }
      case RoomEvent.LocalTrackRepublished r -> {
        local.trackUnpublished(r.previousSid());
        local.trackPublished(r.publication().sid());
        local.tracks().republished(r.previousSid(), r.publication().sid(), owned);
      }
      case RoomEvent.TrackPublished p -> {
        updatePublications(p.identity(), all -> all.put(p.publication().sid(), p.publication()));
        replaceHandle(publicationHandles, p.publication().sid(), java.util.Objects.requireNonNull(owned));
      }
      case RoomEvent.TrackUnpublished u -> {
        updatePublications(u.identity(), all -> all.remove(u.publication().sid()));
        closeTrackHandles(u.publication().sid());
      }
      case RoomEvent.TrackSubscribed s -> {
        updatePublication(s.identity(), s.track().sid(), p -> p.withTrack(Optional.of(s.track())));
        replaceHandle(trackHandles, s.track().sid(), java.util.Objects.requireNonNull(owned));
      }
      case RoomEvent.TrackUnsubscribed u -> {
        updatePublication(u.identity(), u.trackSid(), p -> p.withTrack(Optional.empty()));
        media.trackEnded(u.trackSid());
        OwnedHandle track = trackHandles.remove(u.trackSid());
        if (track != null) {
          track.close();
        }
      }
      case RoomEvent.TrackMuted m -> updatePublication(m.identity(), m.trackSid(), p -> p.withMuted(true));
      case RoomEvent.TrackUnmuted m -> updatePublication(m.identity(), m.trackSid(), p -> p.withMuted(false));
      case RoomEvent.RoomMetadataChanged m -> info = info.withMetadata(m.metadata());
      case RoomEvent.RoomSidChanged s -> info = info.withSid(s.sid());
      case RoomEvent.RoomUpdated u -> info = u.info();
      case RoomEvent.RoomMoved m -> info = m.info();
      case RoomEvent.DataChannelLowThresholdChanged t -> info = info.withBufferedAmountLowThreshold(t.kind(), t.threshold());
      case RoomEvent.ConnectionStateChanged c -> connectionState = c.state();
      case RoomEvent.Reconnecting _ -> connectionState = ConnectionState.RECONNECTING;
      case RoomEvent.Reconnected _ -> connectionState = ConnectionState.CONNECTED;
      case RoomEvent.DataTrackPublished p -> {
        RemoteDataTrack previous = dataTracks.put(p.track().sid(),
            new RemoteDataTrack(p.publisherIdentity(), p.track(), java.util.Objects.requireNonNull(owned)));
        if (previous != null) {
          previous.handle().close();
        }
      }
      case RoomEvent.DataTrackUnpublished u -> {
        RemoteDataTrack gone = dataTracks.remove(u.sid());
        if (gone != null) {
          gone.handle().close();
        }
      }
      // Messages and notices (data, chat, transcription, DTMF, token, e2ee state, subscription
      // failures, a remote subscribing to a local track) change no state.
      default -> {
        if (owned != null) {
          owned.close();
        }
      }
    }
  }

  /** Drops everything kept for a remote participant: its handle, publications, tracks, quality. */
  private void forget(String identity) {
    media.participantLeft(identity);
    Remote gone = remotes.remove(identity);
    if (gone != null) {
      gone.handle().close();
    }
    Map<String, TrackPublication> published = publications.remove(identity);
    if (published != null) {
      published.keySet().forEach(this::closeTrackHandles);
    }
    dataTracks.values().removeIf(t -> {
      if (t.publisherIdentity().equals(identity)) {
        t.handle().close();
        return true;
      }
      return false;
    });
    qualities.remove(identity);
  }

  private void closeTrackHandles(String trackSid) {
    media.trackEnded(trackSid);
    OwnedHandle publication = publicationHandles.remove(trackSid);
    if (publication != null) {
      publication.close();
    }
    OwnedHandle track = trackHandles.remove(trackSid);
    if (track != null) {
      track.close();
    }
  }

  private static void replaceHandle(Map<String, OwnedHandle> handles, String sid, OwnedHandle owned) {
    OwnedHandle previous = handles.put(sid, owned);
    if (previous != null && previous != owned) {
      previous.close();
    }
  }

  private void updatePublications(String identity, java.util.function.Consumer<Map<String, TrackPublication>> change) {
    Map<String, TrackPublication> copy = new HashMap<>(publications.getOrDefault(identity, Map.of()));
    change.accept(copy);
    publications.put(identity, Map.copyOf(copy));
  }

  private void updatePublication(String identity, String trackSid, Function<TrackPublication, TrackPublication> change) {
    Map<String, TrackPublication> current = publications.get(identity);
    if (current != null && current.containsKey(trackSid)) {
      updatePublications(identity, all -> all.computeIfPresent(trackSid, (k, p) -> change.apply(p)));
    }
  }

  private void update(String identity, Function<Participant, Participant> change) {
    if (identity.equals(local.identity())) {
      local.update(change);
      return;
    }
    remotes.computeIfPresent(identity, (k, r) -> new Remote(change.apply(r.participant()), r.handle()));
  }

  private void emit(RoomEvent event) {
    if (early != null) {
      synchronized (this) {
        List<RoomEvent> held = early;
        if (held != null) {
          if (held.size() == options.eventBufferSize()) {
            held.remove(0);
            missed.increment();
          }
          held.add(event);
          return;
        }
      }
    }
    sink.emitNext(event, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(100)));
  }

  private void emitTerminal(@Nullable RoomFluxException error) {
    synchronized (this) {
      if (early != null && error != null) {
        early = null;
      }
    }
    var handler = Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(100));
    if (error == null) {
      sink.emitComplete(handler);
    } else {
      sink.emitError(error, handler);
    }
  }

  // ---- event-driven disposal ----------------------------------------------------------------

  public void beginDisconnect() {
    if (!phase.compareAndSet(Phase.CONNECTED, Phase.DISCONNECTING)) {
      return;
    }
    clientInitiated = true;
    disconnectRequested.set(true);
    // Callers of RPC methods still running here must be answered while the room is connected.
    local.rpcDisconnecting();
    Lease lease;
    try {
      lease = handle.lease();
    } catch (HandleClosedException e) {
      return;
    }
    try {
      AsyncCall call = ffi.call(asyncId -> FfiRequest.newBuilder().setDisconnect(DisconnectRequest.newBuilder()
          .setRoomHandle(lease.id()).setRequestAsyncId(asyncId)
          .setReason(io.roomflux.proto.DisconnectReason.CLIENT_INITIATED)).build());
      call.callback().whenComplete((event, error) -> {
        lease.close();
        // The core's Disconnected event, if it sends one, came first: the dispatcher keeps
        // order. If it did not, this is the Disconnected the subscribers see.
        onDisconnected(DisconnectReason.CLIENT_INITIATED);
      });
    } catch (RoomFluxException e) {
      lease.close();
      log.warn("disconnect of room '{}' was refused by the core; releasing it", name, e);
      onDisconnected(DisconnectReason.CLIENT_INITIATED);
    }
  }

  private void onDisconnected(DisconnectReason reason) {
    if (!disconnectedEmitted.compareAndSet(false, true)) {
      return;
    }
    phase.compareAndSet(Phase.CONNECTED, Phase.DISCONNECTING);
    connectionState = ConnectionState.DISCONNECTED;
    emit(new RoomEvent.Disconnected(reason));
    disconnectedStep = probe.step();
    // A first subscriber that comes later still gets the held events, then this completion.
    emitTerminal(null);
    dispose(null);
  }

  private void dispose(@Nullable RoomFluxException error) {
    if (!disposing.compareAndSet(false, true)) {
      return;
    }
    phase.set(Phase.CLOSED);
    route.close();
    RoomClosedException closedError = new RoomClosedException("room '" + name + "' closed");
    inFlight.forEach(op -> op.fail(error != null ? error : closedError));
    if (!inFlight.isEmpty()) {
      // The core confirmed the room closed; an operation whose callback still has not come after
      // the grace period never will, and must not hold the room's handles forever.
      options.timer().schedule(this::abandonSilentOperations, CALLBACK_GRACE.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    List<CompletableFuture<Void>> drops = new ArrayList<>();
    remotes.values().forEach(r -> drops.add(closeHandle(r.handle())));
    remotes.clear();
    publicationHandles.values().forEach(h -> drops.add(closeHandle(h)));
    publicationHandles.clear();
    trackHandles.values().forEach(h -> drops.add(closeHandle(h)));
    trackHandles.clear();
    dataTracks.values().forEach(t -> drops.add(closeHandle(t.handle())));
    dataTracks.clear();
    for (OwnedHandle h; (h = otherHandles.poll()) != null; ) {
      drops.add(closeHandle(h));
    }
    drops.addAll(streams.dispose(error));
    drops.addAll(media.dispose(error));
    drops.addAll(local.tracks().dispose());
    // RPC answers need the local participant handle: release the RPC side while it is open.
    local.closeRpc();
    drops.add(closeHandle(local.handle()));
    drops.add(closeHandle(handle));
    CompletableFuture.allOf(drops.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> {
      disposedStep = probe.step();
      if (error != null) {
        closed.tryEmitError(error);
      } else {
        closed.tryEmitEmpty();
      }
    });
  }

  private void abandonSilentOperations() {
    for (Operation op : List.copyOf(inFlight)) {
      probe.abandoned();
      log.warn("room '{}' closed {} ago and {} has had no callback from the core; releasing its lease",
          name, CALLBACK_GRACE, op);
      finish(op);
      op.fail(new RoomClosedException("room '" + name + "' closed"));
    }
  }

  private static CompletableFuture<Void> closeHandle(OwnedHandle h) {
    h.close();
    return h.onDropped();
  }

  private static void closeQuietly(@Nullable AutoCloseable resource) {
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        log.debug("closing an operation's resource failed", e);
      }
    }
  }

  public static Optional<String> callbackError(FfiEvent event) {
    FieldDescriptor oneof = event.getDescriptorForType().findFieldByNumber(event.getMessageCase().getNumber());
    Message callback = (Message) event.getField(oneof);
    FieldDescriptor error = callback.getDescriptorForType().findFieldByName("error");
    if (error != null && error.getJavaType() == FieldDescriptor.JavaType.STRING && callback.hasField(error)) {
      String text = (String) callback.getField(error);
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
    return Optional.empty();
  }

  /** One operation in flight: signals its sink at most once, releases its lease at most once. */
  private static final class Operation {
    private final String name;
    private final MonoSink<Object> sink;
    private final Lease lease;
    private final @Nullable AutoCloseable resource;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    @SuppressWarnings("unchecked")
    Operation(String name, MonoSink<?> sink, Lease lease, @Nullable AutoCloseable resource) {
      this.name = name;
      this.sink = (MonoSink<Object>) sink;
      this.lease = lease;
      this.resource = resource;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        closeQuietly(resource);
        lease.close();
      }
    }

    void succeed(@Nullable Object value) {
      if (done.compareAndSet(false, true)) {
        if (value == null) {
          sink.success();
        } else {
          sink.success(value);
        }
      }
    }

    void fail(Throwable error) {
      if (done.compareAndSet(false, true)) {
        sink.error(error);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
