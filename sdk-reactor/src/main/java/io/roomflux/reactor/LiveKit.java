package io.roomflux.reactor;

import io.roomflux.core.FfiClientOptions;
import io.roomflux.reactor.internal.core.FfmCore;
import io.roomflux.reactor.internal.media.DefaultMedia;
import io.roomflux.reactor.internal.room.RoomClient;
import io.roomflux.reactor.internal.room.RoomProbe;
import io.roomflux.reactor.media.Media;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
 * Thread-safe: every method may be called from any thread, and none blocks except
 * {@link #close()} and {@link #close(Duration)}.
 */
public final class LiveKit implements AutoCloseable {
  private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final RoomClient client;
  private final Media media;

  private LiveKit(RoomClient client) {
    this.client = client;
    this.media = new DefaultMedia(client.core());
  }

  /**
   * An entry point with default options.
   *
   * @return the entry point
   * @throws NativeLibraryException if the core cannot be loaded
   * @throws CoreClosedException if the core of this process was disposed already
   */
  public static LiveKit create() {
    return create(LiveKitOptions.defaults());
  }

  /**
   * An entry point with these options. The core settings among them apply if this opens the
   * process's core (see {@link LiveKitOptions}).
   *
   * @param options the options
   * @return the entry point
   * @throws NativeLibraryException if the core cannot be loaded
   * @throws CoreClosedException if the core of this process was disposed already
   */
  public static LiveKit create(LiveKitOptions options) {
    return open(options);
  }

  /**
   * An entry point with these options, made without blocking the subscriber's thread: the first
   * entry point of a process loads the native core (extracts and opens the library, starts its
   * runtime), which takes 1–3 s on a busy machine. Cold: each subscription makes a new entry
   * point, on {@link reactor.core.scheduler.Schedulers#boundedElastic()}; use it where blocking
   * is not allowed (a WebFlux handler, a Reactor non-blocking thread).
   *
   * @param options the options
   * @return a mono of the entry point; it fails with {@link NativeLibraryException} or
   *     {@link CoreClosedException} as {@link #create(LiveKitOptions)} throws them
   */
  public static reactor.core.publisher.Mono<LiveKit> createLater(LiveKitOptions options) {
    java.util.Objects.requireNonNull(options, "options");
    return reactor.core.publisher.Mono.fromCallable(() -> open(options))
        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
  }

  private static LiveKit open(LiveKitOptions options) {
    Objects.requireNonNull(options, "options");
    FfmCore core = FfmCore.open(new FfiClientOptions(options.coreLogs(), options.explainWait(),
        options.shutdownTimeout()), options.telemetry());
    return new LiveKit(new RoomClient(core, options, new RoomProbe()));
  }

  /**
   * Makes media resources (sources, local tracks, resamplers, audio processing, video
   * conversion) on this entry point's core.
   *
   * @return the media factory
   */
  public Media media() {
    return media;
  }

  /**
   * A snapshot of the live native handles, open rooms and the core's health counters.
   *
   * @return the diagnostics
   */
  public Diagnostics diagnostics() {
    return client.diagnostics();
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
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(options, "options");
    return client.connect(url, token, options);
  }

  /**
   * Joins a room with {@link RoomOptions#defaults()}; see {@link #connect(String, String, RoomOptions)}.
   *
   * @param url the server URL
   * @param token an access token with a join grant
   * @return the joined room
   */
  public Mono<Room> connect(String url, String token) {
    return connect(url, token, RoomOptions.defaults());
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
   * Joins a room for the duration of a {@code Mono} body, as {@link #withRoom} does for any
   * publisher: the room is disconnected and released when the body's {@code Mono} completes
   * (with or without a value), fails, or is cancelled, and only then is its outcome signalled.
   * (A separate name, not an overload of {@code withRoom}: a lambda returning a {@code Mono}
   * would match both, and calls would not compile.)
   *
   * @param url the server URL
   * @param token an access token with a join grant
   * @param options how to join
   * @param body what to do in the room
   * @param <T> what the body emits
   * @return the body's outcome
   */
  public <T> Mono<T> withRoomMono(String url, String token, RoomOptions options,
                                  Function<Room, ? extends Mono<T>> body) {
    Objects.requireNonNull(body, "body");
    return Mono.usingWhen(connect(url, token, options), body,
        Room::disconnect, (room, error) -> room.disconnect(), Room::disconnect);
  }

  /**
   * Disconnects every room this entry point joined and that is still open, including rooms the
   * core delivered after their connect was cancelled or timed out.
   *
   * @return completes when they are all released
   */
  public Mono<Void> closeRooms() {
    return client.closeRooms();
  }

  /**
   * Disconnects this entry point's rooms, waiting up to 30 s. Blocking: use
   * {@link #closeRooms()} on non-blocking threads.
   */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * Disconnects this entry point's rooms, waiting up to {@code timeout} for them to be released.
   * Blocking: use {@link #closeRooms()} on non-blocking threads.
   *
   * @param timeout how long to wait at most
   * @throws IllegalStateException if the rooms were not all released in time
   */
  public void close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    closeRooms().block(timeout);
  }
}
