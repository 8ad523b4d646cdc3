package io.roomflux.reactor.internal.room;

import io.roomflux.Telemetry;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.Redactor;
import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.ConnectRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.reactor.ConnectException;
import io.roomflux.reactor.ConnectTimeoutException;
import io.roomflux.reactor.Diagnostics;
import io.roomflux.reactor.InvalidTokenException;
import io.roomflux.reactor.LiveKitOptions;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.ServerUnreachableException;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.internal.telemetry.Observed;
import io.roomflux.reactor.internal.wire.RoomWire;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * What a {@code LiveKit} entry point does, on one {@link Core}: joins rooms (cold, cancel-safe,
 * bounded by the room's connect timeout), keeps every room it joined until the room is released
 * (including rooms that arrive after their connect was cancelled), and reports diagnostics.
 * Unit tests drive it with a scripted core.
 */
public final class RoomClient {
  private final Core core;
  private final LiveKitOptions options;
  private final RoomProbe probe;
  private final Telemetry telemetry;
  // Every room this entry point holds, delivered or abandoned by a cancelled connect, until it
  // is released.
  private final Set<DefaultRoom> rooms = ConcurrentHashMap.newKeySet();

  /**
   * A client on this core.
   *
   * @param core the core
   * @param options the entry point's options
   * @param probe the lifecycle counters (and test seam) of its rooms
   */
  public RoomClient(Core core, LiveKitOptions options, RoomProbe probe) {
    this.core = core;
    this.options = options;
    this.probe = probe;
    this.telemetry = Telemetry.guarded(options.telemetry());
  }

  /**
   * The core this client uses.
   *
   * @return the core
   */
  public Core core() {
    return core;
  }

  /**
   * The lifecycle counters of this client's rooms.
   *
   * @return the probe
   */
  public RoomProbe probe() {
    return probe;
  }

  /**
   * Joins a room; see {@code LiveKit#connect}.
   *
   * @param url the server URL
   * @param token the access token
   * @param roomOptions how to join
   * @return the room
   */
  public Mono<Room> connect(String url, String token, RoomOptions roomOptions) {
    Mono<Room> connect = Mono.<Room>create(sink -> new Attempt(sink, url, token, roomOptions).start())
        .publishOn(options.scheduler());
    // Observed after publishOn: the scope ends on the scheduler (or the cancelling thread), never
    // on a thread of the core.
    return Observed.mono(telemetry, () -> Observed.connect(url), connect)
        .doOnDiscard(DefaultRoom.class, room -> room.disconnect().subscribe());
  }

  /**
   * Disconnects every room this client holds.
   *
   * @return completes when they are all released
   */
  public Mono<Void> closeRooms() {
    return Flux.fromIterable(Set.copyOf(rooms)).flatMap(Room::disconnect).then();
  }

  /**
   * A snapshot of the counters.
   *
   * @return the diagnostics
   */
  public Diagnostics diagnostics() {
    Map<String, Long> named = new TreeMap<>();
    core.handles().liveByKind().forEach((kind, count) -> named.put(kind.name(), count));
    Core.CoreCounters counters = core.counters();
    return new Diagnostics(named, rooms.size(), counters.unroutedEvents(), counters.upcallFailures(),
        counters.panics(), core.handles().dropFailures(), core.handles().leaked(), probe.operationsWithdrawn(),
        probe.callbacksAbandoned());
  }

  private final class Attempt {
    private static final int PENDING = 0;
    private static final int DELIVERED = 1;
    private static final int ABANDONED = 2;

    private final MonoSink<Room> sink;
    private final String url;
    private final String token;
    private final RoomOptions roomOptions;
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private @Nullable Disposable timer;

    Attempt(MonoSink<Room> sink, String url, String token, RoomOptions roomOptions) {
      this.sink = sink;
      this.url = url;
      this.token = token;
      this.roomOptions = roomOptions;
    }

    void start() {
      Optional<String> invalid = ConnectErrors.checkUrl(url);
      if (invalid.isPresent()) {
        sink.error(new ServerUnreachableException(invalid.get()));
        return;
      }
      if (token.isBlank()) {
        sink.error(new InvalidTokenException("the access token is empty"));
        return;
      }
      AsyncCall call;
      try {
        call = core.call(asyncId -> FfiRequest.newBuilder().setConnect(ConnectRequest.newBuilder()
            .setUrl(url).setToken(token).setOptions(RoomWire.toProto(roomOptions)).setRequestAsyncId(asyncId)).build());
      } catch (OperationFailedException e) {
        core.explain(e).whenComplete((explained, t) ->
            sink.error(new ConnectException("the core refused to connect", explained != null ? explained : e)));
        return;
      } catch (RuntimeException e) {
        sink.error(e);
        return;
      }
      sink.onCancel(() -> abandon(null));
      timer = options.timer().schedule(() -> abandon(new ConnectTimeoutException(roomOptions.connectTimeout())),
          roomOptions.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      call.callback().whenComplete(this::arrived);
    }

    private void abandon(@Nullable ConnectException error) {
      if (state.compareAndSet(PENDING, ABANDONED) && error != null) {
        sink.error(error);
      }
    }

    // Dispatcher thread (or the closing thread when the core panics or is disposed).
    private void arrived(@Nullable FfiEvent event, @Nullable Throwable error) {
      Disposable t = timer;
      if (t != null) {
        t.dispose();
      }
      if (error != null || event == null) {
        if (state.compareAndSet(PENDING, DELIVERED)) {
          sink.error(error != null ? error : new ConnectException("no connect callback"));
        }
        return;
      }
      ConnectCallback callback = event.getConnect();
      if (callback.hasError()) {
        if (state.compareAndSet(PENDING, DELIVERED)) {
          sink.error(ConnectErrors.classify(Redactor.redact(callback.getError())));
        }
        return;
      }
      DefaultRoom room = DefaultRoom.attach(core, options, probe, roomOptions, callback.getResult());
      rooms.add(room);
      // Subscribed before anyone else, without a hop: the room leaves the open count before any
      // disconnect() or onClose() of it completes.
      room.released().onErrorComplete().subscribe(null, null, () -> rooms.remove(room));
      if (state.compareAndSet(PENDING, DELIVERED)) {
        sink.success(room);
      } else {
        // Nobody wants this room any more: leave it through the normal disposal path.
        room.disconnect().subscribe();
      }
    }
  }
}
