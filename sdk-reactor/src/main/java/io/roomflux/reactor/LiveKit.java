package io.roomflux.reactor;

import io.roomflux.core.AsyncCall;
import io.roomflux.core.FfiClient;
import io.roomflux.core.FfiRequestException;
import io.roomflux.RoomFluxException;
import io.roomflux.core.Redactor;
import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.ConnectRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The entry point: create one per application, connect to rooms with it, and close it when done.
 *
 * <pre>{@code
 * LiveKit lk = LiveKit.create();
 * lk.withRoom(url, token, RoomOptions.defaults(), room ->
 *         room.events().ofType(RoomEvent.DataReceived.class).take(1))
 *     .subscribe(event -> System.out.println(event.packet().topic()));
 * }</pre>
 *
 * <p>The process-wide livekit-ffi core is loaded on first use and disposed when the JVM exits.
 */
public final class LiveKit implements AutoCloseable {
  private final FfiClient ffi;
  private final LiveKitOptions options;
  // Every room this entry point holds, delivered or abandoned by a cancelled connect, until it
  // is released.
  private final Set<DefaultRoom> rooms = ConcurrentHashMap.newKeySet();

  private LiveKit(FfiClient ffi, LiveKitOptions options) {
    this.ffi = ffi;
    this.options = options;
  }

  /**
   * An entry point with default options.
   *
   * @return the entry point
   * @throws io.roomflux.core.NativeLibraryException if the core cannot be loaded
   */
  public static LiveKit create() {
    return create(LiveKitOptions.defaults());
  }

  /**
   * An entry point with these options.
   *
   * @param options the options
   * @return the entry point
   * @throws io.roomflux.core.NativeLibraryException if the core cannot be loaded
   */
  public static LiveKit create(LiveKitOptions options) {
    return new LiveKit(FfiClient.get(), options);
  }

  /**
   * An entry point with these options, opening the process's core with {@code core} (log
   * forwarding, how long a refusal waits for the core's reason, the shutdown timeout) if it is
   * not open yet; the core is process-wide, so only the first opening's settings apply.
   *
   * @param options the options
   * @param core settings of the process's core
   * @return the entry point
   * @throws io.roomflux.core.NativeLibraryException if the core cannot be loaded
   * @throws io.roomflux.core.FfiClosedException if the core of this process was disposed
   */
  public static LiveKit create(LiveKitOptions options, io.roomflux.core.FfiClientOptions core) {
    return new LiveKit(FfiClient.open(core), options);
  }

  /**
   * The core this entry point uses, for diagnostics such as its live-handle count.
   *
   * @return the process's core client
   */
  public FfiClient core() {
    return ffi;
  }

  /**
   * Joins a room. Cold: each subscription connects anew. Cancelling before the room arrives
   * aborts the attempt, and a room that arrives after the cancel (or after
   * {@link RoomOptions#connectTimeout()}) is disconnected and released, not left half-open.
   *
   * @param url the server URL, {@code ws://}, {@code wss://}, {@code http://} or {@code https://}
   * @param token an access token with a join grant
   * @param options how to join
   * @return the joined room; fails with {@link InvalidTokenException},
   *     {@link ServerUnreachableException}, {@link ConnectTimeoutException} or
   *     {@link ConnectException}
   */
  public Mono<Room> connect(String url, String token, RoomOptions options) {
    return Mono.<Room>create(sink -> new Attempt(sink, url, token, options).start())
        .publishOn(this.options.scheduler())
        .doOnDiscard(DefaultRoom.class, room -> room.disconnect().subscribe());
  }

  /**
   * Joins a room for the duration of {@code body}: the room is disconnected and released when
   * the body's publisher completes, fails, or is cancelled.
   *
   * @param url the server URL
   * @param token an access token with a join grant
   * @param options how to join
   * @param body what to do in the room
   * @param <T> what the body emits
   * @return the body's signals
   */
  public <T> Flux<T> withRoom(String url, String token, RoomOptions options,
                              Function<Room, ? extends Publisher<T>> body) {
    return Flux.usingWhen(connect(url, token, options), body,
        Room::disconnect, (room, error) -> room.disconnect(), Room::disconnect);
  }

  /**
   * Disconnects every room this entry point joined and that is still open, including rooms the
   * core delivered after their connect was cancelled or timed out.
   *
   * @return completes when they are all released
   */
  public Mono<Void> closeRooms() {
    return Flux.fromIterable(Set.copyOf(rooms)).flatMap(Room::disconnect).then();
  }

  /**
   * Disconnects this entry point's rooms, waiting up to 30 s. Blocking: use
   * {@link #closeRooms()} on non-blocking threads.
   */
  @Override
  public void close() {
    closeRooms().block(java.time.Duration.ofSeconds(30));
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
      String invalid = checkUrl(url);
      if (invalid != null) {
        sink.error(new ServerUnreachableException(invalid));
        return;
      }
      if (token.isBlank()) {
        sink.error(new InvalidTokenException("the access token is empty"));
        return;
      }
      AsyncCall call;
      try {
        call = ffi.call(asyncId -> FfiRequest.newBuilder().setConnect(ConnectRequest.newBuilder()
            .setUrl(url).setToken(token).setOptions(roomOptions.toProto()).setRequestAsyncId(asyncId)).build());
      } catch (FfiRequestException e) {
        ffi.explain(e).whenComplete((explained, t) ->
            sink.error(new ConnectException("the core refused to connect", explained != null ? explained : e)));
        return;
      } catch (RoomFluxException e) {
        sink.error(e);
        return;
      }
      sink.onCancel(() -> abandon(null));
      timer = options.timer().schedule(() -> abandon(new ConnectTimeoutException(roomOptions.connectTimeout())),
          roomOptions.connectTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
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
          sink.error(classify(Redactor.redact(callback.getError())));
        }
        return;
      }
      DefaultRoom room = DefaultRoom.attach(ffi, options, roomOptions, callback.getResult());
      rooms.add(room);
      room.onClose().onErrorComplete().subscribe(null, null, () -> rooms.remove(room));
      if (state.compareAndSet(PENDING, DELIVERED)) {
        sink.success(room);
      } else {
        // Nobody wants this room any more: leave it through the normal disposal path.
        room.disconnect().subscribe();
      }
    }
  }

  static @Nullable String checkUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!Set.of("ws", "wss", "http", "https").contains(scheme)) {
        return "unsupported URL '" + Redactor.redact(url) + "': use ws://, wss://, http:// or https://";
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        return "URL '" + Redactor.redact(url) + "' has no host";
      }
      return null;
    } catch (URISyntaxException e) {
      return "malformed URL '" + Redactor.redact(url) + "': " + e.getReason();
    }
  }

  static ConnectException classify(String coreError) {
    String lower = coreError.toLowerCase(Locale.ROOT);
    if (lower.contains("401") || lower.contains("403") || lower.contains("unauthorized")
        || lower.contains("token") || lower.contains("permission denied")) {
      return new InvalidTokenException("the server rejected the token: " + coreError);
    }
    if (lower.contains("connection refused") || lower.contains("dns") || lower.contains("resolve")
        || lower.contains("unreachable") || lower.contains("no route") || lower.contains("404")
        || lower.contains("transport connection error") || lower.contains("url")) {
      return new ServerUnreachableException("the server could not be reached: " + coreError);
    }
    return new ConnectException("joining the room failed: " + coreError);
  }
}
