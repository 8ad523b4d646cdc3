package io.roomflux.reactor.media;

/**
 * Which encoder implementation publishes a video track ({@link TrackPublishOptions#videoEncoder()}).
 * A hardware encoder that the machine lacks makes the core fall back to software.
 */
public enum VideoEncoder {
  /** The core picks: hardware where it finds one for the codec, else software. */
  AUTO,
  /** Always the software encoder (libvpx, OpenH264, ...). */
  SOFTWARE,
  /** Any hardware encoder the core finds. */
  HARDWARE,
  /** NVIDIA's NVENC. */
  NVENC,
  /** VA-API (Intel and AMD on Linux). */
  VAAPI,
  /** Apple's VideoToolbox. */
  VIDEOTOOLBOX
}
