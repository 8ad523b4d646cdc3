package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.ResourceClosedException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Video sources against the real core, without a room. */
@ExtendWith(NativeHandlesBalanced.class)
class VideoSourceTest {
  @ParameterizedTest
  @EnumSource(VideoBufferType.class)
  void everyLayoutButI010CanBeCapturedFromHeapAndDirectBuffers(VideoBufferType type) {
    try (VideoSource source = TestMedia.MEDIA.videoSource(64, 48)) {
      if (type == VideoBufferType.I010) {
        // The bundled core mis-sizes I010 captures (it would abort or garble): refused here.
        assertThatThrownBy(() -> source.captureFrame(VideoFrame.of(type, 64, 48, new byte[type.frameSize(64, 48)])))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("convert them to I420");
        return;
      }
      int size = type.frameSize(64, 48);
      VideoFrame heap = VideoFrame.of(type, 64, 48, new byte[size]);
      VideoFrame direct = VideoFrame.of(type, 64, 48, ByteBuffer.allocateDirect(size));

      for (int i = 0; i < 5; i++) {
        source.captureFrame(heap.withTimestamp(Duration.ofMillis(i * 33L)));
        source.captureFrame(direct, Duration.ofMillis(i * 33L + 16), VideoRotation.ROTATION_90);
      }
      assertThat(TestMedia.handle(source).leases()).isZero();
    }
  }

  @Test
  void paddedStridesAndAScreencastSourceWork() {
    try (VideoSource source = TestMedia.MEDIA.videoSource(33, 17, true)) {
      assertThat(source.isScreencast()).isTrue();
      assertThat(source.width()).isEqualTo(33);
      VideoFrame padded = VideoFrame.i420(33, 17, ByteBuffer.allocateDirect(48 * 17), 48,
          ByteBuffer.allocateDirect(32 * 9), 32, ByteBuffer.allocateDirect(32 * 9), 32);
      source.captureFrame(padded);
      source.captureFrame(VideoFrame.rgba(33, 17, ByteBuffer.allocate(140 * 17), 140));
    }
  }

  @Test
  void aClosedSourceRefusesFramesAndCloseIsIdempotent() {
    VideoSource source = TestMedia.MEDIA.videoSource(16, 16);
    source.close();
    source.close();

    assertThat(source.isClosed()).isTrue();
    assertThat(TestMedia.handle(source).isDropped()).isTrue();
    assertThatThrownBy(() -> source.captureFrame(VideoFrame.rgba(16, 16, new byte[16 * 16 * 4])))
        .isInstanceOf(ResourceClosedException.class).hasMessageContaining("video source is closed");
  }

  @Test
  void aStreamOfFramesIsCapturedNoSoonerThanItsTimestampsSayAndOneFrameIsRequestedAtATime() {
    try (VideoSource source = TestMedia.MEDIA.videoSource(16, 16)) {
      java.util.List<Long> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
      reactor.core.publisher.Flux<VideoFrame> frames = reactor.core.publisher.Flux.range(0, 6)
          .map(i -> VideoFrame.rgba(16, 16, new byte[16 * 16 * 4])
              .withTimestamp(Duration.ofSeconds(1).plusMillis(50L * i)))
          .doOnRequest(requests::add);
      long start = System.nanoTime();
      reactor.test.StepVerifier.create(source.capture(frames)).expectComplete().verify(Duration.ofSeconds(30));
      // A lower bound only: the last frame is 250 ms after the first; a busy machine makes it later.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
      assertThat(requests).as("one frame requested at a time").allMatch(n -> n == 1L);

      // Zero timestamps: "now", captured as they come.
      reactor.test.StepVerifier.create(source.capture(reactor.core.publisher.Flux.range(0, 3)
              .map(i -> VideoFrame.rgba(16, 16, new byte[16 * 16 * 4]))))
          .expectComplete().verify(Duration.ofSeconds(30));
    }
  }

  @Test
  void capturingIntoAClosedSourceFailsAndCancelsTheFrames() {
    VideoSource source = TestMedia.MEDIA.videoSource(16, 16);
    source.close();
    java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    reactor.test.StepVerifier.create(source.capture(reactor.core.publisher.Flux.<VideoFrame>never()
            .startWith(VideoFrame.rgba(16, 16, new byte[16 * 16 * 4])).doOnCancel(() -> cancelled.set(true))))
        .expectError(ResourceClosedException.class).verify(Duration.ofSeconds(30));
    assertThat(cancelled).isTrue();
  }
}
