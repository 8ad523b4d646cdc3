package io.roomflux.reactor.media;

/**
 * What the network side asks of the encoder behind an {@link EncodedVideoSource}
 * ({@link EncodedVideoSource#feedback()}): the core cannot re-encode pre-encoded frames, so it
 * hands these requests to the application, whose encoder should follow them.
 */
public sealed interface EncoderFeedback {

  /**
   * A receiver needs a key frame (a new subscriber, or one that lost packets and sent a PLI/FIR):
   * make the next frame a key frame. Until one arrives, receivers that need it show nothing new.
   */
  record KeyFrameRequest() implements EncoderFeedback {
  }

  /**
   * New targets from WebRTC's congestion control: encode at about this bitrate and frame rate.
   * Only the latest target counts; a newer one replaces an older one not yet taken.
   *
   * @param targetBitrateBps the target bitrate in bits per second (0 when the sender is paused,
   *     e.g. no one is subscribed)
   * @param framerateFps the target frame rate in frames per second
   */
  record RateControl(long targetBitrateBps, double framerateFps) implements EncoderFeedback {
  }
}
