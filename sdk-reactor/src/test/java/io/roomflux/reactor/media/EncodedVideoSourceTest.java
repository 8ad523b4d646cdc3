package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.ResourceClosedException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Encoded video sources against the real core, without a room. */
@ExtendWith(NativeHandlesBalanced.class)
class EncodedVideoSourceTest {
  private static final Duration IO = Duration.ofSeconds(30);

  private static EncodedVideoFrame keyFrame() {
    return new H264Stream(64, 48).next(true, Duration.ZERO);
  }

  @Test
  void anUnpublishedSourceTakesFramesWithAndWithoutMetadataAndHasNoFeedback() {
    try (EncodedVideoSource source = TestMedia.MEDIA.encodedVideoSource(64, 48, VideoCodec.H264)) {
      assertThat(source.codec()).isEqualTo(VideoCodec.H264);
      assertThat(source.width()).isEqualTo(64);
      assertThat(source.height()).isEqualTo(48);
      EncodedVideoFrame heap = keyFrame();
      ByteBuffer direct = ByteBuffer.allocateDirect(heap.data().remaining()).put(heap.data()).flip();
      EncodedVideoFrame onDirect = new EncodedVideoFrame(VideoCodec.H264, true, 64, 48, Duration.ofMillis(5),
          direct, java.util.Optional.of(FrameMetadata.empty().withFrameId(7)));

      // The bundled core takes every frame of an open source (encoded frames bypass WebRTC's frame
      // adapter, the only place that drops); with no track published, they reach no encoder.
      assertThat(source.captureFrame(heap)).isTrue();
      assertThat(source.captureFrame(onDirect)).isTrue();
      StepVerifier.create(source.capture(Flux.just(heap, onDirect))).expectNext(2L).expectComplete().verify(IO);
      assertThat(TestMedia.handle(source).leases()).isZero();

      StepVerifier.create(source.feedback().take(Duration.ofMillis(300))).expectComplete().verify(IO);
    }
  }

  @Test
  void aFrameOfAnotherCodecIsRefusedBeforeTheCore() {
    try (EncodedVideoSource source = TestMedia.MEDIA.encodedVideoSource(64, 48, VideoCodec.VP8)) {
      assertThatThrownBy(() -> source.captureFrame(keyFrame()))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("a H264 frame for a VP8 source");
    }
  }

  @Test
  void closingTheSourceCompletesItsFeedbackRefusesCapturesAndDropsItsHandleOnce() {
    EncodedVideoSource source = TestMedia.MEDIA.encodedVideoSource(64, 48, VideoCodec.H264);
    List<EncoderFeedback> seen = new CopyOnWriteArrayList<>();
    StepVerifier.create(source.feedback().doOnNext(seen::add))
        .then(source::close)
        .expectComplete()
        .verify(IO);
    source.close();

    assertThat(seen).isEmpty();
    assertThat(source.isClosed()).isTrue();
    assertThat(TestMedia.handle(source).isDropped()).isTrue();
    assertThatThrownBy(() -> source.captureFrame(keyFrame()))
        .isInstanceOf(ResourceClosedException.class).hasMessageContaining("encoded video source is closed");
    StepVerifier.create(source.closeLater()).expectComplete().verify(IO);
  }

  @Test
  void theSizeMustBePositiveAndAFrameNeedsBytes() {
    assertThatThrownBy(() -> TestMedia.MEDIA.encodedVideoSource(0, 48, VideoCodec.H264))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncodedVideoFrame.of(VideoCodec.H264, true, 64, 48, Duration.ZERO, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one byte");
    assertThatThrownBy(() -> EncodedVideoFrame.of(VideoCodec.H264, true, 64, -1, Duration.ZERO, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
