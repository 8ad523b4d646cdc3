package io.roomflux.reactor.data;

import java.util.Objects;
import java.util.Optional;

/**
 * Options for subscribing to a remote data track ({@link RemoteDataTrack#subscribe(DataTrackSubscribeOptions)}).
 * Immutable; each {@code with} method returns a copy.
 *
 * <p>Overflow: frames wait in a buffer inside the core until the subscriber asks for them. When
 * that buffer is full, the core drops the <em>oldest</em> frame to make room (and the subscriber
 * never learns how many it missed); RoomFlux holds a frame or two more on the Java side (one
 * read is outstanding at a time, and the delivery stage prefetches one frame), so memory stays
 * bounded however slow the subscriber is.
 */
public final class DataTrackSubscribeOptions {
  private static final DataTrackSubscribeOptions DEFAULTS = new DataTrackSubscribeOptions(Optional.empty(),
      Optional.empty());

  private final Optional<Integer> bufferSize;
  private final Optional<Integer> maxPartialFrames;

  private DataTrackSubscribeOptions(Optional<Integer> bufferSize, Optional<Integer> maxPartialFrames) {
    this.bufferSize = bufferSize;
    this.maxPartialFrames = maxPartialFrames;
  }

  /**
   * The core's defaults: a buffer of 16 frames, one frame reassembled at a time.
   *
   * @return the defaults
   */
  public static DataTrackSubscribeOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Sets how many received frames the core buffers for this subscription before it drops the
   * oldest. If the track already has an active subscription in this room, the core keeps that
   * subscription's size.
   *
   * @param frames 1 or more
   * @return a copy with it
   * @throws IllegalArgumentException if {@code frames} is less than 1
   */
  public DataTrackSubscribeOptions withBufferSize(int frames) {
    if (frames < 1) {
      throw new IllegalArgumentException("a data track buffer holds at least 1 frame: " + frames);
    }
    return new DataTrackSubscribeOptions(Optional.of(frames), maxPartialFrames);
  }

  /**
   * Sets, before subscribing, the track's pipeline option
   * ({@link RemoteDataTrack#setMaxPartialFrames}): how many frames the core reassembles at the
   * same time, which gives tolerance to packets of different frames arriving interleaved.
   *
   * @param frames 1 or more
   * @return a copy with it
   * @throws IllegalArgumentException if {@code frames} is less than 1
   */
  public DataTrackSubscribeOptions withMaxPartialFrames(int frames) {
    if (frames < 1) {
      throw new IllegalArgumentException("max partial frames is at least 1: " + frames);
    }
    return new DataTrackSubscribeOptions(bufferSize, Optional.of(frames));
  }

  /**
   * The core's buffer size for this subscription.
   *
   * @return it, if set (the core's default of 16 otherwise)
   */
  public Optional<Integer> bufferSize() {
    return bufferSize;
  }

  /**
   * The pipeline option set before subscribing.
   *
   * @return it, if set (the track keeps its current value otherwise)
   */
  public Optional<Integer> maxPartialFrames() {
    return maxPartialFrames;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataTrackSubscribeOptions other && bufferSize.equals(other.bufferSize)
        && maxPartialFrames.equals(other.maxPartialFrames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bufferSize, maxPartialFrames);
  }

  @Override
  public String toString() {
    return "DataTrackSubscribeOptions[bufferSize=" + bufferSize + ", maxPartialFrames=" + maxPartialFrames + "]";
  }

  /**
   * {@return a builder with every option at its default}
   */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /**
   * {@return a builder that starts from these options}
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link DataTrackSubscribeOptions}; not thread-safe. Each setter is the matching with-method. */
  public static final class Builder {
    private DataTrackSubscribeOptions options;

    private Builder(DataTrackSubscribeOptions start) {
      this.options = start;
    }

    /**
     * {@return this builder, with {@link DataTrackSubscribeOptions#bufferSize()} set}
     *
     * @param frames at least 1
     * @throws IllegalArgumentException if below 1
     */
    public Builder bufferSize(int frames) {
      options = options.withBufferSize(frames);
      return this;
    }

    /**
     * {@return this builder, with {@link DataTrackSubscribeOptions#maxPartialFrames()} set}
     *
     * @param frames at least 1
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxPartialFrames(int frames) {
      options = options.withMaxPartialFrames(frames);
      return this;
    }

    /**
     * {@return the options}
     */
    public DataTrackSubscribeOptions build() {
      return options;
    }
  }
}
