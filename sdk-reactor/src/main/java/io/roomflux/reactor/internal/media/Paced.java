package io.roomflux.reactor.internal.media;

import java.time.Duration;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Captures frames one at a time, paced by their timestamps: per subscription, the first frame with
 * a non-zero timestamp is captured at once and fixes the origin; a later one waits (on the
 * parallel scheduler, never blocking) until as much wall-clock time has passed since the origin as
 * its timestamp says; a frame stamped 0 is captured at once. A late frame is not delayed further.
 * Shared by the raw and the encoded video sources.
 */
final class Paced {
  private Paced() {
  }

  /**
   * @param frames the frames
   * @param timestamp a frame's timestamp
   * @param capture captures one frame (synchronously, when subscribed)
   * @return the captures' results, in order
   */
  static <F, R> Flux<R> capture(Publisher<F> frames, Function<F, Duration> timestamp, Function<F, Mono<R>> capture) {
    return Flux.defer(() -> {
      // Per subscription: the first non-zero timestamp and the wall-clock moment it was captured.
      long[] origin = {Long.MIN_VALUE, 0};
      return Flux.from(frames).concatMap(frame -> {
        long stamp = timestamp.apply(frame).toNanos();
        Mono<R> now = capture.apply(frame);
        if (stamp == 0) {
          return now;
        }
        if (origin[0] == Long.MIN_VALUE) {
          origin[0] = stamp;
          origin[1] = System.nanoTime();
          return now;
        }
        long wait = origin[1] + (stamp - origin[0]) - System.nanoTime();
        return wait <= 0 ? now : Mono.delay(Duration.ofNanos(wait), Schedulers.parallel()).then(now);
      }, 1);
    });
  }
}
