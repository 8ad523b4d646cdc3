package io.roomflux.reactor.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value types of frame metadata and encoded frames, without the core. */
class FrameMetadataValuesTest {
  @Test
  void metadataKeepsACopyOfItsUserDataAndComparesByValue() {
    byte[] data = {1, 2, 3};
    FrameMetadata metadata = FrameMetadata.empty().withUserTimestamp(5).withFrameId(0xFFFF_FFFFL).withUserData(data);
    data[0] = 9;

    assertThat(metadata.userDataBytes()).containsExactly(1, 2, 3);
    assertThat(metadata).isEqualTo(FrameMetadata.empty().withUserTimestamp(5).withFrameId(0xFFFF_FFFFL)
        .withUserData(new byte[] {1, 2, 3}));
    assertThat(metadata.userData().orElseThrow().isReadOnly()).isTrue();
    assertThat(metadata.toString()).isEqualTo("FrameMetadata[userTimestamp=5, frameId=4294967295, userData=3 bytes]");
    assertThat(FrameMetadata.empty().userDataBytes()).isEmpty();
  }

  @Test
  void aFrameIdBeyond32BitsOrTooMuchUserDataIsRefused() {
    assertThatThrownBy(() -> FrameMetadata.empty().withFrameId(1L << 32)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frameId");
    assertThatThrownBy(() -> FrameMetadata.empty().withFrameId(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(FrameMetadata.empty().withUserData(new byte[FrameMetadata.MAX_USER_DATA_BYTES]).userDataBytes())
        .hasSize(FrameMetadata.MAX_USER_DATA_BYTES);
    assertThatThrownBy(() -> FrameMetadata.empty().withUserData(new byte[FrameMetadata.MAX_USER_DATA_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("233 bytes");
  }

  @Test
  void anEncodedFrameViewsItsBytesReadOnlyAndKeepsItsSettingsAcrossWithMethods() {
    ByteBuffer bytes = ByteBuffer.wrap(new byte[] {0, 0, 0, 1, 0x65, 7});
    bytes.position(4);
    EncodedVideoFrame frame = new EncodedVideoFrame(VideoCodec.H264, true, 64, 48, Duration.ofMillis(3), bytes,
        Optional.empty());

    assertThat(frame.data().remaining()).as("the remaining bytes only").isEqualTo(2);
    assertThat(frame.data().isReadOnly()).isTrue();
    EncodedVideoFrame changed = frame.withTimestamp(Duration.ZERO).withMetadata(FrameMetadata.empty().withFrameId(2));
    assertThat(changed.keyFrame()).isTrue();
    assertThat(changed.codec()).isEqualTo(VideoCodec.H264);
    assertThat(changed.timestamp()).isZero();
    assertThat(changed.metadata()).contains(FrameMetadata.empty().withFrameId(2));
    assertThat(changed.toString()).isEqualTo("EncodedVideoFrame[H264 key 64x48, PT0S, 2 bytes, "
        + "FrameMetadata[userTimestamp=-, frameId=2, userData=-]]");
    assertThatThrownBy(() -> frame.withTimestamp(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVideoFrameCarriesMetadataAcrossItsWithMethods() {
    VideoFrame frame = VideoFrame.rgba(2, 2, new byte[16]);
    FrameMetadata metadata = FrameMetadata.empty().withFrameId(3);

    assertThat(frame.metadata()).isEmpty();
    VideoFrame tagged = frame.withMetadata(metadata).withTimestamp(Duration.ofMillis(1))
        .withRotation(VideoRotation.ROTATION_90);
    assertThat(tagged.metadata()).contains(metadata);
    assertThat(tagged.toString()).endsWith(", FrameMetadata[userTimestamp=-, frameId=3, userData=-]]");
  }
}
