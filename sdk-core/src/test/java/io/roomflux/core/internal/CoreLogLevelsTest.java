package io.roomflux.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * The levels the core's records are logged at in Java, for lines livekit-ffi 0.13.2 really logs
 * (seen against livekit-server 1.13.5 in QuietLogsTest's runs).
 */
class CoreLogLevelsTest {
  private static Level level(String target, Level core, String message) {
    return CoreLogLevels.level(target, core, message);
  }

  @Test
  void theCoresInfoLinesAreChatterAtDebug() {
    assertThat(level("livekit::rtc_engine::rtc_session", Level.INFO, "connection setup took 74 ms"))
        .isEqualTo(Level.DEBUG);
    assertThat(level("livekit::signal_client::signal_stream", Level.INFO, "connecting to ws://10.77.0.1:7880/rtc"))
        .isEqualTo(Level.DEBUG);
    assertThat(level("livekit::room", Level.INFO, "Disconnected from room \"demo\" with reason: ClientInitiated"))
        .isEqualTo(Level.DEBUG);
  }

  @Test
  void theLinesOfAFailedConnectThatTheCallerReceivesAreAtDebug() {
    assertThat(level("livekit_signaling", Level.WARN, "signal connection failed on v0 path: Handshake { status: 401 }"))
        .isEqualTo(Level.DEBUG);
    assertThat(level("livekit::rtc_engine", Level.WARN, "authentication rejected during connect (signal failure: "
        + "client error: 401 Unauthorized - invalid token: <redacted>); not retrying")).isEqualTo(Level.DEBUG);
    assertThat(level("livekit::rtc_engine", Level.WARN, "failed to connect: Signal(Connection(\"IO error: "
        + "Connection refused (os error 111)\")), retrying... (1/1)")).isEqualTo(Level.DEBUG);
    assertThat(level("livekit_ffi::room_apis::server::room", Level.ERROR, "error while connecting to a room: "
        + "engine: signal failure: client error: 404 Not Found - 404 page not found")).isEqualTo(Level.DEBUG);
    assertThat(level("livekit_ffi::cabi", Level.ERROR, "failed to handle request FfiRequest { message: "
        + "Some(Connect(ConnectRequest { .. })) }: InvalidRequest(\"invalid url\")")).isEqualTo(Level.DEBUG);
  }

  @Test
  void platformAudioThatCannotOpenIsAtDebugAsTheCallerReceivesTheReason() {
    assertThat(level("livekit::platform_audio", Level.ERROR, "PlatformAudio: failed to acquire Platform ADM"))
        .isEqualTo(Level.DEBUG);
    assertThat(level("livekit_ffi::room_apis::server::platform_audio", Level.ERROR,
        "[PLATFORM_AUDIO_FFI] PlatformAudio::new() failed: Failed to initialize platform audio."))
        .isEqualTo(Level.DEBUG);
  }

  @Test
  void whatAClosingRoomProducesIsAtDebug() {
    assertThat(level("livekit::rtc_engine::rtc_session", Level.ERROR,
        "failed to negotiate the publisher: RtcError { error_type: InvalidState, message: "
            + "\"CreateOffer called when PeerConnection is closed.\" }")).isEqualTo(Level.DEBUG);
    assertThat(level("livekit::rtc_engine::rtc_session", Level.ERROR,
        "failed to send dc_event buffer_amount_change: SendError { .. }")).isEqualTo(Level.DEBUG);
    assertThat(level("livekit_ffi::room_apis::server", Level.WARN, "Attempted to drop unknown FFI handle: 25"))
        .isEqualTo(Level.DEBUG);
  }

  @Test
  void theCoresOtherWarningsAndErrorsKeepTheirLevel() {
    // A negotiation that failed for another reason than the close is a real error.
    assertThat(level("livekit::rtc_engine::rtc_session", Level.ERROR,
        "failed to negotiate the publisher: RtcError { error_type: Internal, message: \"no codec\" }"))
        .isEqualTo(Level.ERROR);
    assertThat(level("livekit::rtc_engine", Level.WARN, "resuming connection failed: timeout"))
        .isEqualTo(Level.WARN);
    // The same words under a target the rule does not name keep their level.
    assertThat(level("libwebrtc", Level.WARN, "signal connection failed")).isEqualTo(Level.WARN);
    assertThat(level("livekit::room", Level.DEBUG, "room_task closed")).isEqualTo(Level.DEBUG);
    assertThat(level("livekit::room", Level.TRACE, "event")).isEqualTo(Level.TRACE);
  }
}
