// Longer than 400 lines: the Room facade, one short delegating method per Room method; the work is
// done by the collaborators it wires (state, resources, operations, event hub, disposal).
package io.roomflux.reactor.internal.room;

import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.participant.RemoteTrack;
import java.util.function.Supplier;
import reactor.core.Disposable;
import io.roomflux.RoomFluxException;
import io.roomflux.Telemetry;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.ReadyForRoomEventRequest;
import io.roomflux.reactor.ConnectionQuality;
import io.roomflux.reactor.ConnectionState;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomInfo;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.SessionStats;
import io.roomflux.reactor.SimulatedScenario;
import io.roomflux.reactor.data.ByteStreamReader;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.data.TextStreamReader;
import io.roomflux.reactor.e2ee.E2eeManager;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.internal.data.DataStreams;
import io.roomflux.reactor.internal.e2ee.DefaultE2eeManager;
import io.roomflux.reactor.internal.data.DefaultRemoteDataTrack;
import io.roomflux.reactor.internal.media.MediaStreams;
import io.roomflux.reactor.internal.participant.DefaultLocalParticipant;
import io.roomflux.reactor.internal.wire.RoomWire;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.media.MediaStreamStats;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoStreamOptions;
import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A joined room: the thin {@link Room} facade over collaborators with one job each.
 * {@link RoomState} is an immutable snapshot and its reducer; {@link RoomResources} owns the native
 * handles; {@link OperationRunner} runs operations under leases and keeps the phase they pass;
 * {@link EventHub} is the event stream; {@link RoomListener} takes the core's events (on the
 * dispatcher thread) through those; {@link RoomDisposal} ends the room, event-driven:
 * {@code Disconnected} first, then the stream's completion, then the operations in flight, and
 * only then the handles.
 */
public final class DefaultRoom implements Room {
  private static final Logger log = LoggerFactory.getLogger(DefaultRoom.class);

  private final Core core;
  private final LiveKitOptions options;
  private final Telemetry telemetry;
  private final RoomProbe probe;
  private final OwnedHandle handle;
  private final String name;
  private final OperationRunner operations;
  private final EventHub hub;
  private final DataStreams streams;
  private final MediaStreams media;
  private final DefaultLocalParticipant local;
  private final DefaultE2eeManager e2ee;
  private final RoomResources resources;
  private final RoomListener listener;
  private final RoomDisposal disposal;
  private final DefaultSubscriptions subscriptions;

  private DefaultRoom(Core core, LiveKitOptions options, RoomProbe probe, RoomOptions roomOptions,
                      ConnectCallback.Result result) {
    this.core = core;
    this.options = options;
    this.telemetry = Telemetry.guarded(options.telemetry());
    this.probe = probe;
    this.handle = core.handles().own(result.getRoom().getHandle().getId(), HandleKind.ROOM);
    this.name = result.getRoom().getInfo().getName();
    this.operations = new OperationRunner(core, probe, options.scheduler(), options.timer(), name,
        roomOptions.operationTimeout());
    this.hub = new EventHub(options.scheduler(), options.eventBufferSize(), telemetry);
    this.streams = new DataStreams(this);
    this.media = new MediaStreams(this);
    this.local = new DefaultLocalParticipant(this,
        core.handles().own(result.getLocalParticipant().getHandle().getId(), HandleKind.PARTICIPANT));
    this.e2ee = new DefaultE2eeManager(this, handle, roomOptions.encryption());
    this.resources = new RoomResources(media, local.tracks());
    this.subscriptions = new DefaultSubscriptions(name, resources, operations);
    this.disposal = new RoomDisposal(new RoomDisposal.Parts(core, probe, name, handle, operations, hub, streams,
        media, local, resources), options.scheduler(), options.timer());
    this.listener = new RoomListener(disposal, core, resources, hub, streams, resources.joined(core, result));
    disposal.wire(listener, core.route(handle.id(), listener));
  }

  /**
   * Takes ownership of a joined room: owns its handles, installs its event route, and only then
   * tells the core it may send the room's events. Runs on the dispatcher thread.
   *
   * @return the room
   */
  static DefaultRoom attach(Core core, LiveKitOptions options, RoomProbe probe, RoomOptions roomOptions,
                            ConnectCallback.Result result) {
    DefaultRoom room = new DefaultRoom(core, options, probe, roomOptions, result);
    probe.attached();
    try (Lease lease = room.handle.lease()) {
      core.request(FfiRequest.newBuilder()
          .setReadyForRoomEvent(ReadyForRoomEventRequest.newBuilder().setRoomHandle(lease.id()))
          .build());
      probe.readySent();
    } catch (RoomFluxException e) {
      log.error("room {} could not be made ready; leaving it", room.name, e);
      room.disposal.beginDisconnect();
    }
    return room;
  }

  // ---- what the room's other collaborators use -----------------------------------------------

  /**
   * The core the room talks to.
   *
   * @return the core
   */
  public Core ffi() {
    return core;
  }

  /**
   * The options of the entry point that joined the room.
   *
   * @return the options
   */
  public LiveKitOptions options() {
    return options;
  }

  /**
   * The entry point's telemetry, guarded: it never throws.
   *
   * @return the telemetry
   */
  public Telemetry telemetry() {
    return telemetry;
  }

  /**
   * The room's incoming and outgoing data streams.
   *
   * @return the streams
   */
  public DataStreams streams() {
    return streams;
  }

  /**
   * The room's current snapshot.
   *
   * @return the state
   */
  public RoomState state() {
    return listener.state();
  }

  /**
   * The native handles the room keeps for remote participants and their tracks.
   *
   * @return the resources
   */
  public RoomResources resources() {
    return resources;
  }

  /**
   * The runner of the room's operations, and the phase they pass.
   *
   * @return the runner
   */
  public OperationRunner operations() {
    return operations;
  }

  /**
   * Whether the room still takes operations.
   *
   * @return true until it begins to disconnect
   */
  public boolean isOpen() {
    return operations.isOpen();
  }

  /** Whether disposal has begun. */
  public boolean isDisposing() {
    return disposal.isDisposing();
  }

  /** Requests this room handed to the core (tests: a refusal sends none). */
  public long operationsSent() {
    return operations.sent();
  }

  /** When Disconnected was emitted and when disposal completed, in the probe's order (0: not yet). */
  public long disconnectedStep() {
    return disposal.disconnectedStep();
  }

  public long disposedStep() {
    return disposal.disposedStep();
  }

  // ---- Room -----------------------------------------------------------------------------------

  @Override
  public String name() {
    return state().info().name();
  }

  @Override
  public Optional<String> sid() {
    return state().info().sid();
  }

  @Override
  public String metadata() {
    return state().info().metadata();
  }

  @Override
  public RoomInfo info() {
    return state().info();
  }

  @Override
  public Map<String, TrackPublication> publications(String identity) {
    return state().publications().getOrDefault(identity, Map.of());
  }

  @Override
  public List<String> activeSpeakers() {
    return state().activeSpeakers();
  }

  @Override
  public Optional<ConnectionQuality> connectionQuality(String identity) {
    return Optional.ofNullable(state().qualities().get(identity));
  }

  @Override
  public E2eeManager e2ee() {
    return e2ee;
  }

  @Override
  public io.roomflux.reactor.participant.Subscriptions subscriptions() {
    return subscriptions;
  }

  @Override
  public LocalParticipant localParticipant() {
    return local;
  }

  @Override
  public Map<String, Participant> remoteParticipants() {
    return state().remotes();
  }

  @Override
  public Optional<io.roomflux.reactor.data.RemoteDataTrack> remoteDataTrack(String sid) {
    return resources.dataTrackEntry(Objects.requireNonNull(sid, "sid")).map(e -> DefaultRemoteDataTrack.of(this, e));
  }

  @Override
  public List<io.roomflux.reactor.data.RemoteDataTrack> remoteDataTracks() {
    return resources.dataTrackEntries().stream().<io.roomflux.reactor.data.RemoteDataTrack>map(e -> DefaultRemoteDataTrack.of(this, e)).toList();
  }

  @Override
  public ConnectionState connectionState() {
    return state().connectionState();
  }

  @Override
  public Flux<RoomEvent> events() {
    return hub.events();
  }

  @Override
  public Mono<Participant> participant(String identity) {
    Objects.requireNonNull(identity, "identity");
    return await("participant '" + identity + "'", () -> identity.equals(local.identity())
        ? Optional.of(local.info()) : Optional.ofNullable(remoteParticipants().get(identity)));
  }

  @Override
  public Mono<RemoteTrack> subscribedTrack(String identity, TrackSource source) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(source, "source");
    return await(source + " track of participant '" + identity + "'", () -> publications(identity).values().stream()
        .filter(p -> p.source() == source && resources.track(p.sid()).isPresent())
        .findFirst().map(p -> new RemoteTrack(p.sid(), p.name(), p.kind())));
  }

  /**
   * Completes with what {@code check} finds, now or after the event that makes it true (the state
   * is updated before each event is emitted); fails with {@link RoomClosedException} if the room's
   * events end first. Watches first and checks after, so nothing falls between the two.
   */
  private <T> Mono<T> await(String what, Supplier<Optional<T>> check) {
    return Mono.<T>create(sink -> {
      Disposable watching = hub.watch().subscribe(event -> check.get().ifPresent(sink::success), sink::error,
          () -> sink.error(new RoomClosedException("room '" + name + "' closed before the " + what + " was there")));
      sink.onDispose(watching);
      check.get().ifPresent(sink::success);
    }).publishOn(options.scheduler());
  }

  @Override
  public Flux<DataPacket> dataPackets(String topic) {
    Objects.requireNonNull(topic, "topic");
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
    return operations.operate("sessionStats", handle, (room, asyncId) -> FfiRequest.newBuilder()
        .setGetSessionStats(io.roomflux.proto.GetSessionStatsRequest.newBuilder().setRoomHandle(room)
            .setRequestAsyncId(asyncId)).build(),
        event -> RoomWire.sessionStats(event.getGetSessionStats().getResult()), null);
  }

  @Override
  public Mono<Void> simulateScenario(SimulatedScenario scenario) {
    io.roomflux.proto.SimulateScenarioKind kind = RoomWire.toProto(Objects.requireNonNull(scenario, "scenario"));
    return operations.operate("simulateScenario", handle, (room, asyncId) -> FfiRequest.newBuilder()
        .setSimulateScenario(io.roomflux.proto.SimulateScenarioRequest.newBuilder().setRoomHandle(room)
            .setScenario(kind).setRequestAsyncId(asyncId)).build(), event -> null, null);
  }

  @Override
  public long missedEvents() {
    return hub.missed();
  }

  @Override
  public Mono<Void> disconnect() {
    return Mono.defer(() -> {
      disposal.beginDisconnect();
      return onClose();
    });
  }

  @Override
  public Mono<Void> onClose() {
    return disposal.onClose();
  }

  /** The release, without a scheduler hop (the entry point's bookkeeping). */
  Mono<Void> released() {
    return disposal.released();
  }
}
