package io.roomflux.reactor.internal.media;

import io.roomflux.reactor.internal.media.Target.OfParticipant;
import io.roomflux.reactor.internal.media.Target.OfTrack;
import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.internal.wire.ParticipantWire;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.media.FrameOverflow;
import io.roomflux.reactor.media.FrameOverflowException;
import io.roomflux.reactor.media.MediaStreamStats;
import io.roomflux.reactor.NoSuchTrackException;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoStreamOptions;
import io.roomflux.core.EventRoute;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.core.FfiEventListener;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.RoomFluxException;
import io.roomflux.proto.AudioStreamEvent;
import io.roomflux.proto.AudioStreamFromParticipantRequest;
import io.roomflux.proto.AudioStreamType;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.NewAudioStreamRequest;
import io.roomflux.proto.NewVideoStreamRequest;
import io.roomflux.proto.VideoFrameReceived;
import io.roomflux.proto.VideoStreamEvent;
import io.roomflux.proto.VideoStreamFromParticipantRequest;
import io.roomflux.proto.VideoStreamType;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * The streams of frames received from remote tracks of one room.
 *
 * <p>Each subscription opens one native stream. Its events reach a route listener on the
 * dispatcher thread (audio: on the core thread that emitted them, see
 * {@link io.roomflux.core.FfiClient}), which copies each frame to the heap and drops the core's buffer at once, so
 * every buffer handle is dropped exactly once whatever happens to the frame afterwards (delivered,
 * dropped by the overflow policy, or discarded at cancel); a frame that arrives for a stream
 * nobody routes any more is released by the core itself. The frames then pass a bounded
 * queue with the stream's overflow policy and are delivered on the subscriber's scheduler.
 *
 * <p>A stream ends (its native stream closed, its route removed) when the subscriber cancels,
 * when the core reports its end, when its track is unsubscribed or unpublished or its
 * participant leaves (the room's listener calls {@link #trackEnded} and {@link #participantLeft}
 * before it emits the event), and when the room is disposed.
 */
public final class MediaStreams {
  private static final Logger log = LoggerFactory.getLogger(MediaStreams.class);

  private final DefaultRoom room;
  private final Set<FrameStream<?>> open = ConcurrentHashMap.newKeySet();
  private final LongAdder received = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private boolean closed; // guarded by this

  public MediaStreams(DefaultRoom room) {
    this.room = room;
  }

  public Flux<AudioFrame> audioFrames(String trackSid, AudioStreamOptions options) {
    Objects.requireNonNull(trackSid, "trackSid");
    Objects.requireNonNull(options, "options");
    Optional<String> filter = options.audioFilter().map(DefaultAudioFilter::moduleIdOf);
    return audio(new OfTrack(trackSid), options, id -> {
      NewAudioStreamRequest.Builder req = NewAudioStreamRequest.newBuilder().setTrackHandle(id)
          .setType(AudioStreamType.AUDIO_STREAM_NATIVE).setSampleRate(options.sampleRate())
          .setNumChannels(options.numChannels());
      options.frameSize().ifPresent(size -> req.setFrameSizeMs((int) size.toMillis()));
      filter.ifPresent(module -> req.setAudioFilterModuleId(module).setAudioFilterOptions(options.audioFilterOptions()));
      return FfiRequest.newBuilder().setNewAudioStream(req).build();
    }, response -> response.getNewAudioStream().getStream().getHandle().getId());
  }

  public Flux<AudioFrame> audioFramesFrom(String identity, TrackSource source, AudioStreamOptions options) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    Optional<String> filter = options.audioFilter().map(DefaultAudioFilter::moduleIdOf);
    return audio(new OfParticipant(identity, source), options, id -> {
      AudioStreamFromParticipantRequest.Builder req = AudioStreamFromParticipantRequest.newBuilder()
          .setParticipantHandle(id).setType(AudioStreamType.AUDIO_STREAM_NATIVE).setTrackSource(ParticipantWire.toProto(source))
          .setSampleRate(options.sampleRate()).setNumChannels(options.numChannels());
      options.frameSize().ifPresent(size -> req.setFrameSizeMs((int) size.toMillis()));
      // Always with options: on participant streams the core applies the filter only when they are set.
      filter.ifPresent(module -> req.setAudioFilterModuleId(module).setAudioFilterOptions(options.audioFilterOptions()));
      return FfiRequest.newBuilder().setAudioStreamFromParticipant(req).build();
    }, response -> response.getAudioStreamFromParticipant().getStream().getHandle().getId());
  }

  public Flux<VideoFrame> videoFrames(String trackSid, VideoStreamOptions options) {
    Objects.requireNonNull(trackSid, "trackSid");
    Objects.requireNonNull(options, "options");
    return video(new OfTrack(trackSid), options, id -> {
      NewVideoStreamRequest.Builder req = NewVideoStreamRequest.newBuilder().setTrackHandle(id)
          .setType(VideoStreamType.VIDEO_STREAM_NATIVE).setNormalizeStride(true);
      options.format().ifPresent(f -> req.setFormat(MediaWire.toProto(f)));
      return FfiRequest.newBuilder().setNewVideoStream(req).build();
    }, response -> response.getNewVideoStream().getStream().getHandle().getId());
  }

  public Flux<VideoFrame> videoFramesFrom(String identity, TrackSource source, VideoStreamOptions options) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    return video(new OfParticipant(identity, source), options, id -> {
      VideoStreamFromParticipantRequest.Builder req = VideoStreamFromParticipantRequest.newBuilder()
          .setParticipantHandle(id).setType(VideoStreamType.VIDEO_STREAM_NATIVE).setTrackSource(ParticipantWire.toProto(source))
          .setNormalizeStride(true);
      options.format().ifPresent(f -> req.setFormat(MediaWire.toProto(f)));
      return FfiRequest.newBuilder().setVideoStreamFromParticipant(req).build();
    }, response -> response.getVideoStreamFromParticipant().getStream().getHandle().getId());
  }

  public MediaStreamStats stats() {
    return new MediaStreamStats(open.size(), received.sum(), dropped.sum());
  }

  // ---- room state changes (dispatcher thread) -------------------------------------------------

  /** The track was unsubscribed or unpublished: streams of it complete. */
  public void trackEnded(String trackSid) {
    for (FrameStream<?> s : open) {
      if (s.target instanceof OfTrack t && t.sid().equals(trackSid)) {
        s.end(null);
      }
    }
  }

  /** The participant left: streams following its tracks complete. */
  public void participantLeft(String identity) {
    for (FrameStream<?> s : open) {
      if (s.target instanceof OfParticipant p && p.identity().equals(identity)) {
        s.end(null);
      }
    }
  }

  /**
   * Part of the room's disposal: ends every stream (completes it, or fails it with the core's
   * panic) and closes its native stream.
   *
   * @return the drops to wait for
   */
  public List<CompletableFuture<Void>> dispose(@Nullable RoomFluxException error) {
    synchronized (this) {
      closed = true;
    }
    List<CompletableFuture<Void>> drops = new ArrayList<>();
    for (FrameStream<?> s : List.copyOf(open)) {
      s.end(error);
      drops.add(s.stream.onDropped());
    }
    return drops;
  }

  // ---- opening ----------------------------------------------------------------------------

  private Flux<AudioFrame> audio(Target target, AudioStreamOptions options, LongFunction<FfiRequest> request,
                                 ToLongFunction<FfiResponse> handle) {
    StreamKind<AudioFrame> kind = new StreamKind<>("audio", request, handle, HandleKind.AUDIO_STREAM, (ffi, event) -> {
      AudioStreamEvent e = event.getAudioStreamEvent();
      return e.hasFrameReceived() ? FrameCodec.take(ffi, e.getFrameReceived().getFrame()) : null;
    }, event -> event.getAudioStreamEvent().hasEos(), AudioFrame::wrap);
    return frames(target, kind, options.maxBufferedFrames(), options.overflow(), options.scheduler());
  }

  private Flux<VideoFrame> video(Target target, VideoStreamOptions options, LongFunction<FfiRequest> request,
                                 ToLongFunction<FfiResponse> handle) {
    StreamKind<VideoFrame> kind = new StreamKind<>("video", request, handle, HandleKind.VIDEO_STREAM, (ffi, event) -> {
      VideoStreamEvent e = event.getVideoStreamEvent();
      if (!e.hasFrameReceived()) {
        return null;
      }
      VideoFrameReceived r = e.getFrameReceived();
      // Received frames go to Java consumers: on the heap they are reclaimed by ordinary GC, and
      // no direct-memory reservation (which may wait for a GC) runs on the dispatcher thread.
      VideoFrame frame = FrameCodec.take(ffi, r.getBuffer(), Duration.of(r.getTimestampUs(), ChronoUnit.MICROS),
          MediaWire.videoRotation(r.getRotation()), false);
      return r.hasMetadata() ? frame.withMetadata(MediaWire.frameMetadata(r.getMetadata())) : frame;
    }, event -> event.getVideoStreamEvent().hasEos(), null);
    return frames(target, kind, options.maxBufferedFrames(), options.overflow(), options.scheduler());
  }

  private <T> Flux<T> frames(Target target, StreamKind<T> kind, int maxBufferedFrames, FrameOverflow overflow,
                             Optional<Scheduler> scheduler) {
    String what = kind.name() + " of " + target;
    // One thread at a time emits frames into the sink (the dispatcher for video, the core's callback
    // thread for audio, see EventIntake); the terminal signal may come from another thread, which
    // the sink serializes. Subscribers are served on the scheduler below, never on those threads.
    Flux<T> frames = Flux.create(sink -> open(what, target, kind, sink));
    Flux<T> bounded = switch (overflow) {
      case DROP_OLDEST -> frames.onBackpressureBuffer(maxBufferedFrames, f -> dropped(kind),
          BufferOverflowStrategy.DROP_OLDEST);
      case LATEST_ONLY -> frames.onBackpressureBuffer(1, f -> dropped(kind), BufferOverflowStrategy.DROP_OLDEST);
      // The overflow cancels the native stream at once; the error follows the frames still queued.
      case ERROR -> frames.onBackpressureBuffer(maxBufferedFrames, f -> dropped(kind), BufferOverflowStrategy.ERROR)
          .onErrorMap(Exceptions::isOverflow, e -> new FrameOverflowException(what, maxBufferedFrames));
    };
    // Prefetch 1: besides the queue above, at most one frame waits for the subscriber's thread.
    return bounded.publishOn(scheduler.orElse(room.options().scheduler()), 1);
  }

  /** A frame was dropped by the overflow policy; on the thread that offered the next one. */
  private void dropped(StreamKind<?> kind) {
    dropped.increment();
    room.telemetry().mediaFramesDropped(kind.name(), 1);
  }

  /** Opens the native stream for one subscription; on the subscribing thread. */
  private <T> void open(String what, Target target, StreamKind<T> kind, FluxSink<T> sink) {
    if (!room.isOpen()) {
      sink.error(new RoomClosedException(what + " refused: room '" + room.name() + "' is closed or disconnecting"));
      return;
    }
    Optional<OwnedHandle> found = targetHandle(target);
    if (found.isEmpty()) {
      sink.error(missing(target));
      return;
    }
    OwnedHandle targetHandle = found.get();
    Core ffi = room.ffi();
    OwnedHandle stream;
    Lease lease;
    try {
      lease = targetHandle.lease();
    } catch (HandleClosedException e) {
      sink.error(missing(target));
      return;
    }
    try (lease) {
      stream = ffi.handles().own(kind.streamHandle().applyAsLong(ffi.request(kind.request().apply(lease.id()))), kind.handleKind());
    } catch (OperationFailedException e) {
      ffi.explain(e).whenComplete((explained, t) -> sink.error(explained != null ? explained : e));
      return;
    } catch (RuntimeException e) {
      sink.error(e);
      return;
    }
    FrameStream<T> s = new FrameStream<>(what, target, kind, ffi, stream, sink);
    boolean accepted;
    synchronized (this) {
      accepted = !closed;
      if (accepted) {
        open.add(s);
      }
    }
    sink.onDispose(() -> s.end(null));
    if (!accepted) {
      s.end(null);
      return;
    }
    // Frames the core sent before this route existed were released unread by the client.
    s.route(ffi);
    // The track (or participant) may have gone between the look-up and the registration above,
    // in which case trackEnded / participantLeft did not see this stream.
    if (!targetHandle(target).filter(h -> h == targetHandle && !h.isClosed()).isPresent()) {
      s.end(null);
    }
    log.debug("room '{}': {} opened (stream {})", room.name(), what, stream.id());
  }

  private Optional<OwnedHandle> targetHandle(Target target) {
    return switch (target) {
      case OfTrack t -> room.resources().track(t.sid());
      case OfParticipant p -> room.resources().participant(p.identity());
    };
  }

  private NoSuchTrackException missing(Target target) {
    return switch (target) {
      case OfTrack t -> new NoSuchTrackException("room '" + room.name() + "' has no subscribed remote track "
          + t.sid() + " (wait for TrackSubscribed)");
      case OfParticipant p -> new NoSuchTrackException("room '" + room.name() + "' has no remote participant '"
          + p.identity() + "'");
    };
  }

  /** One open native stream and its subscriber. */
  private final class FrameStream<T> implements FfiEventListener {
    private final String what;
    private final Target target;
    private final StreamKind<T> kind;
    private final Core ffi;
    private final OwnedHandle stream;
    private final FluxSink<T> sink;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile @Nullable EventRoute route;

    FrameStream(String what, Target target, StreamKind<T> kind, Core ffi, OwnedHandle stream, FluxSink<T> sink) {
      this.what = what;
      this.target = target;
      this.kind = kind;
      this.ffi = ffi;
      this.stream = stream;
      this.sink = sink;
    }

    void route(Core client) {
      EventRoute r = client.route(stream.id(), this);
      route = r;
      if (ended.get()) {
        r.close();
      }
    }

    @Override
    public void onEvent(FfiEvent event) {
      T frame;
      try {
        frame = kind.reader().frame(ffi, event);
      } catch (RuntimeException e) {
        // The buffer was dropped all the same; the stream goes on with the next frame.
        log.warn("room '{}': a frame of {} could not be read; skipped", room.name(), what, e);
        return;
      }
      if (frame != null) {
        deliver(frame);
      } else if (kind.isEnd().test(event)) {
        end(null);
      }
    }

    @Override
    public boolean takesAudioFrames() {
      return kind.fromSamples() != null;
    }

    // Audio, on the core's thread: the samples are copied and the buffer dropped already.
    @Override
    public void onAudioFrame(short[] samples, int sampleRate, int numChannels) {
      StreamKind.SampleReader<T> reader = kind.fromSamples();
      if (reader != null) {
        deliver(reader.frame(samples, sampleRate, numChannels));
      }
    }

    private void deliver(T frame) {
      received.increment();
      if (!ended.get()) {
        sink.next(frame);
      }
    }

    @Override
    public void onTerminated(RoomFluxException error) {
      end(error);
    }

    /** Closes the route, then the native stream, and terminates the subscriber; once. */
    void end(@Nullable Throwable error) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      EventRoute r = route;
      if (r != null) {
        r.close();
      }
      stream.close();
      open.remove(this);
      if (error != null) {
        sink.error(error);
      } else {
        sink.complete();
      }
    }
  }
}
