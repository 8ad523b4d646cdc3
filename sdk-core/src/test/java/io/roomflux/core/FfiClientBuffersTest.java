package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.proto.AudioFrameBufferInfo;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewAudioResamplerRequest;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.RemixAndResampleRequest;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Copying out of core memory: owned audio buffers, raw samples and raw bytes. No server. */
class FfiClientBuffersTest {
  private final FfiClient client = FfiClient.get();

  @Test
  void anAudioFrameBufferIsCopiedAndItsHandleDroppedAtOnce() {
    long resamplerId = client.request(FfiRequest.newBuilder()
        .setNewAudioResampler(NewAudioResamplerRequest.getDefaultInstance()).build())
        .getNewAudioResampler().getResampler().getHandle().getId();
    try (OwnedHandle resampler = client.handles().own(resamplerId, HandleKind.AUDIO_RESAMPLER);
         Arena arena = Arena.ofConfined()) {
      MemorySegment input = arena.allocate(480 * 2L, 2);
      OwnedAudioFrameBuffer buffer = client.request(FfiRequest.newBuilder().setRemixAndResample(
          RemixAndResampleRequest.newBuilder().setResamplerHandle(resampler.id())
              .setBuffer(AudioFrameBufferInfo.newBuilder().setDataPtr(input.address()).setNumChannels(1)
                  .setSampleRate(48_000).setSamplesPerChannel(480))
              .setNumChannels(2).setSampleRate(16_000)).build()).getRemixAndResample().getBuffer();
      long buffersBefore = client.handles().liveIds(HandleKind.AUDIO_FRAME_BUFFER).size();

      short[] samples = client.takeAudioFrame(buffer);

      assertThat(samples).hasSize(2 * 160);
      assertThat(client.handles().isLive(buffer.getHandle().getId())).isFalse();
      assertThat(client.handles().liveIds(HandleKind.AUDIO_FRAME_BUFFER)).hasSize((int) buffersBefore);
    }
  }

  @Test
  void rawSamplesAndBytesAreCopiedFromAnAddress() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment memory = arena.allocate(8, 2);
      memory.set(ValueLayout.JAVA_SHORT, 0, (short) 7);
      memory.set(ValueLayout.JAVA_SHORT, 2, (short) -8);
      memory.set(ValueLayout.JAVA_BYTE, 4, (byte) 42);

      assertThat(client.copyNativeShorts(memory.address(), 2)).containsExactly(7, -8);
      assertThat(client.copyNativeShorts(0, 0)).isEmpty();
      ByteBuffer into = ByteBuffer.allocate(6).position(1).limit(2);
      client.copyNative(memory.address() + 4, into);
      assertThat(into.get(1)).isEqualTo((byte) 42);
      assertThat(into.position()).isEqualTo(1);
    }
    assertThatThrownBy(() -> client.copyNative(8, ByteBuffer.allocate(1).asReadOnlyBuffer()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.copyNativeShorts(0, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
