package io.roomflux.reactor.media;

// Longer than 400 lines: a value type with one documented factory per common layout, which
// belong with the type they make.

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A raw video frame: its layout, size, planes, timestamp and rotation.
 *
 * <p><b>No needless copies.</b> The factories wrap the arrays or buffers they are given; the
 * frame exposes them only as read-only views. Change them only once the frame is no longer in
 * use ({@link VideoSource#captureFrame} and {@link #convert} read the pixels during the call and
 * not after). A frame on <em>direct</em> buffers is handed to the core by address, without a
 * copy; one on heap arrays is copied to native memory for each call.
 *
 * <p>Frames the core produces are copied out of native memory and the core's buffer handle is
 * dropped before the frame is returned: a frame never holds a native handle, so there is nothing
 * to close. {@link #convert} copies into a direct buffer; frames received from a track
 * ({@link io.roomflux.reactor.Room#videoFrames}) into a heap buffer, reclaimed by ordinary GC.
 *
 * <p>Immutable (the {@code with...} methods return new frames on the same planes) and safe to
 * share between threads.
 */
public final class VideoFrame {
  private final VideoBufferType type;
  private final int width;
  private final int height;
  private final List<Plane> planes;
  private final Duration timestamp;
  private final VideoRotation rotation;
  private final Optional<FrameMetadata> metadata;

  /**
   * One plane of a frame: its bytes and its stride.
   *
   * @param data the plane's bytes, from row 0 on; at least {@code stride * rows} of them
   * @param stride bytes from the start of one row to the start of the next
   */
  public record Plane(ByteBuffer data, int stride) {
    /**
     * Keeps a read-only view of {@code data}'s remaining bytes (no copy).
     *
     * @throws IllegalArgumentException if the stride is not positive
     */
    public Plane {
      if (stride <= 0) {
        throw new IllegalArgumentException("stride must be positive, was " + stride);
      }
      data = data.slice().asReadOnlyBuffer();
    }

    /**
     * A wrapper of the array, no copy.
     *
     * @param data the plane's bytes
     * @param stride the stride in bytes
     * @return the plane
     */
    public static Plane of(byte[] data, int stride) {
      return new Plane(ByteBuffer.wrap(data), stride);
    }

    /**
     * The plane's bytes as a read-only view with its own position, starting at 0.
     *
     * @return a view; no copy
     */
    @Override
    public ByteBuffer data() {
      return data.duplicate();
    }

    /**
     * How many bytes the plane holds.
     *
     * @return the buffer's size
     */
    public int size() {
      return data.capacity();
    }
  }

  private VideoFrame(VideoBufferType type, int width, int height, List<Plane> planes, Duration timestamp,
                     VideoRotation rotation, Optional<FrameMetadata> metadata) {
    this.type = Objects.requireNonNull(type, "type");
    this.width = width;
    this.height = height;
    this.planes = List.copyOf(planes);
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.rotation = Objects.requireNonNull(rotation, "rotation");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * A frame on explicit planes, each with its own stride.
   *
   * @param type the layout
   * @param width the width in pixels
   * @param height the height in pixels
   * @param planes the layout's planes in order, each with a stride of at least
   *     {@link VideoBufferType#rowBytes} and {@code stride * rows} bytes
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the size is not positive, the plane count is wrong, or a
   *     plane is too small for its stride
   */
  public static VideoFrame of(VideoBufferType type, int width, int height, List<Plane> planes) {
    checkSize(width, height);
    if (planes.size() != type.planeCount()) {
      throw new IllegalArgumentException(type + " has " + type.planeCount() + " plane(s), got " + planes.size());
    }
    for (int p = 0; p < planes.size(); p++) {
      Plane plane = planes.get(p);
      int minStride = type.rowBytes(p, width);
      if (plane.stride() < minStride) {
        throw new IllegalArgumentException(type + " plane " + p + " of a " + width + "x" + height
            + " frame needs a stride of at least " + minStride + ", got " + plane.stride());
      }
      if (type == VideoBufferType.I010 && plane.stride() % 2 != 0) {
        throw new IllegalArgumentException("I010 plane " + p + " needs an even stride (2 bytes per sample), got "
            + plane.stride());
      }
      long needed = (long) plane.stride() * type.rows(p, height);
      if (plane.size() < needed) {
        throw new IllegalArgumentException(type + " plane " + p + " of a " + width + "x" + height
            + " frame with stride " + plane.stride() + " needs " + needed + " bytes, got " + plane.size());
      }
    }
    return new VideoFrame(type, width, height, planes, Duration.ZERO, VideoRotation.ROTATION_0, Optional.empty());
  }

  /**
   * A frame on one tightly packed buffer: the layout's planes one after another, each with the
   * smallest stride ({@link VideoBufferType#frameSize} bytes in all). No copy.
   *
   * @param type the layout
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data at least {@code type.frameSize(width, height)} bytes from its position
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the size is not positive or the buffer is too small
   */
  public static VideoFrame of(VideoBufferType type, int width, int height, ByteBuffer data) {
    checkSize(width, height);
    int size = type.frameSize(width, height);
    if (data.remaining() < size) {
      throw new IllegalArgumentException("a " + width + "x" + height + " " + type + " frame needs " + size
          + " bytes, got " + data.remaining());
    }
    List<Plane> planes = new ArrayList<>(type.planeCount());
    int offset = data.position();
    for (int p = 0; p < type.planeCount(); p++) {
      int stride = type.rowBytes(p, width);
      int length = stride * type.rows(p, height);
      planes.add(new Plane(data.slice(offset, length), stride));
      offset += length;
    }
    return of(type, width, height, planes);
  }

  /**
   * A frame on one tightly packed array, as {@link #of(VideoBufferType, int, int, ByteBuffer)}.
   *
   * @param type the layout
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data at least {@code type.frameSize(width, height)} bytes
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the size is not positive or the array is too small
   */
  public static VideoFrame of(VideoBufferType type, int width, int height, byte[] data) {
    return of(type, width, height, ByteBuffer.wrap(data));
  }

  /**
   * An I420 frame on three planes with their own strides. No copy.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param y the luma plane
   * @param strideY its stride, at least {@code width}
   * @param u the U plane, {@code (height + 1) / 2} rows
   * @param strideU its stride, at least {@code (width + 1) / 2}
   * @param v the V plane
   * @param strideV its stride
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if a plane is too small for its stride
   */
  public static VideoFrame i420(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU,
                                ByteBuffer v, int strideV) {
    return of(VideoBufferType.I420, width, height,
        List.of(new Plane(y, strideY), new Plane(u, strideU), new Plane(v, strideV)));
  }

  /**
   * A tightly packed I420 frame: Y, then U, then V. No copy.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data {@code VideoBufferType.I420.frameSize(width, height)} bytes or more
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the buffer is too small
   */
  public static VideoFrame i420(int width, int height, ByteBuffer data) {
    return of(VideoBufferType.I420, width, height, data);
  }

  /**
   * A tightly packed I420 frame on an array. No copy.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data {@code VideoBufferType.I420.frameSize(width, height)} bytes or more
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the array is too small
   */
  public static VideoFrame i420(int width, int height, byte[] data) {
    return of(VideoBufferType.I420, width, height, data);
  }

  /**
   * A tightly packed NV12 frame: Y, then interleaved UV. No copy.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data {@code VideoBufferType.NV12.frameSize(width, height)} bytes or more
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the buffer is too small
   */
  public static VideoFrame nv12(int width, int height, ByteBuffer data) {
    return of(VideoBufferType.NV12, width, height, data);
  }

  /**
   * An RGBA frame with rows of {@code stride} bytes. No copy.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data {@code stride * height} bytes or more
   * @param stride bytes per row, at least {@code 4 * width}
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the stride or buffer is too small
   */
  public static VideoFrame rgba(int width, int height, ByteBuffer data, int stride) {
    return of(VideoBufferType.RGBA, width, height, List.of(new Plane(data, stride)));
  }

  /**
   * A tightly packed RGBA frame ({@code 4 * width * height} bytes). No copy.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data the pixels
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the buffer is too small
   */
  public static VideoFrame rgba(int width, int height, ByteBuffer data) {
    return of(VideoBufferType.RGBA, width, height, data);
  }

  /**
   * A tightly packed RGBA frame on an array. No copy.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data the pixels
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the array is too small
   */
  public static VideoFrame rgba(int width, int height, byte[] data) {
    return of(VideoBufferType.RGBA, width, height, data);
  }

  /**
   * A tightly packed BGRA frame ({@code 4 * width * height} bytes). No copy.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data the pixels
   * @return the frame, timestamp 0, not rotated
   * @throws IllegalArgumentException if the buffer is too small
   */
  public static VideoFrame bgra(int width, int height, ByteBuffer data) {
    return of(VideoBufferType.BGRA, width, height, data);
  }

  private static void checkSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size must be positive, was " + width + "x" + height);
    }
  }

  /**
   * The pixel layout.
   *
   * @return the layout
   */
  public VideoBufferType type() {
    return type;
  }

  /**
   * The width in pixels.
   *
   * @return the width
   */
  public int width() {
    return width;
  }

  /**
   * The height in pixels.
   *
   * @return the height
   */
  public int height() {
    return height;
  }

  /**
   * The planes in the layout's order.
   *
   * @return an unmodifiable list of {@link VideoBufferType#planeCount()} planes
   */
  public List<Plane> planes() {
    return planes;
  }

  /**
   * One plane.
   *
   * @param index the plane index, from 0
   * @return the plane
   * @throws IndexOutOfBoundsException if there is no such plane
   */
  public Plane plane(int index) {
    return planes.get(index);
  }

  /**
   * When the frame was captured, as the capturer counts time (often since its start); the
   * source hands it to WebRTC in microseconds.
   *
   * @return the timestamp
   */
  public Duration timestamp() {
    return timestamp;
  }

  /**
   * How a receiver should rotate the frame for display.
   *
   * @return the rotation
   */
  public VideoRotation rotation() {
    return rotation;
  }

  /**
   * The same frame with another timestamp, on the same planes.
   *
   * @param value the timestamp
   * @return a new frame
   */
  public VideoFrame withTimestamp(Duration value) {
    return new VideoFrame(type, width, height, planes, value, rotation, metadata);
  }

  /**
   * The same frame with another rotation, on the same planes.
   *
   * @param value the rotation
   * @return a new frame
   */
  public VideoFrame withRotation(VideoRotation value) {
    return new VideoFrame(type, width, height, planes, timestamp, value, metadata);
  }

  /**
   * The application data carried with the frame. On a frame to capture, what the publisher sends
   * with it (for the fields its publication enables, {@link TrackPublishOptions#frameMetadataFeatures()});
   * on a received frame, what the publisher sent, when its publication carries metadata.
   *
   * @return the metadata, if any
   */
  public Optional<FrameMetadata> metadata() {
    return metadata;
  }

  /**
   * The same frame with metadata to send along, on the same planes.
   *
   * @param value the metadata
   * @return a new frame
   */
  public VideoFrame withMetadata(FrameMetadata value) {
    return new VideoFrame(type, width, height, planes, timestamp, rotation, Optional.of(value));
  }

  @Override
  public String toString() {
    return "VideoFrame[" + type + " " + width + "x" + height + ", " + timestamp + ", " + rotation
        + (metadata.isPresent() ? ", " + metadata.get() : "") + "]";
  }
}
