package io.roomflux.reactor.media;

/**
 * The codec a video track is published with. Every codec here is encoded in software by the
 * bundled core when no hardware encoder is available; VP8 is the most widely decodable.
 */
public enum VideoCodec {
  /** VP8: the core's default, decodable everywhere. */
  VP8,
  /** H.264. */
  H264,
  /** AV1. */
  AV1,
  /** VP9. */
  VP9,
  /** H.265 (HEVC). */
  H265
}
