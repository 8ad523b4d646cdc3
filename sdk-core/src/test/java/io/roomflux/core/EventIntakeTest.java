package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.roomflux.proto.AudioFrameBufferInfo;
import io.roomflux.proto.AudioFrameReceived;
import io.roomflux.proto.AudioStreamEOS;
import io.roomflux.proto.AudioStreamEvent;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.OwnedAudioFrameBuffer;
import io.roomflux.proto.RoomEOS;
import io.roomflux.proto.RoomEvent;
import io.roomflux.proto.VideoStreamEOS;
import io.roomflux.proto.VideoStreamEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the core's callback handles itself and what goes to the dispatcher: no native core. */
class EventIntakeTest {
  private static final short[] SAMPLES = {1, -2, 3, -4};

  private final List<byte[]> queued = new ArrayList<>();
  private final List<FfiEvent> routed = new ArrayList<>();
  private final List<Thread> routedOn = new ArrayList<>();
  private final Map<Long, FfiEventListener> routes = new HashMap<>();
  private final List<long[]> taken = new ArrayList<>();
  private final EventIntake intake = new EventIntake(queued::add, event -> {
    routed.add(event);
    routedOn.add(Thread.currentThread());
  }, routes::get, (handle, dataPtr, numChannels, samplesPerChannel) -> {
    taken.add(new long[] {handle, dataPtr, numChannels, samplesPerChannel});
    return SAMPLES.clone();
  });

  /** A listener that takes samples and records them. */
  private static class SampleListener implements FfiEventListener {
    final List<String> frames = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void onEvent(FfiEvent event) {
      frames.add("event " + event.getMessageCase());
    }

    @Override
    public boolean takesAudioFrames() {
      return true;
    }

    @Override
    public void onAudioFrame(short[] samples, int sampleRate, int numChannels) {
      frames.add(Arrays.toString(samples) + " " + sampleRate + " Hz x" + numChannels);
      threads.add(Thread.currentThread());
    }
  }

  private static FfiEvent frameEvent(long stream, long buffer) {
    return FfiEvent.newBuilder().setAudioStreamEvent(AudioStreamEvent.newBuilder().setStreamHandle(stream)
        .setFrameReceived(AudioFrameReceived.newBuilder().setFrame(OwnedAudioFrameBuffer.newBuilder()
            .setHandle(FfiOwnedHandle.newBuilder().setId(buffer))
            .setInfo(AudioFrameBufferInfo.newBuilder().setDataPtr(0x7f00_1234_5678L).setNumChannels(2)
                .setSampleRate(48_000).setSamplesPerChannel(2))))).build();
  }

  private static FfiEvent eosEvent(long stream) {
    return FfiEvent.newBuilder().setAudioStreamEvent(AudioStreamEvent.newBuilder().setStreamHandle(stream)
        .setEos(AudioStreamEOS.getDefaultInstance())).build();
  }

  @Test
  void aFrameForAListenerThatTakesSamplesIsCopiedDroppedAndHandedOverOnTheCallingThread() {
    SampleListener listener = new SampleListener();
    routes.put(42L, listener);

    intake.accept(frameEvent(42, 900).toByteArray());

    assertThat(taken).singleElement().satisfies(t -> assertThat(t).containsExactly(900, 0x7f00_1234_5678L, 2, 2));
    assertThat(listener.frames).containsExactly("[1, -2, 3, -4] 48000 Hz x2");
    assertThat(listener.threads).containsExactly(Thread.currentThread());
    assertThat(routed).isEmpty();
    assertThat(queued).isEmpty();
  }

  @Test
  void theFastReaderReadsWhatTheGeneratedParserReads() throws Exception {
    FfiEvent event = frameEvent(Long.MAX_VALUE >> 8, 123_456_789_012L);

    EventIntake.Frame frame = EventIntake.frame(event.toByteArray());

    OwnedAudioFrameBuffer buffer = event.getAudioStreamEvent().getFrameReceived().getFrame();
    assertThat(frame).isEqualTo(new EventIntake.Frame(event.getAudioStreamEvent().getStreamHandle(),
        buffer.getHandle().getId(), buffer.getInfo().getDataPtr(), buffer.getInfo().getNumChannels(),
        buffer.getInfo().getSampleRate(), buffer.getInfo().getSamplesPerChannel()));
  }

  @Test
  void aFrameWithoutARouteOrForAListenerOfEventsIsDecodedInFullAndRouted() {
    routes.put(7L, event -> { });
    FfiEvent forEvents = frameEvent(7, 901);
    FfiEvent unrouted = frameEvent(8, 902);

    intake.accept(forEvents.toByteArray());
    intake.accept(unrouted.toByteArray());

    assertThat(routed).containsExactly(forEvents, unrouted);
    assertThat(routedOn).containsOnly(Thread.currentThread());
    assertThat(taken).isEmpty();
  }

  @Test
  void theEndOfAnAudioStreamIsDecodedInFullAndRoutedOnTheCallingThread() {
    routes.put(42L, new SampleListener());
    FfiEvent eos = eosEvent(42);

    intake.accept(eos.toByteArray());

    assertThat(routed).containsExactly(eos);
    assertThat(routedOn).containsExactly(Thread.currentThread());
    assertThat(queued).isEmpty();
  }

  @Test
  void everyOtherEventGoesToTheDispatcherUndecoded() {
    byte[] room = FfiEvent.newBuilder().setRoomEvent(RoomEvent.newBuilder().setRoomHandle(7)
        .setEos(RoomEOS.getDefaultInstance())).build().toByteArray();
    byte[] video = FfiEvent.newBuilder().setVideoStreamEvent(VideoStreamEvent.newBuilder().setStreamHandle(8)
        .setEos(VideoStreamEOS.getDefaultInstance())).build().toByteArray();
    byte[] empty = new byte[0];

    intake.accept(room);
    intake.accept(video);
    intake.accept(empty);

    assertThat(queued).containsExactly(room, video, empty);
    assertThat(routed).isEmpty();
  }

  @Test
  void anUndecodableAudioStreamEventIsDroppedWithoutThrowingIntoTheCore() {
    byte[] whole = frameEvent(42, 900).toByteArray();
    byte[] cut = Arrays.copyOf(whole, whole.length - 3);
    routes.put(42L, new SampleListener());

    assertThatCode(() -> intake.accept(cut)).doesNotThrowAnyException();
    assertThat(routed).isEmpty();
    assertThat(queued).isEmpty();
    assertThat(taken).isEmpty();
  }

  @Test
  void aFailingListenerDoesNotThrowIntoTheCore() {
    routes.put(42L, new SampleListener() {
      @Override
      public void onAudioFrame(short[] samples, int sampleRate, int numChannels) {
        throw new IllegalStateException("listener bug");
      }
    });
    routes.put(43L, event -> {
      throw new IllegalStateException("listener bug");
    });
    EventIntake routing = new EventIntake(queued::add, event -> routes.get(43L).onEvent(event), routes::get,
        (handle, dataPtr, numChannels, samplesPerChannel) -> SAMPLES.clone());

    assertThatCode(() -> routing.accept(frameEvent(42, 900).toByteArray())).doesNotThrowAnyException();
    assertThatCode(() -> routing.accept(eosEvent(43).toByteArray())).doesNotThrowAnyException();
    assertThat(queued).isEmpty();
  }
}
