package io.roomflux.reactor.internal.media;

import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.AudioDeviceInfo;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.FfiResponse;
import io.roomflux.proto.GetAudioDevicesRequest;
import io.roomflux.proto.GetAudioDevicesResponse;
import io.roomflux.proto.NewPlatformAudioRequest;
import io.roomflux.proto.NewPlatformAudioResponse;
import io.roomflux.proto.SetPlayoutDeviceRequest;
import io.roomflux.proto.SetRecordingDeviceRequest;
import io.roomflux.proto.StartRecordingRequest;
import io.roomflux.proto.StopRecordingRequest;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.media.PlatformAudio;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;

/** {@link PlatformAudio}: owns the core's platform audio handle; each method is one request. */
final class DefaultPlatformAudio implements PlatformAudio {
  private final Core core;
  private final OwnedHandle handle;

  private DefaultPlatformAudio(Core core, OwnedHandle handle) {
    this.core = core;
    this.handle = handle;
  }

  static PlatformAudio open(Core core) {
    NewPlatformAudioResponse made = core.request(FfiRequest.newBuilder()
        .setNewPlatformAudio(NewPlatformAudioRequest.getDefaultInstance()).build()).getNewPlatformAudio();
    if (!made.hasPlatformAudio()) {
      throw new OperationFailedException("platformAudio",
          made.hasError() ? made.getError() : "the core answered without a platform audio");
    }
    return new DefaultPlatformAudio(core,
        core.handles().own(made.getPlatformAudio().getHandle().getId(), HandleKind.OTHER));
  }

  @Override
  public List<AudioDevice> recordingDevices() {
    return devices().getRecordingDevicesList().stream().map(DefaultPlatformAudio::device).toList();
  }

  @Override
  public List<AudioDevice> playoutDevices() {
    return devices().getPlayoutDevicesList().stream().map(DefaultPlatformAudio::device).toList();
  }

  private GetAudioDevicesResponse devices() {
    GetAudioDevicesResponse r = send("audioDevices", h -> FfiRequest.newBuilder()
        .setGetAudioDevices(GetAudioDevicesRequest.newBuilder().setPlatformAudioHandle(h)).build(),
        FfiResponse::getGetAudioDevices);
    failIf("audioDevices", r.getError());
    return r;
  }

  private static AudioDevice device(AudioDeviceInfo d) {
    return new AudioDevice(d.getIndex(), d.getName(), d.getGuid());
  }

  @Override
  public void setRecordingDevice(String deviceId) {
    Objects.requireNonNull(deviceId, "deviceId");
    failIf("setRecordingDevice", send("setRecordingDevice", h -> FfiRequest.newBuilder()
        .setSetRecordingDevice(SetRecordingDeviceRequest.newBuilder().setPlatformAudioHandle(h).setDeviceId(deviceId))
        .build(), r -> r.getSetRecordingDevice().getError()));
  }

  @Override
  public void setPlayoutDevice(String deviceId) {
    Objects.requireNonNull(deviceId, "deviceId");
    failIf("setPlayoutDevice", send("setPlayoutDevice", h -> FfiRequest.newBuilder()
        .setSetPlayoutDevice(SetPlayoutDeviceRequest.newBuilder().setPlatformAudioHandle(h).setDeviceId(deviceId))
        .build(), r -> r.getSetPlayoutDevice().getError()));
  }

  @Override
  public void startRecording() {
    failIf("startRecording", send("startRecording", h -> FfiRequest.newBuilder()
        .setStartRecording(StartRecordingRequest.newBuilder().setPlatformAudioHandle(h)).build(),
        r -> r.getStartRecording().getError()));
  }

  @Override
  public void stopRecording() {
    failIf("stopRecording", send("stopRecording", h -> FfiRequest.newBuilder()
        .setStopRecording(StopRecordingRequest.newBuilder().setPlatformAudioHandle(h)).build(),
        r -> r.getStopRecording().getError()));
  }

  @Override
  public void close() {
    handle.close();
  }

  private <T> T send(String operation, LongFunction<FfiRequest> request, Function<FfiResponse, T> result) {
    try (Lease lease = Leases.take(handle, operation, "the platform audio")) {
      return result.apply(core.request(request.apply(lease.id())));
    }
  }

  private static void failIf(String operation, String error) {
    if (!error.isEmpty()) {
      throw new OperationFailedException(operation, error);
    }
  }
}
