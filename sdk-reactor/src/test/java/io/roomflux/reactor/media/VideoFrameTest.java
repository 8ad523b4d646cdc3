package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Video frame layouts, and conversions through the real core. */
@ExtendWith(NativeHandlesBalanced.class)
class VideoFrameTest {
  private static final int W = 33;
  private static final int H = 17;

  // Plane sizes (stride, rows) of a 33x17 frame, worked out by hand.
  private static final Map<VideoBufferType, int[][]> LAYOUT_33x17 = Map.ofEntries(
      Map.entry(VideoBufferType.RGBA, new int[][] {{132, 17}}),
      Map.entry(VideoBufferType.ABGR, new int[][] {{132, 17}}),
      Map.entry(VideoBufferType.ARGB, new int[][] {{132, 17}}),
      Map.entry(VideoBufferType.BGRA, new int[][] {{132, 17}}),
      Map.entry(VideoBufferType.RGB24, new int[][] {{99, 17}}),
      Map.entry(VideoBufferType.I420, new int[][] {{33, 17}, {17, 9}, {17, 9}}),
      Map.entry(VideoBufferType.I420A, new int[][] {{33, 17}, {17, 9}, {17, 9}, {33, 17}}),
      Map.entry(VideoBufferType.I422, new int[][] {{33, 17}, {17, 17}, {17, 17}}),
      Map.entry(VideoBufferType.I444, new int[][] {{33, 17}, {33, 17}, {33, 17}}),
      Map.entry(VideoBufferType.I010, new int[][] {{66, 17}, {34, 9}, {34, 9}}),
      Map.entry(VideoBufferType.NV12, new int[][] {{33, 17}, {34, 9}}));

  @ParameterizedTest
  @EnumSource(VideoBufferType.class)
  void everyLayoutConstructsWithTheRightPlanes(VideoBufferType type) {
    int[][] expected = LAYOUT_33x17.get(type);
    int total = Arrays.stream(expected).mapToInt(p -> p[0] * p[1]).sum();
    assertThat(type.frameSize(W, H)).isEqualTo(total);

    VideoFrame frame = VideoFrame.of(type, W, H, new byte[total]);

    assertThat(frame.type()).isEqualTo(type);
    assertThat(frame.width()).isEqualTo(W);
    assertThat(frame.height()).isEqualTo(H);
    assertThat(frame.planes()).hasSize(expected.length).hasSize(type.planeCount());
    for (int p = 0; p < expected.length; p++) {
      assertThat(frame.plane(p).stride()).as("stride of plane %d", p).isEqualTo(expected[p][0]);
      assertThat(frame.plane(p).size()).as("size of plane %d", p).isEqualTo(expected[p][0] * expected[p][1]);
      assertThat(type.rows(p, H)).isEqualTo(expected[p][1]);
    }
    assertThat(frame.timestamp()).isEqualTo(Duration.ZERO);
    assertThat(frame.rotation()).isEqualTo(VideoRotation.ROTATION_0);
  }

  @ParameterizedTest
  @EnumSource(VideoBufferType.class)
  void aBufferOneByteTooSmallIsRejected(VideoBufferType type) {
    assertThatThrownBy(() -> VideoFrame.of(type, W, H, new byte[type.frameSize(W, H) - 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(type.toString()).hasMessageContaining("needs " + type.frameSize(W, H));
  }

  @Test
  void explicitStridesMayPadRowsButNotCutThem() {
    ByteBuffer y = ByteBuffer.allocate(40 * H);
    ByteBuffer u = ByteBuffer.allocate(24 * 9);
    ByteBuffer v = ByteBuffer.allocate(24 * 9);

    VideoFrame padded = VideoFrame.i420(W, H, y, 40, u, 24, v, 24);

    assertThat(padded.plane(0).stride()).isEqualTo(40);
    assertThat(padded.plane(1).size()).isEqualTo(24 * 9);
    assertThatThrownBy(() -> VideoFrame.i420(W, H, y, 32, u, 24, v, 24))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride of at least 33");
    assertThatThrownBy(() -> VideoFrame.i420(W, H, y, 40, ByteBuffer.allocate(24 * 8), 24, v, 24))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plane 1");
    assertThatThrownBy(() -> VideoFrame.of(VideoBufferType.NV12, W, H, List.of(VideoFrame.Plane.of(new byte[W * H], W))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 plane(s), got 1");
    assertThatThrownBy(() -> VideoFrame.rgba(0, H, new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void framesViewTheirArraysReadOnlyWithoutCopying() {
    byte[] pixels = new byte[VideoBufferType.RGBA.frameSize(2, 2)];
    VideoFrame frame = VideoFrame.rgba(2, 2, pixels);
    pixels[5] = 7;

    ByteBuffer plane = frame.plane(0).data();
    assertThat(plane.get(5)).isEqualTo((byte) 7);
    assertThat(plane.isReadOnly()).isTrue();
    assertThatThrownBy(() -> plane.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
    VideoFrame later = frame.withTimestamp(Duration.ofMillis(40)).withRotation(VideoRotation.ROTATION_90);
    assertThat(later.timestamp()).isEqualTo(Duration.ofMillis(40));
    assertThat(later.rotation().degrees()).isEqualTo(90);
    assertThat(later.plane(0).data().get(5)).isEqualTo((byte) 7);
  }

  @Test
  void aSolidColourSurvivesRgbaToI420AndBack() {
    int w = 64;
    int h = 48;
    VideoFrame rgba = VideoFrame.rgba(w, h, solidRgba(w, h, 200, 100, 50, ByteBuffer.allocate(w * h * 4)))
        .withTimestamp(Duration.ofMillis(33)).withRotation(VideoRotation.ROTATION_180);
    long buffersBefore = liveVideoBuffers();

    VideoFrame i420 = TestMedia.MEDIA.convert(rgba, VideoBufferType.I420);

    assertThat(liveVideoBuffers()).as("the core's buffer was dropped after the copy").isEqualTo(buffersBefore);
    assertThat(i420.type()).isEqualTo(VideoBufferType.I420);
    assertThat(i420.width()).isEqualTo(w);
    assertThat(i420.height()).isEqualTo(h);
    assertThat(i420.timestamp()).isEqualTo(Duration.ofMillis(33));
    assertThat(i420.rotation()).isEqualTo(VideoRotation.ROTATION_180);
    assertThat(i420.planes()).extracting(VideoFrame.Plane::stride).containsExactly(64, 32, 32);
    assertThat(i420.planes()).extracting(VideoFrame.Plane::size).containsExactly(64 * 48, 32 * 24, 32 * 24);
    assertThat(i420.plane(0).data().isDirect()).isTrue();
    // BT.601 limited range: Y = 16 + (66 R + 129 G + 25 B) / 256 = 123 for (200, 100, 50)
    assertUniform(i420.plane(0).data(), 123, 2);

    VideoFrame back = TestMedia.MEDIA.convert(i420, VideoBufferType.RGBA);

    assertThat(back.type()).isEqualTo(VideoBufferType.RGBA);
    assertThat(back.plane(0).stride()).isEqualTo(w * 4);
    assertThat(back.plane(0).size()).isEqualTo(w * h * 4);
    ByteBuffer pixels = back.plane(0).data();
    for (int i = 0; i < w * h; i++) {
      assertThat(pixels.get(i * 4) & 0xff).isCloseTo(200, within(6));
      assertThat(pixels.get(i * 4 + 1) & 0xff).isCloseTo(100, within(6));
      assertThat(pixels.get(i * 4 + 2) & 0xff).isCloseTo(50, within(6));
    }
  }

  @Test
  void aDirectFrameAtAnOffsetConvertsLikeAHeapFrame() {
    int w = 16;
    int h = 8;
    ByteBuffer direct = ByteBuffer.allocateDirect(w * h * 4 + 12);
    direct.position(12);
    VideoFrame fromDirect = VideoFrame.rgba(w, h, solidRgba(w, h, 10, 220, 130, direct.slice()));
    VideoFrame fromHeap = VideoFrame.rgba(w, h, solidRgba(w, h, 10, 220, 130, ByteBuffer.allocate(w * h * 4)));

    VideoFrame a = TestMedia.MEDIA.convert(fromDirect, VideoBufferType.I420);
    VideoFrame b = TestMedia.MEDIA.convert(fromHeap, VideoBufferType.I420);

    for (int p = 0; p < 3; p++) {
      assertThat(a.plane(p).data()).isEqualTo(b.plane(p).data());
    }
  }

  @Test
  void bgraToRgbaSwapsRedAndBlueExactly() {
    byte[] bgra = new byte[2 * 2 * 4];
    for (int i = 0; i < 4; i++) {
      bgra[i * 4] = 1;
      bgra[i * 4 + 1] = 2;
      bgra[i * 4 + 2] = 3;
      bgra[i * 4 + 3] = 4;
    }

    VideoFrame rgba = TestMedia.MEDIA.convert(VideoFrame.bgra(2, 2, ByteBuffer.wrap(bgra)), VideoBufferType.RGBA);

    ByteBuffer out = rgba.plane(0).data();
    for (int i = 0; i < 4; i++) {
      assertThat(new byte[] {out.get(i * 4), out.get(i * 4 + 1), out.get(i * 4 + 2), out.get(i * 4 + 3)})
          .containsExactly(3, 2, 1, 4);
    }
  }

  @Test
  void nv12ConvertsToI420PlaneByPlane() {
    int w = 8;
    int h = 6;
    byte[] nv12 = new byte[VideoBufferType.NV12.frameSize(w, h)];
    Arrays.fill(nv12, 0, w * h, (byte) 80);
    for (int i = w * h; i < nv12.length; i += 2) {
      nv12[i] = (byte) 90;
      nv12[i + 1] = (byte) 160;
    }

    VideoFrame i420 = TestMedia.MEDIA.convert(VideoFrame.nv12(w, h, ByteBuffer.wrap(nv12)), VideoBufferType.I420);

    assertThat(i420.planes()).extracting(VideoFrame.Plane::size).containsExactly(48, 12, 12);
    assertUniform(i420.plane(0).data(), 80, 0);
    assertUniform(i420.plane(1).data(), 90, 0);
    assertUniform(i420.plane(2).data(), 160, 0);
  }

  @Test
  void pairsTheCoreCannotConvertAreRefusedBeforeReachingIt() {
    // The bundled core asserts on every ABGR conversion, which would abort this JVM.
    VideoFrame abgr = VideoFrame.of(VideoBufferType.ABGR, 4, 4, new byte[64]);
    assertThat(VideoBufferType.ABGR.conversionTargets()).isEmpty();

    assertThatThrownBy(() -> TestMedia.MEDIA.convert(abgr, VideoBufferType.I420))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot convert ABGR to I420").hasMessageContaining("nothing");
    assertThatThrownBy(() -> TestMedia.MEDIA.convert(VideoFrame.nv12(4, 4, ByteBuffer.allocate(24)), VideoBufferType.NV12))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[RGBA, BGRA, I420]");
  }

  @ParameterizedTest
  @EnumSource(VideoBufferType.class)
  void everySupportedConversionYieldsTightPlanesOfTheTarget(VideoBufferType from) {
    VideoFrame source = VideoFrame.of(from, W, H, ByteBuffer.allocateDirect(from.frameSize(W, H)));
    for (VideoBufferType to : from.conversionTargets()) {
      for (boolean flip : new boolean[] {false, true}) {
        VideoFrame converted = TestMedia.MEDIA.convert(source, to, flip);

        assertThat(converted.type()).isEqualTo(to);
        assertThat(converted.width()).isEqualTo(W);
        assertThat(converted.height()).isEqualTo(H);
        for (int p = 0; p < to.planeCount(); p++) {
          assertThat(converted.plane(p).stride()).as("%s to %s plane %d", from, to, p).isEqualTo(to.rowBytes(p, W));
          assertThat(converted.plane(p).size()).isEqualTo(to.rowBytes(p, W) * to.rows(p, H));
        }
      }
    }
  }

  @Test
  void i010SamplesAreSixteenBitWithStridesInBytes() {
    int w = 8;
    int h = 6;
    ByteBuffer i010 = ByteBuffer.allocateDirect(VideoBufferType.I010.frameSize(w, h)).order(java.nio.ByteOrder.nativeOrder());
    for (int i = 0; i < w * h; i++) {
      i010.putShort(i * 2, (short) 400);
    }
    for (int i = w * h * 2; i < i010.capacity(); i += 2) {
      i010.putShort(i, (short) 512);
    }

    VideoFrame i420 = TestMedia.MEDIA.convert(VideoFrame.of(VideoBufferType.I010, w, h, i010), VideoBufferType.I420);

    assertUniform(i420.plane(0).data(), 100, 1);
    assertUniform(i420.plane(1).data(), 128, 1);
    assertUniform(i420.plane(2).data(), 128, 1);
    assertThatThrownBy(() -> VideoFrame.of(VideoBufferType.I010, 3, 2, List.of(VideoFrame.Plane.of(new byte[14], 7),
        VideoFrame.Plane.of(new byte[4], 4), VideoFrame.Plane.of(new byte[4], 4))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even stride");
  }

  private static ByteBuffer solidRgba(int w, int h, int r, int g, int b, ByteBuffer into) {
    for (int i = 0; i < w * h; i++) {
      into.put(i * 4, (byte) r).put(i * 4 + 1, (byte) g).put(i * 4 + 2, (byte) b).put(i * 4 + 3, (byte) 255);
    }
    return into;
  }

  private static void assertUniform(ByteBuffer plane, int value, int tolerance) {
    for (int i = 0; i < plane.remaining(); i++) {
      assertThat(plane.get(i) & 0xff).as("byte %d", i).isCloseTo(value, within(tolerance));
    }
  }

  private static long liveVideoBuffers() {
    return TestMedia.LK.diagnostics().liveHandlesByKind().getOrDefault("VIDEO_BUFFER", 0L);
  }
}
