package io.roomflux.reactor.internal.media;

import static io.roomflux.proto.FfiRequest.MessageCase.GET_AUDIO_DEVICES;
import static io.roomflux.proto.FfiRequest.MessageCase.NEW_PLATFORM_AUDIO;
import static io.roomflux.proto.FfiRequest.MessageCase.SET_PLAYOUT_DEVICE;
import static io.roomflux.proto.FfiRequest.MessageCase.SET_RECORDING_DEVICE;
import static io.roomflux.proto.FfiRequest.MessageCase.START_RECORDING;
import static io.roomflux.proto.FfiRequest.MessageCase.STOP_RECORDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.proto.AudioDeviceInfo;
import io.roomflux.proto.FfiOwnedHandle;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.GetAudioDevicesResponse;
import io.roomflux.proto.NewPlatformAudioResponse;
import io.roomflux.proto.OwnedPlatformAudio;
import io.roomflux.proto.PlatformAudioInfo;
import io.roomflux.proto.SetPlayoutDeviceResponse;
import io.roomflux.proto.SetRecordingDeviceResponse;
import io.roomflux.proto.StartRecordingResponse;
import io.roomflux.proto.StopRecordingResponse;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.reactor.internal.core.ScriptedCore;
import io.roomflux.reactor.media.PlatformAudio;
import io.roomflux.reactor.media.PlatformAudio.AudioDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The binding of platform audio against a {@link ScriptedCore}, for what the test machines (no
 * audio devices, see {@code PlatformAudioTest}) cannot show with the real core: each method is one
 * request on the platform audio's handle, the devices come back as records, the core's error in an
 * answer becomes {@link OperationFailedException} naming the operation, and close drops the handle
 * once, after which every method is refused.
 */
class PlatformAudioBindingTest {
  private final ScriptedCore core = new ScriptedCore();
  private final DefaultMedia media = new DefaultMedia(core);
  private final long handle = core.handle();

  @AfterEach
  void closeTheCore() {
    core.close();
  }

  @Test
  void eachMethodIsOneRequestOnThePlatformAudiosHandleAndCloseDropsItOnce() {
    core.answer(GET_AUDIO_DEVICES, r -> FfiResponse.newBuilder().setGetAudioDevices(GetAudioDevicesResponse.newBuilder()
            .addRecordingDevices(AudioDeviceInfo.newBuilder().setIndex(0).setName("Mic").setGuid("mic-1"))
            .addPlayoutDevices(AudioDeviceInfo.newBuilder().setIndex(0).setName("Speakers").setGuid("spk-1"))
            .addPlayoutDevices(AudioDeviceInfo.newBuilder().setIndex(1).setName("Headset").setGuid("hs-2")))
        .build());
    core.answer(SET_RECORDING_DEVICE, r -> FfiResponse.newBuilder()
        .setSetRecordingDevice(SetRecordingDeviceResponse.getDefaultInstance()).build());
    core.answer(SET_PLAYOUT_DEVICE, r -> FfiResponse.newBuilder()
        .setSetPlayoutDevice(SetPlayoutDeviceResponse.getDefaultInstance()).build());
    core.answer(START_RECORDING, r -> FfiResponse.newBuilder()
        .setStartRecording(StartRecordingResponse.getDefaultInstance()).build());
    core.answer(STOP_RECORDING, r -> FfiResponse.newBuilder()
        .setStopRecording(StopRecordingResponse.getDefaultInstance()).build());
    PlatformAudio audio = opened();

    assertThat(audio.recordingDevices()).containsExactly(new AudioDevice(0, "Mic", "mic-1"));
    assertThat(audio.playoutDevices()).containsExactly(new AudioDevice(0, "Speakers", "spk-1"),
        new AudioDevice(1, "Headset", "hs-2"));
    audio.setRecordingDevice("mic-1");
    audio.setPlayoutDevice("hs-2");
    audio.stopRecording();
    audio.startRecording();

    assertThat(core.sentKinds()).containsExactly(NEW_PLATFORM_AUDIO, GET_AUDIO_DEVICES, GET_AUDIO_DEVICES,
        SET_RECORDING_DEVICE, SET_PLAYOUT_DEVICE, STOP_RECORDING, START_RECORDING);
    var sent = core.sent();
    assertThat(sent.get(3).getSetRecordingDevice().getPlatformAudioHandle()).isEqualTo(handle);
    assertThat(sent.get(3).getSetRecordingDevice().getDeviceId()).isEqualTo("mic-1");
    assertThat(sent.get(4).getSetPlayoutDevice().getDeviceId()).isEqualTo("hs-2");
    assertThat(sent.get(5).getStopRecording().getPlatformAudioHandle()).isEqualTo(handle);
    assertThat(sent.get(6).getStartRecording().getPlatformAudioHandle()).isEqualTo(handle);

    audio.close();
    audio.close();
    assertThat(core.dropped()).containsExactly(handle);
    assertThatThrownBy(audio::startRecording).isInstanceOf(ResourceClosedException.class);
    assertThat(core.sentKinds()).hasSize(7);
  }

  @Test
  void anErrorInTheCoresAnswerFailsTheMethodNamingTheOperationAndTheReason() {
    core.answer(SET_PLAYOUT_DEVICE, r -> FfiResponse.newBuilder()
        .setSetPlayoutDevice(SetPlayoutDeviceResponse.newBuilder().setError("no device with id nope")).build());
    core.answer(GET_AUDIO_DEVICES, r -> FfiResponse.newBuilder()
        .setGetAudioDevices(GetAudioDevicesResponse.newBuilder().setError("enumeration failed")).build());
    PlatformAudio audio = opened();

    assertThatThrownBy(() -> audio.setPlayoutDevice("nope")).isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("setPlayoutDevice").hasMessageContaining("no device with id nope");
    assertThatThrownBy(audio::playoutDevices).isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("enumeration failed");
    audio.close();
    assertThat(core.dropped()).containsExactly(handle);
  }

  @Test
  void aCoreThatCannotOpenPlatformAudioFailsWithItsReasonAndOwnsNothing() {
    core.answer(NEW_PLATFORM_AUDIO, r -> FfiResponse.newBuilder().setNewPlatformAudio(
        NewPlatformAudioResponse.newBuilder().setError("no audio device module")).build());

    assertThatThrownBy(media::platformAudio).isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("no audio device module");
    assertThat(core.handles().liveCount()).isZero();
  }

  private PlatformAudio opened() {
    core.answer(NEW_PLATFORM_AUDIO, r -> FfiResponse.newBuilder().setNewPlatformAudio(NewPlatformAudioResponse
        .newBuilder().setPlatformAudio(OwnedPlatformAudio.newBuilder()
            .setHandle(FfiOwnedHandle.newBuilder().setId(handle))
            .setInfo(PlatformAudioInfo.newBuilder().setRecordingDeviceCount(1).setPlayoutDeviceCount(2)))).build());
    return media.platformAudio();
  }
}
