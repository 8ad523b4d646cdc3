package io.roomflux.reactor.media;

import java.util.List;

/**
 * The machine's own microphone and speakers, through WebRTC's audio device module, from
 * {@link Media#platformAudio()}: for desktop applications. Recording starts when it is made; a
 * room's audio is then played out on the speaker. Servers have no audio devices: there making one
 * fails with {@link io.roomflux.reactor.OperationFailedException} naming the core's reason.
 *
 * <p>Each method is a short synchronous call into the core, callable from any thread. Thread-safe.
 * {@link #close()} releases it; the device module stays enabled while any {@code PlatformAudio}
 * is open.
 */
public interface PlatformAudio extends AutoCloseable {

  /**
   * The microphones the platform lists.
   *
   * @return the devices, in the platform's order
   */
  List<AudioDevice> recordingDevices();

  /**
   * The speakers the platform lists.
   *
   * @return the devices, in the platform's order
   */
  List<AudioDevice> playoutDevices();

  /**
   * Selects the microphone.
   *
   * @param deviceId the device's {@link AudioDevice#id()}
   */
  void setRecordingDevice(String deviceId);

  /**
   * Selects the speaker.
   *
   * @param deviceId the device's {@link AudioDevice#id()}
   */
  void setPlayoutDevice(String deviceId);

  /** Resumes microphone capture after {@link #stopRecording()}. */
  void startRecording();

  /** Pauses microphone capture (and the system's recording indicator) without closing. */
  void stopRecording();

  /** Releases the platform audio. Idempotent. */
  @Override
  void close();

  /**
   * An audio device as the platform lists it.
   *
   * @param index its position in the list (may change when devices come and go)
   * @param name its name for people
   * @param id a stable platform id, empty on platforms that give none; select devices by it
   */
  record AudioDevice(int index, String name, String id) {
  }
}
