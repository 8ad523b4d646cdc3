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
   * {@return the defaults} The decoder's layout (I420), at most 4 frames buffered, dropping the
   * oldest, on the room's scheduler.
   */
  public static VideoStreamOptions defaults() {
    return builder().build();
  }

  /**
   * {@return the defaults, with frames delivered in a layout}
   *
   * @param format the layout, one of {@code VideoBufferType.I420.conversionTargets()}
   * @throws IllegalArgumentException if the core cannot deliver decoded frames in that layout
   */
  public static VideoStreamOptions of(VideoBufferType format) {
    return builder().format(format).build();
  }

  /** {@return a new builder, starting from the defaults ({@link #defaults()})} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder, starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.format = format;
    b.maxBufferedFrames = maxBufferedFrames;
    b.overflow = overflow;
    b.scheduler = scheduler;
    return b;
  }

  /**
   * {@return the layout frames are delivered in, if set} The core converts each decoded frame to
   * it. One of {@code VideoBufferType.I420.conversionTargets()} (I420, RGBA, BGRA, ARGB, ABGR,
   * RGB24), because the decoder produces I420. Default empty: the decoder's layout, I420.
   */
  public Optional<VideoBufferType> format() {
    return format;
  }

  /**
   * {@return how many frames may wait for the subscriber before {@link #overflow()} applies} At
   * least 1. Memory per stream is bounded by it times the frame size. Default 4.
   */
  public int maxBufferedFrames() {
    return maxBufferedFrames;
  }

  /**
   * {@return what happens when the subscriber falls further behind} Default
   * {@link FrameOverflow#DROP_OLDEST}.
   */
  public FrameOverflow overflow() {
    return overflow;
  }

  /**
   * {@return where frames are delivered, if set} Default empty: the room's scheduler
   * ({@link io.roomflux.reactor.LiveKitOptions#scheduler()}). Never the core's threads.
   */
  public Optional<Scheduler> scheduler() {
    return scheduler;
  }

  /**
   * {@return these options with frames delivered in another layout}
   *
   * @param value the layout, one of {@code VideoBufferType.I420.conversionTargets()}
   * @throws IllegalArgumentException if the core cannot deliver decoded frames in that layout
   */
  public VideoStreamOptions withFormat(VideoBufferType value) {
    return toBuilder().format(value).build();
  }

  /**
   * {@return these options with another bound on the frames waiting for the subscriber}
   *
   * @param value at least 1
   * @throws IllegalArgumentException if below 1
   */
  public VideoStreamOptions withMaxBufferedFrames(int value) {
    return toBuilder().maxBufferedFrames(value).build();
  }

  /**
   * {@return these options with another overflow policy}
   *
   * @param value the policy
   */
  public VideoStreamOptions withOverflow(FrameOverflow value) {
    return toBuilder().overflow(value).build();
  }

  /**
   * {@return these options with frames delivered on another scheduler}
   *
   * @param value the scheduler
   */
  public VideoStreamOptions withScheduler(Scheduler value) {
    return toBuilder().scheduler(value).build();
  }

  /**
   * {@return whether every setting is equal} Schedulers are compared by identity.
   *
   * @param other another object
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

  /** {@return a description, e.g. {@code VideoStreamOptions[format=Optional.empty, maxBufferedFrames=4, ...]}} */
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
     * {@return this builder, with {@link VideoStreamOptions#format()} set}
     *
     * @param value one of {@code VideoBufferType.I420.conversionTargets()}
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
     * {@return this builder, with {@link VideoStreamOptions#maxBufferedFrames()} set}
     *
     * @param value at least 1
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
     * {@return this builder, with {@link VideoStreamOptions#overflow()} set}
     *
     * @param value the policy
     */
    public Builder overflow(FrameOverflow value) {
      overflow = Objects.requireNonNull(value, "overflow");
      return this;
    }

    /**
     * {@return this builder, with {@link VideoStreamOptions#scheduler()} set}
     *
     * @param value the scheduler
     */
    public Builder scheduler(Scheduler value) {
      scheduler = Optional.of(Objects.requireNonNull(value, "scheduler"));
      return this;
    }

    /** {@return the options, immutable} */
    public VideoStreamOptions build() {
      return new VideoStreamOptions(this);
    }
  }
}
