package io.roomflux.reactor.media;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * Application data carried with one video frame from the publisher to its receivers: a timestamp,
 * a frame number and a few bytes, each optional. Attach it with {@link VideoFrame#withMetadata}
 * (or {@link EncodedVideoFrame#withMetadata}) to a frame captured into a track published with the
 * matching {@link FrameMetadataFeature}s; receivers find it in {@link VideoFrame#metadata()}.
 *
 * <p>The core sends a field only when it is set and not zero (zero means "unset" on the wire), and
 * only on a publication with {@link FrameMetadataFeature}s. {@link #userData()} larger than the trailer's
 * budget is dropped by the core, not truncated: this type refuses more than
 * {@link #MAX_USER_DATA_BYTES} bytes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param userTimestamp a timestamp of the application's choice (LiveKit's SDKs put the capture
 *     wall-clock time in microseconds since the epoch there); sent when positive
 * @param frameId a frame number, 1 to 2<sup>32</sup>-1; sent when positive
 * @param userData up to {@link #MAX_USER_DATA_BYTES} bytes of the application's; sent when not
 *     empty. Kept as a read-only copy
 */
public record FrameMetadata(Optional<Long> userTimestamp, Optional<Long> frameId, Optional<ByteBuffer> userData) {
  /**
   * The most {@link #userData()} bytes a frame can carry when the timestamp and the frame id are
   * also sent: the trailer is at most 255 bytes, of which the envelope and the other fields take 23.
   */
  public static final int MAX_USER_DATA_BYTES = 232;

  /**
   * Checks the values and copies the user data.
   *
   * @throws IllegalArgumentException if the frame id is not in 0 to 2<sup>32</sup>-1 or the
   *     user data is larger than {@link #MAX_USER_DATA_BYTES}
   */
  public FrameMetadata {
    Objects.requireNonNull(userTimestamp, "userTimestamp");
    Objects.requireNonNull(frameId, "frameId");
    Objects.requireNonNull(userData, "userData");
    frameId.ifPresent(id -> {
      if (id < 0 || id > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("frameId must be in 0..2^32-1, was " + id);
      }
    });
    userData = userData.map(FrameMetadata::copy);
    userData.ifPresent(d -> {
      if (d.remaining() > MAX_USER_DATA_BYTES) {
        throw new IllegalArgumentException("userData holds " + d.remaining() + " bytes, more than "
            + MAX_USER_DATA_BYTES);
      }
    });
  }

  /** {@return metadata with no field set} Add fields with the {@code with...} methods. */
  public static FrameMetadata empty() {
    return new FrameMetadata(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * {@return this metadata with a user timestamp}
   *
   * @param value the timestamp, e.g. microseconds since the epoch
   */
  public FrameMetadata withUserTimestamp(long value) {
    return new FrameMetadata(Optional.of(value), frameId, userData);
  }

  /**
   * {@return this metadata with a frame id}
   *
   * @param value 0 to 2<sup>32</sup>-1
   * @throws IllegalArgumentException if out of range
   */
  public FrameMetadata withFrameId(long value) {
    return new FrameMetadata(userTimestamp, Optional.of(value), userData);
  }

  /**
   * {@return this metadata with user data (copied)}
   *
   * @param value at most {@link #MAX_USER_DATA_BYTES} bytes
   * @throws IllegalArgumentException if longer
   */
  public FrameMetadata withUserData(byte[] value) {
    return new FrameMetadata(userTimestamp, frameId, Optional.of(ByteBuffer.wrap(value)));
  }

  /**
   * The user data as a read-only view with its own position (no copy).
   *
   * @return the bytes, if set
   */
  @Override
  public Optional<ByteBuffer> userData() {
    return userData.map(ByteBuffer::duplicate);
  }

  /** {@return the user data as a new array, empty if not set} */
  public byte[] userDataBytes() {
    return userData.map(d -> {
      byte[] bytes = new byte[d.remaining()];
      d.duplicate().get(bytes);
      return bytes;
    }).orElseGet(() -> new byte[0]);
  }

  /** {@return a description with the user data's length, e.g. {@code FrameMetadata[userTimestamp=5, frameId=7, userData=3 bytes]}} */
  @Override
  public String toString() {
    return "FrameMetadata[userTimestamp=" + userTimestamp.map(String::valueOf).orElse("-") + ", frameId="
        + frameId.map(String::valueOf).orElse("-") + ", userData="
        + userData.map(d -> d.remaining() + " bytes").orElse("-") + "]";
  }

  private static ByteBuffer copy(ByteBuffer data) {
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data.duplicate()).flip();
    return copy.asReadOnlyBuffer();
  }
}
