package io.roomflux.reactor.media;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * How a remote video track is received ({@link io.roomflux.reactor.Room#videoFrames}).
 * Immutable and thread-safe; start from {@link #defaults()}, {@link #of(VideoBufferType)} or
 * {@link #builder()} and change what you need with the {@code with*} methods or
 * {@link #toBuilder()}.
 */
public final class VideoStreamOptions {
  private final Optional<VideoBufferType> format;
  private final int maxBufferedFrames;
  private final FrameOverflow overflow;
  private final Optional<Scheduler> scheduler;

  private VideoStreamOptions(Builder b) {
    this.format = b.format;
    this.maxBufferedFrames = b.maxBufferedFrames;
    this.overflow = b.overflow;
    this.scheduler = b.scheduler;
  }

  /**
   * The defaults: the decoder's layout (I420), at most 4 frames buffered, dropping the oldest,
   * on the room's scheduler.
   *
   * @return the options
   */
  public static VideoStreamOptions defaults() {
    return builder().build();
  }

  /**
   * The defaults, with frames delivered in a layout.
   *
   * @param format the layout, one of {@code VideoBufferType.I420.conversionTargets()}
   * @return the options
   * @throws IllegalArgumentException if the core cannot deliver decoded frames in that layout
   */
  public static VideoStreamOptions of(VideoBufferType format) {
    return builder().format(format).build();
  }

  /**
   * A builder starting from the defaults ({@link #defaults()}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.format = format;
    b.maxBufferedFrames = maxBufferedFrames;
    b.overflow = overflow;
    b.scheduler = scheduler;
    return b;
  }

  /**
   * The layout frames are delivered in; the core converts each decoded frame to it. One of
   * {@code VideoBufferType.I420.conversionTargets()} (I420, RGBA, BGRA, ARGB, ABGR, RGB24),
   * because the decoder produces I420. Default empty: the decoder's layout, I420.
   *
   * @return the layout, if set
   */
  public Optional<VideoBufferType> format() {
    return format;
  }

  /**
   * How many frames may wait for the subscriber before {@link #overflow()} applies; at least 1.
   * Memory per stream is bounded by it times the frame size. Default 4.
   *
   * @return a number of frames
   */
  public int maxBufferedFrames() {
    return maxBufferedFrames;
  }

  /**
   * What happens when the subscriber falls further behind. Default
   * {@link FrameOverflow#DROP_OLDEST}.
   *
   * @return the policy
   */
  public FrameOverflow overflow() {
    return overflow;
  }

  /**
   * Where frames are delivered. Default empty: the room's scheduler
   * ({@link io.roomflux.reactor.LiveKitOptions#scheduler()}). Never the core's threads.
   *
   * @return the scheduler, if set
   */
  public Optional<Scheduler> scheduler() {
    return scheduler;
  }

  /**
   * With frames delivered in another layout.
   *
   * @param value the layout, one of {@code VideoBufferType.I420.conversionTargets()}
   * @return new options
   * @throws IllegalArgumentException if the core cannot deliver decoded frames in that layout
   */
  public VideoStreamOptions withFormat(VideoBufferType value) {
    return toBuilder().format(value).build();
  }

  /**
   * With another bound on the frames waiting for the subscriber.
   *
   * @param value at least 1
   * @return new options
   * @throws IllegalArgumentException if below 1
   */
  public VideoStreamOptions withMaxBufferedFrames(int value) {
    return toBuilder().maxBufferedFrames(value).build();
  }

  /**
   * With another overflow policy.
   *
   * @param value the policy
   * @return new options
   */
  public VideoStreamOptions withOverflow(FrameOverflow value) {
    return toBuilder().overflow(value).build();
  }

  /**
   * With frames delivered on another scheduler.
   *
   * @param value the scheduler
   * @return new options
   */
  public VideoStreamOptions withScheduler(Scheduler value) {
    return toBuilder().scheduler(value).build();
  }

  /**
   * Equal if every setting is (schedulers compared by identity).
   *
   * @param other another object
   * @return whether the options are equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof VideoStreamOptions o && o.format.equals(format)
        && o.maxBufferedFrames == maxBufferedFrames && o.overflow == overflow && o.scheduler.equals(scheduler);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, maxBufferedFrames, overflow, scheduler);
  }

  /**
   * Describes the options.
   *
   * @return e.g. {@code VideoStreamOptions[format=Optional.empty, maxBufferedFrames=4, ...]}
   */
  @Override
  public String toString() {
    return "VideoStreamOptions[format=" + format + ", maxBufferedFrames=" + maxBufferedFrames + ", overflow="
        + overflow + ", scheduler=" + scheduler + "]";
  }

  /**
   * Builds {@link VideoStreamOptions}; each setting's meaning and default is on the accessor of
   * the same name. Each setter checks its value at once. Not thread-safe; reusable.
   */
  public static final class Builder {
    private Optional<VideoBufferType> format = Optional.empty();
    private int maxBufferedFrames = 4;
    private FrameOverflow overflow = FrameOverflow.DROP_OLDEST;
    private Optional<Scheduler> scheduler = Optional.empty();

    private Builder() {
    }

    /**
     * See {@link VideoStreamOptions#format()}.
     *
     * @param value one of {@code VideoBufferType.I420.conversionTargets()}
     * @return this builder
     * @throws IllegalArgumentException if the core cannot deliver decoded frames in that layout
     */
    public Builder format(VideoBufferType value) {
      Objects.requireNonNull(value, "format");
      // Checked here: some conversions the core does not support abort the process there.
      if (!VideoBufferType.I420.conversionTargets().contains(value)) {
        throw new IllegalArgumentException("received frames cannot be delivered as " + value + "; choose one of "
            + VideoBufferType.I420.conversionTargets());
      }
      format = Optional.of(value);
      return this;
    }

    /**
     * See {@link VideoStreamOptions#maxBufferedFrames()}.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxBufferedFrames(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxBufferedFrames must be at least 1, was " + value);
      }
      maxBufferedFrames = value;
      return this;
    }

    /**
     * See {@link VideoStreamOptions#overflow()}.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder overflow(FrameOverflow value) {
      overflow = Objects.requireNonNull(value, "overflow");
      return this;
    }

    /**
     * See {@link VideoStreamOptions#scheduler()}.
     *
     * @param value the scheduler
     * @return this builder
     */
    public Builder scheduler(Scheduler value) {
      scheduler = Optional.of(Objects.requireNonNull(value, "scheduler"));
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
     */
    public VideoStreamOptions build() {
      return new VideoStreamOptions(this);
    }
  }
}
