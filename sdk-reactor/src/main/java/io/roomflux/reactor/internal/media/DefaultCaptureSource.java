package io.roomflux.reactor.internal.media;

import io.roomflux.RoomFluxException;
import io.roomflux.core.AsyncCall;
import io.roomflux.core.EventRoute;
import io.roomflux.core.FfiEventListener;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.CaptureSourceEvent;
import io.roomflux.proto.ClockVideoSourceConfig;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewCaptureSourceCallback;
import io.roomflux.proto.NewCaptureSourceRequest;
import io.roomflux.proto.OwnedCaptureSource;
import io.roomflux.proto.PatternVideoSourceConfig;
import io.roomflux.proto.StartCaptureRequest;
import io.roomflux.proto.StopCaptureRequest;
import io.roomflux.proto.VideoSourceResolution;
import io.roomflux.reactor.FeatureUnavailableException;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.media.CaptureSource;
import io.roomflux.reactor.media.CaptureSourceConfig;
import io.roomflux.reactor.media.VideoSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * A capture source: owns the capture's handle and, through a {@link DefaultVideoSource}, the video
 * source it feeds. A run installs the capture handle's event route, starts the capture and ends
 * with the core's one {@code CaptureSourceEvent}; its outcome is published on
 * {@code Schedulers.parallel()}.
 */
final class DefaultCaptureSource implements CaptureSource {
  private final Core core;
  private final OwnedHandle handle;
  private final DefaultVideoSource video;
  private final AtomicReference<@Nullable Run> running = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private DefaultCaptureSource(Core core, OwnedHandle handle, DefaultVideoSource video) {
    this.core = core;
    this.handle = handle;
    this.video = video;
  }

  static Mono<CaptureSource> create(Core core, CaptureSourceConfig config) {
    NewCaptureSourceRequest.Builder request = NewCaptureSourceRequest.newBuilder();
    VideoSourceResolution size = VideoSourceResolution.newBuilder()
        .setWidth(config.width()).setHeight(config.height()).build();
    switch (config) {
      case CaptureSourceConfig.TestPattern p -> request.setPattern(PatternVideoSourceConfig.newBuilder()
          .setResolution(size).setFramerateFps(p.framesPerSecond())
          .setPattern(p.pattern() == CaptureSourceConfig.Pattern.LOGO
              ? io.roomflux.proto.Pattern.PATTERN_LOGO : io.roomflux.proto.Pattern.PATTERN_GRADIENT));
      case CaptureSourceConfig.Clock c -> request.setClock(ClockVideoSourceConfig.newBuilder()
          .setResolution(size).setFramerateFps(c.framesPerSecond()));
    }
    return Mono.<CaptureSource>create(sink -> {
      AtomicBoolean cancelled = new AtomicBoolean();
      sink.onCancel(() -> cancelled.set(true));
      AsyncCall call;
      try {
        call = core.call(asyncId -> FfiRequest.newBuilder()
            .setNewCaptureSource(request.clone().setRequestAsyncId(asyncId)).build());
      } catch (OperationFailedException e) {
        core.explain(e).whenComplete((explained, t) -> sink.error(unavailable(explained != null ? explained : e)));
        return;
      }
      call.callback().whenComplete((event, error) -> {
        if (error != null) {
          sink.error(error);
          return;
        }
        NewCaptureSourceCallback made = event.getNewCaptureSource();
        if (made.hasError()) {
          sink.error(unavailable(new OperationFailedException("captureSource", made.getError())));
          return;
        }
        OwnedCaptureSource source = made.getSource();
        // Own both handles before anything else can fail, so that neither can leak.
        OwnedHandle capture = core.handles().own(source.getHandle().getId(), HandleKind.CAPTURE_SOURCE);
        OwnedHandle videoHandle = core.handles().own(source.getInfo().getVideoSource().getHandle().getId(),
            HandleKind.VIDEO_SOURCE);
        DefaultCaptureSource created = new DefaultCaptureSource(core, capture, DefaultVideoSource.adopt(core,
            source.getInfo().getResolution().getWidth(), source.getInfo().getResolution().getHeight(),
            videoHandle));
        if (cancelled.get()) {
          created.close();
          return;
        }
        // A cancel that comes now: Reactor runs this at once, or after the success is dropped.
        sink.onDispose(() -> {
          if (cancelled.get()) {
            created.close();
          }
        });
        sink.success(created);
      });
    }).publishOn(Schedulers.parallel());
  }

  /** The core's refusal for a core built without capture sources, as its own type. */
  private static Throwable unavailable(Throwable refusal) {
    String text = String.valueOf(refusal.getMessage());
    return text.contains("without the 'capture' feature")
        ? new FeatureUnavailableException("captureSource", "capture", refusal) : refusal;
  }

  @Override
  public VideoSource videoSource() {
    return video;
  }

  @Override
  public Mono<CaptureEnd> run() {
    return Mono.<CaptureEnd>create(sink -> {
      Run run = new Run(sink);
      if (!running.compareAndSet(null, run)) {
        sink.error(new IllegalStateException("this capture source is already running"));
        return;
      }
      sink.onCancel(this::stop);
      run.start();
    }).publishOn(Schedulers.parallel());
  }

  @Override
  public void stop() {
    Run run = running.get();
    if (run == null || handle.isClosed()) {
      return;
    }
    try (Lease lease = Leases.take(handle, "stop", "the capture source")) {
      core.request(FfiRequest.newBuilder().setStopCapture(StopCaptureRequest.newBuilder()
          .setCaptureHandle(lease.id())).build());
    } catch (RoomFluxException e) {
      // Closed meanwhile: dropping the handle stops the capture as well.
    }
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // Dropping the capture's handle stops a running capture; its end event then ends the run.
      handle.close();
      video.close();
    }
  }

  /** One run: the route of the capture's events, from the start request to the end event. */
  private final class Run implements FfiEventListener {
    private final MonoSink<CaptureEnd> sink;
    private @Nullable EventRoute route;

    Run(MonoSink<CaptureEnd> sink) {
      this.sink = sink;
    }

    void start() {
      try (Lease lease = Leases.take(handle, "run", "the capture source")) {
        route = core.route(lease.id(), this);
        String error = core.request(FfiRequest.newBuilder().setStartCapture(StartCaptureRequest.newBuilder()
            .setCaptureHandle(lease.id())).build()).getStartCapture().getError();
        if (!error.isEmpty()) {
          end();
          sink.error(new OperationFailedException("run", error));
        }
      } catch (RuntimeException e) {
        end();
        sink.error(e);
      }
    }

    @Override
    public void onEvent(FfiEvent event) {
      CaptureSourceEvent ended = event.getCaptureSourceEvent();
      end();
      if (ended.hasError()) {
        sink.error(new OperationFailedException("run", ended.getError().getKind() + ": "
            + ended.getError().getError()));
      } else {
        sink.success(new CaptureEnd(ended.getFinished().getFramesCaptured(),
            ended.getFinished().getExit() == io.roomflux.proto.CaptureExit.CAPTURE_EXIT_END_OF_STREAM));
      }
    }

    @Override
    public void onTerminated(RoomFluxException error) {
      end();
      sink.error(error);
    }

    private void end() {
      EventRoute installed = route;
      if (installed != null) {
        installed.close();
      }
      running.compareAndSet(this, null);
    }
  }
}
