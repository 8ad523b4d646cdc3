package io.roomflux.reactor.media;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One already-encoded video frame (an access unit) for an {@link EncodedVideoSource}: its codec,
 * whether it is a key frame, its size, its capture timestamp and its bitstream.
 *
 * <p><b>Bitstream.</b> What the codec's RTP packetizer in WebRTC takes: for {@link VideoCodec#H264}
 * and {@link VideoCodec#H265} Annex-B (NAL units, each after a {@code 00 00 00 01} or
 * {@code 00 00 01} start code; a key frame carries its parameter sets, SPS and PPS, before the
 * IDR slice; H.264 is sent with packetization mode 1); for {@link VideoCodec#VP8} and
 * {@link VideoCodec#VP9} one frame as the encoder wrote it; for {@link VideoCodec#AV1} a temporal
 * unit of OBUs. The core forwards the bytes unchanged: it neither checks nor re-encodes them.
 *
 * <p><b>No copy.</b> The record keeps a read-only view of {@code data}'s remaining bytes; change
 * them only once the frame was captured ({@link EncodedVideoSource#captureFrame} reads them during
 * the call and not after). Immutable otherwise, and safe to share between threads.
 *
 * @param codec the codec that produced the bitstream
 * @param keyFrame whether the frame decodes on its own (an IDR or intra frame)
 * @param width the frame's width in pixels
 * @param height the frame's height in pixels
 * @param timestamp the capture time, on any clock that only moves forward (microsecond precision);
 *     {@link Duration#ZERO} means "now": the core stamps it with the current time
 * @param data the bitstream, not empty
 * @param metadata what to carry to receivers with the frame, if anything ({@link FrameMetadata})
 */
public record EncodedVideoFrame(VideoCodec codec, boolean keyFrame, int width, int height, Duration timestamp,
                                ByteBuffer data, Optional<FrameMetadata> metadata) {
  /**
   * Checks the values and keeps a read-only view of the data.
   *
   * @throws IllegalArgumentException if the size is not positive, the timestamp is negative or
   *     the data is empty
   */
  public EncodedVideoFrame {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(metadata, "metadata");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive, was " + width + "x" + height);
    }
    if (timestamp.isNegative()) {
      throw new IllegalArgumentException("timestamp must not be negative, was " + timestamp);
    }
    if (!data.hasRemaining()) {
      throw new IllegalArgumentException("an encoded frame needs at least one byte");
    }
    data = data.slice().asReadOnlyBuffer();
  }

  /**
   * A frame without metadata, wrapping {@code data} (no copy).
   *
   * @param codec the codec
   * @param keyFrame whether the frame decodes on its own
   * @param width the width in pixels
   * @param height the height in pixels
   * @param timestamp the capture time; zero for "now"
   * @param data the bitstream
   * @return the frame
   * @throws IllegalArgumentException as the constructor
   */
  public static EncodedVideoFrame of(VideoCodec codec, boolean keyFrame, int width, int height, Duration timestamp,
                                     byte[] data) {
    return new EncodedVideoFrame(codec, keyFrame, width, height, timestamp, ByteBuffer.wrap(data), Optional.empty());
  }

  /**
   * The bitstream as a read-only view with its own position (no copy).
   *
   * @return the bytes
   */
  @Override
  public ByteBuffer data() {
    return data.duplicate();
  }

  /**
   * {@return the same frame with metadata for receivers}
   *
   * @param value the metadata
   */
  public EncodedVideoFrame withMetadata(FrameMetadata value) {
    return new EncodedVideoFrame(codec, keyFrame, width, height, timestamp, data, Optional.of(value));
  }

  /**
   * {@return the same frame with another timestamp}
   *
   * @param value the capture time; zero for "now"
   */
  public EncodedVideoFrame withTimestamp(Duration value) {
    return new EncodedVideoFrame(codec, keyFrame, width, height, value, data, metadata);
  }

  /** {@return a description without the bytes, e.g. {@code EncodedVideoFrame[H264 key 320x240, PT0.04S, 4692 bytes]}} */
  @Override
  public String toString() {
    return "EncodedVideoFrame[" + codec + (keyFrame ? " key " : " delta ") + width + "x" + height + ", " + timestamp
        + ", " + data.remaining() + " bytes" + (metadata.isPresent() ? ", " + metadata.get() : "") + "]";
  }
}
