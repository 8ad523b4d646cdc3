package io.roomflux.reactor.media;

import io.roomflux.reactor.ResourceClosedException;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Where already-encoded video frames are pushed, to be published as a track without encoding in
 * the core: frames from a hardware encoder, a recorder or a camera that encodes itself. Made by
 * {@link Media#encodedVideoSource}; published as a {@link LocalEncodedVideoTrack}.
 *
 * <p>The core forwards each frame's bitstream to the RTP packetizer unchanged, so it cannot make
 * a key frame, scale or adapt the bitrate itself: it asks the application instead, through
 * {@link #feedback()}. A producer should poll it (subscribe once) and make the next frame a key
 * frame when asked; receivers that join see nothing until the next key frame.
 *
 * <p>One codec and no simulcast: the track is published with this source's {@link #codec()} and a
 * single layer, whatever the {@link TrackPublishOptions} say about codec, encoder and simulcast.
 *
 * <p>Thread-safe. {@link #close()} releases the native source once no capture or poll is running.
 */
public interface EncodedVideoSource extends AutoCloseable {
  /**
   * How often {@link #feedback()} asks the core for feedback while subscribed: every 50 ms, a
   * fraction of a frame interval at 10 to 20 frames per second.
   */
  Duration FEEDBACK_INTERVAL = Duration.ofMillis(50);

  /**
   * The width the source was created with (used to choose the encoding's bitrate bounds).
   *
   * @return pixels
   */
  int width();

  /**
   * The height the source was created with.
   *
   * @return pixels
   */
  int height();

  /**
   * The codec of every frame of this source, and of the published track.
   *
   * @return the codec
   */
  VideoCodec codec();

  /**
   * Pushes one encoded frame. Synchronous: the core has copied the bitstream when this returns,
   * so its buffer may be reused then. A short native call that may run on any thread.
   *
   * <p>The bundled core takes every frame of an open source: encoded frames bypass WebRTC's frame
   * adapter, the only place that drops frames. A frame captured before the track is published
   * and negotiated reaches no encoder and is lost, so start with a key frame once published (or
   * when {@link #feedback()} asks for one).
   *
   * @param frame the frame, of this source's {@link #codec()}
   * @return whether the core took the frame (false: it dropped it)
   * @throws IllegalArgumentException if the frame's codec is not the source's
   * @throws ResourceClosedException if the source is closed
   * @throws io.roomflux.reactor.OperationFailedException if the core refused the frame
   */
  boolean captureFrame(EncodedVideoFrame frame);

  /**
   * Captures a stream of encoded frames, each when its {@link EncodedVideoFrame#timestamp()}
   * says, with backpressure: one frame is requested at a time, and the next only once the
   * previous was captured. Pacing is that of {@link VideoSource#capture}: the first frame with a
   * non-zero timestamp sets the origin, each later one waits until as much wall-clock time has
   * passed (on {@link Schedulers#parallel()}); zero-timestamp frames are captured as they come.
   *
   * @param frames the frames, each as {@link #captureFrame} requires
   * @return the number of frames the core took (the others were dropped), once the last frame was
   *     captured; fails on the first failed capture (and cancels {@code frames}); cancelling it
   *     cancels {@code frames}
   */
  Mono<Long> capture(org.reactivestreams.Publisher<EncodedVideoFrame> frames);

  /**
   * What the network side asks of the encoder, by polling the core every
   * {@link #FEEDBACK_INTERVAL} while subscribed (on {@link Schedulers#parallel()}). Each poll
   * takes what accumulated since the previous one: a {@link EncoderFeedback.KeyFrameRequest} if a
   * receiver asked for a key frame that the frames since did not bring, then a
   * {@link EncoderFeedback.RateControl} if WebRTC set new targets. The encoder's requests reach
   * the core only while frames are captured (the core's encoder runs per frame), so feedback
   * follows the first frames after publishing.
   *
   * <p>Hot and shared: all subscribers see the same items from their subscription on, and the
   * core is polled once per interval however many there are; with none, it is not polled and
   * requests wait in the core (a key-frame request stays set, only the latest rate is kept). A
   * slow subscriber makes polls be skipped, not items buffered without bound.
   *
   * @return the feedback; completes once the source is closed
   */
  Flux<EncoderFeedback> feedback();

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Closes the source on subscription (as {@link #close()}), and completes once the native
   * source was released (on {@link Schedulers#parallel()}).
   *
   * @return a mono that closes the source and completes when it was released
   */
  Mono<Void> closeLater();

  /**
   * Refuses new captures, completes {@link #feedback()} and releases the native source once no
   * capture or poll is running. Idempotent, never blocks.
   */
  @Override
  void close();
}
