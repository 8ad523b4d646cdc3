package io.roomflux.reactor.media;

import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.reactor.OperationFailedException;

import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Where local audio is pushed, to be published as a track: a native audio source of the core
 * with a queue of {@link AudioSourceOptions#queueSize()}.
 *
 * <p><b>Pacing.</b> The core drains the queue in real time, 10 ms at a time (silence when it
 * runs dry), and accepts a frame as soon as it fits. {@link #captureFrame} completes at that
 * moment, so a producer that waits for each capture runs exactly one queue ahead of real time;
 * {@link #capture} does that for a whole stream, requesting the next frame only when the core
 * accepted the previous one.
 *
 * <p><b>One frame at a time.</b> The core takes a new frame only after the previous one was
 * accepted; captures started concurrently are therefore queued here and sent one after another,
 * in subscription order. Each frame is copied into native memory that stays valid until the
 * core's callback for it.
 *
 * <p><b>Closing.</b> {@link #close()} refuses new captures and fails those still waiting here;
 * a frame already sent stays the core's until its callback, and the native source is released
 * after that callback. An unclosed, unreachable source is released by a cleaner and counted as
 * a leak.
 *
 * <p>Thread-safe. Signals are delivered on {@link AudioSourceOptions#scheduler()}.
 */
public interface AudioSource extends AutoCloseable {

  /**
   * The options the source was created with.
   *
   * @return the options
   */
  AudioSourceOptions options();

  /**
   * The sample rate every frame must have.
   *
   * @return Hz
   */
  int sampleRate();

  /**
   * The channel count every frame must have.
   *
   * @return the channels
   */
  int numChannels();

  /**
   * The queue size the source was created with.
   *
   * @return the queue size
   */
  Duration queueSize();

  /**
   * Pushes one frame into the source. Cold: the frame is sent when the returned Mono is
   * subscribed, after every capture subscribed before it was accepted.
   *
   * <p>Completes when the core accepted the frame into its queue (its callback), on
   * {@link AudioSourceOptions#scheduler()}. Cancelling before the frame was sent withdraws it;
   * after that, the core plays it regardless.
   *
   * @param frame samples of this source's rate and channel count; with a zero queue size,
   *     exactly 10 ms. An empty frame completes at once without reaching the core.
   * @return completes when accepted; fails with {@link IllegalArgumentException} for a frame
   *     of the wrong format, {@link ResourceClosedException} once the source is closed (also for a
   *     frame still waiting to be sent when it closed), {@link OperationFailedException} if the
   *     core reports an error, or a {@link io.roomflux.reactor.OperationFailedException}
   */
  Mono<Void> captureFrame(AudioFrame frame);

  /**
   * Captures a stream of frames one after another, with backpressure end to end: a frame is
   * requested from {@code frames} only once the core accepted the previous one, so the producer
   * is paced by the source's queue and nothing is buffered in between.
   *
   * @param frames the frames, each as {@link #captureFrame} requires
   * @return completes when the last frame was accepted; fails on the first failed capture (and
   *     cancels {@code frames}); cancelling it cancels {@code frames}
   */
  Mono<Void> capture(Publisher<AudioFrame> frames);

  /**
   * Discards the audio the core has queued but not yet played. Frames waiting to be sent are
   * not affected. Synchronous, a short native call.
   *
   * @throws ResourceClosedException if the source is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the request
   */
  void clearQueue();

  /**
   * How much of the audio sent so far is still expected to be waiting in the core's queue.
   * An estimate: the protocol reports when a frame was accepted, not when it was played, so
   * this counts the audio sent minus the real time elapsed since, as the official SDKs do.
   *
   * @return the remaining duration, zero when all has played
   */
  Duration queuedDuration();

  /**
   * Completes once every frame captured so far has been accepted and has (by the estimate of
   * {@link #queuedDuration()}) played out: the core offers no playout signal, so this waits for
   * the last capture's callback and then for the queued duration, on a timer of
   * {@link AudioSourceOptions#scheduler()}. Frames captured later are not waited for.
   *
   * @return completes on the options' scheduler; never fails
   */
  Mono<Void> waitForPlayout();

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Closes the source on subscription (as {@link #close()}), and completes once the native
   * source was released, that is after the callback of the frame in flight (at most about one
   * queue later), on {@link AudioSourceOptions#scheduler()}.
   *
   * @return a mono that closes the source and completes when it was released
   */
  Mono<Void> closeLater();

  /**
   * Refuses new captures, fails those still waiting to be sent, and releases the native source
   * once the frame in flight (if any) was accepted. Idempotent, never blocks.
   */
  @Override
  void close();
}
