package io.roomflux.reactor.internal.media;

import static io.roomflux.proto.FfiRequest.MessageCase.NEW_CAPTURE_SOURCE;
import static io.roomflux.proto.FfiRequest.MessageCase.START_CAPTURE;
import static io.roomflux.proto.FfiRequest.MessageCase.STOP_CAPTURE;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.proto.CaptureError;
import io.roomflux.proto.CaptureErrorKind;
import io.roomflux.proto.CaptureExit;
import io.roomflux.proto.CaptureFinished;
import io.roomflux.proto.CaptureSourceEvent;
import io.roomflux.proto.CaptureSourceInfo;
import io.roomflux.proto.CaptureSourceKind;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.NewCaptureSourceCallback;
import io.roomflux.proto.OwnedCaptureSource;
import io.roomflux.proto.OwnedVideoSource;
import io.roomflux.proto.VideoSourceInfo;
import io.roomflux.proto.VideoSourceResolution;
import io.roomflux.proto.VideoSourceType;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.internal.core.ScriptedCore;
import io.roomflux.reactor.media.CaptureSource;
import io.roomflux.reactor.media.CaptureSourceConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The binding of capture sources, against a {@link ScriptedCore} (the bundled core is built without
 * them, see {@code CaptureSourceTest}): the request a config becomes, a run from the start request
 * to the core's one end event, stop, a failed capture, one run at a time, and both handles (capture
 * and video source) dropped once on close.
 */
class CaptureSourceRunTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScriptedCore core = new ScriptedCore();
  private final DefaultMedia media = new DefaultMedia(core);
  private final long captureHandle = core.handle();
  private final long videoHandle = core.handle();

  @AfterEach
  void closeTheCore() {
    core.close();
  }

  @Test
  void aRunStartsTheCaptureStopsOnRequestEndsWithTheCoresEventAndCloseDropsBothHandles() throws Exception {
    CaptureSource capture = made(new CaptureSourceConfig.TestPattern(320, 240, 15, CaptureSourceConfig.Pattern.LOGO));
    var request = core.calls(NEW_CAPTURE_SOURCE).getFirst().request().getNewCaptureSource();
    assertThat(request.getPattern().getResolution().getWidth()).isEqualTo(320);
    assertThat(request.getPattern().getFramerateFps()).isEqualTo(15);
    assertThat(request.getPattern().getPattern()).isEqualTo(io.roomflux.proto.Pattern.PATTERN_LOGO);
    assertThat(capture.videoSource().width()).isEqualTo(320);

    CompletableFuture<CaptureSource.CaptureEnd> run = capture.run().toFuture();
    core.settle();
    assertThat(core.sent()).filteredOn(r -> r.getMessageCase() == START_CAPTURE)
        .singleElement().satisfies(r -> assertThat(r.getStartCapture().getCaptureHandle()).isEqualTo(captureHandle));
    CompletableFuture<CaptureSource.CaptureEnd> second = capture.run().toFuture();
    assertThat(second).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class);

    capture.stop();
    assertThat(core.sentKinds()).contains(STOP_CAPTURE);
    core.emit(ended(CaptureSourceEvent.newBuilder().setCaptureHandle(captureHandle)
        .setFinished(CaptureFinished.newBuilder().setFramesCaptured(42).setExit(CaptureExit.CAPTURE_EXIT_STOPPED))));
    assertThat(run.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(new CaptureSource.CaptureEnd(42, false));

    capture.close();
    capture.close();
    assertThat(capture.isClosed()).isTrue();
    assertThat(core.dropped()).containsExactlyInAnyOrder(captureHandle, videoHandle);
  }

  @Test
  void aCaptureThatFailsEndsItsRunWithTheCoresError() throws Exception {
    CaptureSource capture = made(new CaptureSourceConfig.Clock(160, 120, 5));
    assertThat(core.calls(NEW_CAPTURE_SOURCE).getFirst().request().getNewCaptureSource().hasClock()).isTrue();
    CompletableFuture<CaptureSource.CaptureEnd> run = capture.run().toFuture();
    core.settle();
    core.emit(ended(CaptureSourceEvent.newBuilder().setCaptureHandle(captureHandle)
        .setError(CaptureError.newBuilder().setError("pipeline broke").setKind(CaptureErrorKind.CAPTURE_ERROR_KIND_SOURCE))));
    assertThat(run).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(OperationFailedException.class).withMessageContaining("pipeline broke");
    capture.close();
  }

  private CaptureSource made(CaptureSourceConfig config) throws Exception {
    core.onCall(NEW_CAPTURE_SOURCE, (request, asyncId) -> FfiEvent.newBuilder()
        .setNewCaptureSource(NewCaptureSourceCallback.newBuilder().setAsyncId(asyncId)
            .setSource(OwnedCaptureSource.newBuilder()
                .setHandle(FfiOwnedHandle.newBuilder().setId(captureHandle))
                .setInfo(CaptureSourceInfo.newBuilder().setKind(CaptureSourceKind.CAPTURE_SOURCE_PIXEL)
                    .setResolution(VideoSourceResolution.newBuilder().setWidth(config.width()).setHeight(config.height()))
                    .setRecommendedPublishOptions(io.roomflux.proto.TrackPublishOptions.getDefaultInstance())
                    .setVideoSource(OwnedVideoSource.newBuilder()
                        .setHandle(FfiOwnedHandle.newBuilder().setId(videoHandle))
                        .setInfo(VideoSourceInfo.newBuilder().setType(VideoSourceType.VIDEO_SOURCE_NATIVE))))))
        .build());
    return media.captureSource(config).toFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static FfiEvent ended(CaptureSourceEvent.Builder event) {
    return FfiEvent.newBuilder().setCaptureSourceEvent(event).build();
  }
}
