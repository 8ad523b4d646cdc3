package io.roomflux.reactor.internal.room;

import io.roomflux.RoomFluxException;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.EventRoute;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.DisconnectRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.reactor.DisconnectReason;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.internal.data.DataStreams;
import io.roomflux.reactor.internal.media.MediaStreams;
import io.roomflux.reactor.internal.participant.DefaultLocalParticipant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Event-driven disposal of one room. Leaving sends the disconnect and waits for the core: its
 * {@code Disconnected} (or the end of the room's events, or the disconnect's callback) is emitted
 * once, the event stream completes, operations in flight are failed (and released after a grace
 * period if their callback never comes), and only then are the room's handles dropped;
 * {@link #onClose()} completes when the last one was. A panic or a disposed core ends the room
 * the same way, with the error.
 */
final class RoomDisposal {
  /** How long after the core confirmed a room closed an operation may still wait for its callback. */
  static final Duration CALLBACK_GRACE = Duration.ofSeconds(5);
  /**
   * How long the core may take to confirm a disconnect (it normally does within a second). After
   * that the room is ended without the confirmation: {@code Disconnected} is emitted and
   * everything but the room's handle is released; the room handle stays leased by the disconnect
   * in the core, and is dropped when the core answers, if ever.
   */
  static final Duration DISCONNECT_WAIT = Duration.ofSeconds(15);
  private static final Logger log = LoggerFactory.getLogger(RoomDisposal.class);

  /** The room's parts that disposal ends, in the order it ends them. */
  record Parts(Core core, RoomProbe probe, String name, OwnedHandle handle, OperationRunner operations,
               EventHub hub, DataStreams streams, MediaStreams media, DefaultLocalParticipant local,
               RoomResources resources) {
  }

  private final Parts p;
  private final Scheduler scheduler;
  private final Scheduler timer;
  private final Sinks.Empty<Void> closed = Sinks.empty();
  private final AtomicBoolean disconnectedEmitted = new AtomicBoolean();
  private final AtomicBoolean disconnectRequested = new AtomicBoolean();
  private final AtomicBoolean disposing = new AtomicBoolean();
  // Set once by wire(), before the route can deliver anything (the core sends the room's events
  // only after the ready handshake that follows).
  private @Nullable RoomListener listener;
  private @Nullable EventRoute route;
  private volatile long disconnectedStep;
  private volatile long disposedStep;
  // Set when the core did not confirm the disconnect in time: the room's handle is then still
  // leased by the disconnect in flight, and onClose does not wait for its drop.
  private volatile boolean unconfirmed;

  RoomDisposal(Parts parts, Scheduler scheduler, Scheduler timer) {
    this.p = parts;
    this.scheduler = scheduler;
    this.timer = timer;
  }

  void wire(RoomListener roomListener, EventRoute roomRoute) {
    this.listener = roomListener;
    this.route = roomRoute;
  }

  Mono<Void> onClose() {
    return closed.asMono().publishOn(scheduler);
  }

  /**
   * The room's release, signalled on the thread that completed it (no hop): the entry point forgets
   * the room here, before any {@link #onClose()} subscriber (which hops) can observe the release.
   */
  Mono<Void> released() {
    return closed.asMono();
  }

  boolean ended() {
    return disconnectedEmitted.get();
  }

  boolean disconnectRequested() {
    return disconnectRequested.get();
  }

  boolean isDisposing() {
    return disposing.get();
  }

  long disconnectedStep() {
    return disconnectedStep;
  }

  long disposedStep() {
    return disposedStep;
  }

  void onTerminated(RoomFluxException error) {
    // The core panicked or was disposed: nothing will confirm a disconnect any more.
    if (p.operations().close() == OperationRunner.Phase.CLOSED && disposing.get()) {
      return;
    }
    p.operations().failInFlight(error, CALLBACK_GRACE);
    if (disconnectedEmitted.compareAndSet(false, true)) {
      p.hub().terminate(error);
    }
    dispose(error);
  }

  /** Starts leaving the room, once; the core's confirmation (or its refusal) disposes it. */
  void beginDisconnect() {
    if (!p.operations().beginDisconnecting()) {
      return;
    }
    disconnectRequested.set(true);
    // Callers of RPC methods still running here must be answered while the room is connected.
    p.local().rpcDisconnecting();
    Lease lease;
    try {
      lease = p.handle().lease();
    } catch (HandleClosedException e) {
      return;
    }
    try {
      AsyncCall call = p.core().call(asyncId -> FfiRequest.newBuilder().setDisconnect(DisconnectRequest.newBuilder()
          .setRoomHandle(lease.id()).setRequestAsyncId(asyncId)
          .setReason(io.roomflux.proto.DisconnectReason.CLIENT_INITIATED)).build());
      Disposable watchdog = timer.schedule(this::disconnectUnconfirmed, DISCONNECT_WAIT.toMillis(),
          TimeUnit.MILLISECONDS);
      call.callback().whenComplete((event, error) -> {
        watchdog.dispose();
        lease.close();
        // The core's Disconnected event, if it sends one, came first: the dispatcher keeps
        // order. If it did not, this is the Disconnected the subscribers see.
        onDisconnected(DisconnectReason.CLIENT_INITIATED);
      });
    } catch (RoomFluxException e) {
      lease.close();
      log.warn("disconnect of room '{}' was refused by the core; releasing it", p.name(), e);
      onDisconnected(DisconnectReason.CLIENT_INITIATED);
    }
  }

  /** The disconnect's callback did not come in time (timer thread). */
  private void disconnectUnconfirmed() {
    if (disconnectedEmitted.get()) {
      return;
    }
    unconfirmed = true;
    p.probe().disconnectUnconfirmed();
    log.warn("room '{}': the core did not confirm the disconnect within {}; ending the room without it "
        + "(its handle is kept until the core answers)", p.name(), DISCONNECT_WAIT);
    onDisconnected(DisconnectReason.CLIENT_INITIATED);
  }

  void onDisconnected(DisconnectReason reason) {
    if (!disconnectedEmitted.compareAndSet(false, true)) {
      return;
    }
    p.operations().beginDisconnecting();
    java.util.Objects.requireNonNull(listener).emitOwn(new RoomEvent.Disconnected(reason));
    disconnectedStep = p.probe().step();
    // A first subscriber that comes later still gets the held events, then this completion.
    p.hub().terminate(null);
    dispose(null);
  }

  private void dispose(@Nullable RoomFluxException error) {
    if (!disposing.compareAndSet(false, true)) {
      return;
    }
    p.operations().close();
    EventRoute installed = route;
    if (installed != null) {
      // Null only when the core ended while the route was being installed: then it is gone already.
      installed.close();
    }
    p.operations().failInFlight(error != null ? error : new RoomClosedException("room '" + p.name() + "' closed"),
        CALLBACK_GRACE);
    List<CompletableFuture<Void>> drops = new ArrayList<>(p.resources().dispose());
    drops.addAll(p.streams().dispose(error));
    drops.addAll(p.media().dispose(error));
    drops.addAll(p.local().tracks().dispose());
    // RPC answers need the local participant handle: release the RPC side while it is open.
    p.local().closeRpc();
    drops.add(RoomResources.dropped(p.local().handle()));
    CompletableFuture<Void> roomDropped = RoomResources.dropped(p.handle());
    if (!unconfirmed) {
      drops.add(roomDropped);
    }
    CompletableFuture.allOf(drops.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> {
      disposedStep = p.probe().step();
      if (error != null) {
        closed.tryEmitError(error);
      } else {
        closed.tryEmitEmpty();
      }
    });
  }
}
