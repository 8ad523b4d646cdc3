package io.roomflux.reactor;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.EventRoute;
import io.roomflux.core.FfiClient;
import io.roomflux.core.FfiEventListener;
import io.roomflux.core.FfiRequestException;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.core.RoomFluxException;
import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.DisconnectRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.ReadyForRoomEventRequest;
import java.nio.ByteBuffer;
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
final class DefaultRoom implements Room, FfiEventListener {
  private static final Logger log = LoggerFactory.getLogger(DefaultRoom.class);

  private enum Phase { CONNECTED, DISCONNECTING, CLOSED }

  private record Remote(Participant participant, OwnedHandle handle) {
  }

  private final FfiClient ffi;
  private final LiveKitOptions options;
  private final OwnedHandle handle;
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
  // Hot, without a hidden buffer: each subscriber gets its own bounded buffer in events().
  // Until the first subscriber arrives, events are held in `early` (see events()).
  private final Sinks.Many<RoomEvent> sink = Sinks.many().multicast().directBestEffort();
  private final Sinks.Empty<Void> closed = Sinks.empty();
  private final EventRoute route;
  private volatile @Nullable List<RoomEvent> early = new ArrayList<>();
  private volatile @Nullable String sid;
  private volatile String metadata;
  private volatile ConnectionState connectionState = ConnectionState.CONNECTED;
  private volatile boolean clientInitiated;

  private DefaultRoom(FfiClient ffi, LiveKitOptions options, ConnectCallback.Result result) {
    this.ffi = ffi;
    this.options = options;
    this.handle = ffi.handles().own(result.getRoom().getHandle().getId(), HandleKind.ROOM);
    this.local = new DefaultLocalParticipant(this,
        ffi.handles().own(result.getLocalParticipant().getHandle().getId(), HandleKind.PARTICIPANT),
        Participant.of(result.getLocalParticipant().getInfo()));
    this.name = result.getRoom().getInfo().getName();
    this.metadata = result.getRoom().getInfo().getMetadata();
    String initialSid = result.getRoom().getInfo().getSid();
    this.sid = initialSid.isEmpty() ? null : initialSid;
    for (ConnectCallback.ParticipantWithTracks p : result.getParticipantsList()) {
      Participant participant = Participant.of(p.getParticipant().getInfo());
      remotes.put(participant.identity(), new Remote(participant,
          ffi.handles().own(p.getParticipant().getHandle().getId(), HandleKind.PARTICIPANT)));
      p.getPublicationsList().forEach(pub ->
          otherHandles.add(ffi.handles().own(pub.getHandle().getId(), HandleKind.TRACK_PUBLICATION)));
    }
    this.route = ffi.route(handle.id(), this);
  }

  /**
   * Takes ownership of a joined room: owns its handles, installs its event route, and only then
   * tells the core it may send the room's events. Runs on the dispatcher thread.
   */
  static DefaultRoom attach(FfiClient ffi, LiveKitOptions options, ConnectCallback.Result result) {
    DefaultRoom room = new DefaultRoom(ffi, options, result);
    try (Lease lease = room.handle.lease()) {
      ffi.request(FfiRequest.newBuilder()
          .setReadyForRoomEvent(ReadyForRoomEventRequest.newBuilder().setRoomHandle(lease.id()))
          .build());
    } catch (RoomFluxException e) {
      log.error("room {} could not be made ready; leaving it", room.name, e);
      room.beginDisconnect();
    }
    return room;
  }

  FfiClient ffi() {
    return ffi;
  }

  LiveKitOptions options() {
    return options;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<String> sid() {
    return Optional.ofNullable(sid);
  }

  @Override
  public String metadata() {
    return metadata;
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

  boolean isOpen() {
    return phase.get() == Phase.CONNECTED;
  }

  // ---- operations -------------------------------------------------------------------------

  /** Builds a request from the leased handle id and our async id. */
  interface RequestBuilder {
    FfiRequest build(long handleId, long asyncId);
  }

  /**
   * Runs one asynchronous operation on a handle of this room: refuses at once (sending nothing)
   * once the room is disconnecting; holds a lease on the handle until the core's callback, so
   * the handle cannot be dropped under it; fails with {@link RoomClosedException} if the room
   * closes first.
   */
  <T> Mono<T> operate(String operation, OwnedHandle target, RequestBuilder request,
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
      Operation op = new Operation(operation, sink);
      inFlight.add(op);
      AsyncCall call;
      try {
        call = ffi.call(asyncId -> request.build(lease.id(), asyncId));
      } catch (FfiRequestException e) {
        finish(op, lease, resource);
        ffi.explain(e).whenComplete((explained, t) -> op.fail(explained != null ? explained : e));
        return;
      } catch (RuntimeException e) {
        finish(op, lease, resource);
        op.fail(e);
        return;
      }
      call.callback().whenComplete((event, error) -> {
        finish(op, lease, resource);
        if (error != null) {
          op.fail(error);
          return;
        }
        Optional<String> coreError = callbackError(event);
        if (coreError.isPresent()) {
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

  private void finish(Operation op, Lease lease, @Nullable AutoCloseable resource) {
    inFlight.remove(op);
    closeQuietly(resource);
    lease.close();
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
      case PARTICIPANT_CONNECTED -> {
        var owned = e.getParticipantConnected().getInfo();
        Participant p = Participant.of(owned.getInfo());
        Remote previous = remotes.put(p.identity(),
            new Remote(p, ffi.handles().own(owned.getHandle().getId(), HandleKind.PARTICIPANT)));
        if (previous != null) {
          previous.handle().close();
        }
        emit(new RoomEvent.ParticipantConnected(p));
      }
      case PARTICIPANT_DISCONNECTED -> {
        var d = e.getParticipantDisconnected();
        Remote gone = remotes.remove(d.getParticipantIdentity());
        Participant p = gone != null ? gone.participant()
            : new Participant("", d.getParticipantIdentity(), "", "", Map.of());
        if (gone != null) {
          gone.handle().close();
        }
        emit(new RoomEvent.ParticipantDisconnected(p, DisconnectReason.of(d.getDisconnectReason())));
      }
      case DATA_PACKET_RECEIVED -> {
        var d = e.getDataPacketReceived();
        if (d.hasUser()) {
          byte[] bytes = ffi.takeBuffer(d.getUser().getData());
          String identity = d.getParticipantIdentity();
          emit(new RoomEvent.DataReceived(new DataPacket(ByteBuffer.wrap(bytes),
              d.getUser().hasTopic() ? Optional.of(d.getUser().getTopic()) : Optional.empty(),
              identity.isEmpty() ? Optional.empty() : Optional.of(identity),
              d.getKind() == io.roomflux.proto.DataPacketKind.KIND_LOSSY ? DataKind.LOSSY : DataKind.RELIABLE)));
        } else {
          ffi.releaseAll(d);
        }
      }
      case ROOM_METADATA_CHANGED -> {
        metadata = e.getRoomMetadataChanged().getMetadata();
        emit(new RoomEvent.RoomMetadataChanged(metadata));
      }
      case ROOM_SID_CHANGED -> {
        sid = e.getRoomSidChanged().getSid();
        emit(new RoomEvent.RoomSidChanged(e.getRoomSidChanged().getSid()));
      }
      case PARTICIPANT_METADATA_CHANGED -> {
        var c = e.getParticipantMetadataChanged();
        update(c.getParticipantIdentity(), p -> p.withMetadata(c.getMetadata()));
        emit(new RoomEvent.ParticipantMetadataChanged(c.getParticipantIdentity(), c.getMetadata()));
      }
      case PARTICIPANT_NAME_CHANGED -> {
        var c = e.getParticipantNameChanged();
        update(c.getParticipantIdentity(), p -> p.withName(c.getName()));
        emit(new RoomEvent.ParticipantNameChanged(c.getParticipantIdentity(), c.getName()));
      }
      case PARTICIPANT_ATTRIBUTES_CHANGED -> {
        var c = e.getParticipantAttributesChanged();
        Map<String, String> all = new HashMap<>();
        c.getAttributesList().forEach(a -> all.put(a.getKey(), a.getValue()));
        Map<String, String> changed = new HashMap<>();
        c.getChangedAttributesList().forEach(a -> changed.put(a.getKey(), a.getValue()));
        update(c.getParticipantIdentity(), p -> p.withAttributes(all));
        emit(new RoomEvent.ParticipantAttributesChanged(c.getParticipantIdentity(), all, changed));
      }
      case ACTIVE_SPEAKERS_CHANGED ->
          emit(new RoomEvent.ActiveSpeakersChanged(e.getActiveSpeakersChanged().getParticipantIdentitiesList()));
      case CONNECTION_STATE_CHANGED -> {
        connectionState = ConnectionState.of(e.getConnectionStateChanged().getState());
        emit(new RoomEvent.ConnectionStateChanged(connectionState));
      }
      case RECONNECTING -> {
        connectionState = ConnectionState.RECONNECTING;
        emit(new RoomEvent.Reconnecting());
      }
      case RECONNECTED -> {
        connectionState = ConnectionState.CONNECTED;
        emit(new RoomEvent.Reconnected());
      }
      case DISCONNECTED -> onDisconnected(DisconnectReason.of(e.getDisconnected().getReason()));
      case TRACK_PUBLISHED -> otherHandles.add(ffi.handles().own(
          e.getTrackPublished().getPublication().getHandle().getId(), HandleKind.TRACK_PUBLICATION));
      case TRACK_SUBSCRIBED -> otherHandles.add(ffi.handles().own(
          e.getTrackSubscribed().getTrack().getHandle().getId(), HandleKind.TRACK));
      // Events not surfaced yet still hand over objects: release their handles at once.
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

  void beginDisconnect() {
    if (!phase.compareAndSet(Phase.CONNECTED, Phase.DISCONNECTING)) {
      return;
    }
    clientInitiated = true;
    disconnectRequested.set(true);
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
    List<CompletableFuture<Void>> drops = new ArrayList<>();
    remotes.values().forEach(r -> drops.add(closeHandle(r.handle())));
    remotes.clear();
    for (OwnedHandle h; (h = otherHandles.poll()) != null; ) {
      drops.add(closeHandle(h));
    }
    drops.add(closeHandle(local.handle()));
    drops.add(closeHandle(handle));
    CompletableFuture.allOf(drops.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> {
      if (error != null) {
        closed.tryEmitError(error);
      } else {
        closed.tryEmitEmpty();
      }
    });
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

  static Optional<String> callbackError(FfiEvent event) {
    FieldDescriptor oneof = event.getDescriptorForType().findFieldByNumber(event.getMessageCase().getNumber());
    Message callback = (Message) event.getField(oneof);
    FieldDescriptor error = callback.getDescriptorForType().findFieldByName("error");
    if (error != null && error.getJavaType() == FieldDescriptor.JavaType.STRING && callback.hasField(error)) {
      String text = (String) callback.getField(error);
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
    return Optional.empty();
  }

  /** One operation in flight; signals its sink at most once. */
  private static final class Operation {
    private final String name;
    private final MonoSink<Object> sink;
    private final AtomicBoolean done = new AtomicBoolean();

    @SuppressWarnings("unchecked")
    Operation(String name, MonoSink<?> sink) {
      this.name = name;
      this.sink = (MonoSink<Object>) sink;
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
