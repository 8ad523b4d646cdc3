package io.roomflux.reactor;

import io.roomflux.reactor.media.LocalTrack;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.media.TrackPublishOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A local track that a test publishes and feeds with generated frames until it closes it (a tone,
 * a camera). Closing stops the feed and releases the track and its source (the room unpublishes
 * the track when it is left); the receiving side's helpers are here too.
 */
public abstract class PublishedTrack implements AutoCloseable {
  private static final Duration RELEASE = Duration.ofSeconds(10);

  private final LocalTrack track;
  private final Supplier<Mono<Void>> sourceCloseLater;
  private final TrackPublication publication;
  private final Disposable feed;

  /**
   * For subclasses, once the track is published and fed.
   *
   * @param track the published track
   * @param sourceCloseLater the source's {@code closeLater()}
   * @param publication the track's publication
   * @param feed what generates the frames
   */
  protected PublishedTrack(LocalTrack track, Supplier<Mono<Void>> sourceCloseLater, TrackPublication publication,
                           Disposable feed) {
    this.track = track;
    this.sourceCloseLater = sourceCloseLater;
    this.publication = publication;
    this.feed = feed;
  }

  /**
   * Publishes {@code track} in {@code room}; blocks (JUnit thread) up to {@code timeout}. If that
   * fails, the track and then its source are closed before the failure is thrown.
   *
   * @param room the room
   * @param track the track
   * @param closeSource closes the track's source
   * @param options how to publish
   * @param kind the kind of track the publication must report
   * @param timeout how long to wait
   * @return the publication
   */
  protected static TrackPublication publish(Room room, LocalTrack track, Runnable closeSource,
                                            TrackPublishOptions options, TrackKind kind, Duration timeout) {
    TrackPublication publication;
    try {
      publication = room.localParticipant().publishTrack(track, options).block(timeout);
    } catch (RuntimeException e) {
      track.close();
      closeSource.run();
      throw e;
    }
    assertThat(publication).isNotNull();
    assertThat(publication.kind()).isEqualTo(kind);
    return publication;
  }

  /**
   * {@return the published local track}
   */
  public final LocalTrack track() {
    return track;
  }

  /**
   * {@return the publication}
   */
  public final TrackPublication publication() {
    return publication;
  }

  /**
   * The published track's sid.
   *
   * @return the sid
   */
  public final String sid() {
    return publication.sid();
  }

  /**
   * Stops the feed and releases the track and source. Blocks (JUnit thread) until both were given
   * back to the core: a source closed with a frame in flight keeps its handle until that frame's
   * callback, and a handle count checked right after the test would catch it.
   */
  @Override
  public final void close() {
    feed.dispose();
    Mono.when(track.closeLater(), sourceCloseLater.get()).block(RELEASE);
  }

  /**
   * The sid of the next track of {@code kind} the room subscribes to from {@code identity}.
   *
   * @param room the receiving room
   * @param identity the publisher
   * @param kind the track's kind
   * @return completes with the sid
   */
  public static CompletableFuture<String> subscribedTrack(Room room, String identity, TrackKind kind) {
    return room.events().ofType(RoomEvent.TrackSubscribed.class)
        .filter(e -> e.identity().equals(identity) && e.track().kind() == kind)
        .map(e -> e.track().sid())
        .next()
        .toFuture();
  }

  /**
   * Waits (JUnit thread) for a future.
   *
   * @param future the future
   * @param timeout how long to wait
   * @param <T> its value's type
   * @return its value
   */
  public static <T> T await(CompletableFuture<T> future, Duration timeout) {
    return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }
}
