package io.roomflux.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.LogBatch;
import io.roomflux.proto.LogLevel;
import io.roomflux.proto.LogRecord;
import io.roomflux.proto.Panic;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link LogForwarder#wanted}: which encoded events are dropped on the core's thread before they
 * reach the dispatcher (log records no logger would print) and which always go on.
 */
class LogForwarderWantedTest {
  private final LogForwarder forwarder = new LogForwarder();
  private final Logger ffiLogger = (Logger) LoggerFactory.getLogger(LogForwarder.LOGGER_PREFIX);
  private final Logger webrtcLogger = (Logger) LoggerFactory.getLogger(LogForwarder.LOGGER_PREFIX + ".libwebrtc");
  private Level ffiLevel;
  private Level webrtcLevel;

  @BeforeEach
  void rememberLevels() {
    ffiLevel = ffiLogger.getLevel();
    webrtcLevel = webrtcLogger.getLevel();
    ffiLogger.setLevel(Level.WARN);
    webrtcLogger.setLevel(null);
  }

  @AfterEach
  void restoreLevels() {
    ffiLogger.setLevel(ffiLevel);
    webrtcLogger.setLevel(webrtcLevel);
  }

  @Test
  void debugAndTraceRecordsAreDroppedWhenTheirLoggerIsAtWarn() {
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_DEBUG, "libwebrtc")))).isFalse();
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_TRACE, "tungstenite::protocol")))).isFalse();
    // The core's INFO is logged at DEBUG: not printed at WARN either.
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_INFO, "livekit::rtc_engine")))).isFalse();
  }

  @Test
  void warningsAndErrorsAlwaysGoOnBecauseExplainNeedsThem() {
    ffiLogger.setLevel(Level.OFF);
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_ERROR, "livekit_ffi::cabi")))).isTrue();
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_WARN, "livekit::rtc_engine")))).isTrue();
  }

  @Test
  void aRecordGoesOnWhenItsOwnLoggerIsEnabledEvenIfTheParentIsNot() {
    webrtcLogger.setLevel(Level.DEBUG);
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_DEBUG, "libwebrtc")))).isTrue();
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_TRACE, "libwebrtc")))).isFalse();
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_DEBUG, "livekit")))).isFalse();
  }

  @Test
  void theCoresInfoGoesOnAtDebugWhereItIsLogged() {
    ffiLogger.setLevel(Level.INFO);
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_INFO, "livekit")))).isFalse();
    ffiLogger.setLevel(Level.DEBUG);
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_INFO, "livekit")))).isTrue();
  }

  @Test
  void aBatchGoesOnWhenAnyOfItsRecordsIsWanted() {
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_DEBUG, "libwebrtc"), record(LogLevel.LOG_TRACE, "livekit"))))
        .isFalse();
    assertThat(forwarder.wanted(logs(record(LogLevel.LOG_DEBUG, "libwebrtc"), record(LogLevel.LOG_ERROR, "livekit"))))
        .isTrue();
  }

  @Test
  void otherEventsEmptyBatchesAndUndecodableBytesAlwaysGoOn() {
    assertThat(forwarder.wanted(FfiEvent.newBuilder().setPanic(Panic.newBuilder().setMessage("boom")).build()
        .toByteArray())).isTrue();
    assertThat(forwarder.wanted(FfiEvent.newBuilder().setLogs(LogBatch.getDefaultInstance()).build().toByteArray()))
        .isTrue();
    byte[] truncated = logs(record(LogLevel.LOG_DEBUG, "libwebrtc"));
    assertThat(forwarder.wanted(Arrays.copyOf(truncated, truncated.length - 3))).isTrue();
    assertThat(forwarder.wanted(new byte[] {(byte) 0x92, 0x01, (byte) 0xff})).isTrue();
    assertThat(forwarder.wanted(new byte[0])).isTrue();
  }

  @Test
  void anEventInNativeMemoryIsReadInPlaceAndItsBufferLeftAsItWas() {
    byte[] dropped = logs(record(LogLevel.LOG_TRACE, "libwebrtc"));
    byte[] kept = logs(record(LogLevel.LOG_ERROR, "libwebrtc"));
    try (Arena arena = Arena.ofConfined()) {
      ByteBuffer first = arena.allocateFrom(ValueLayout.JAVA_BYTE, dropped).asByteBuffer().asReadOnlyBuffer();
      ByteBuffer second = arena.allocateFrom(ValueLayout.JAVA_BYTE, kept).asByteBuffer().asReadOnlyBuffer();
      assertThat(forwarder.wanted(first)).isFalse();
      assertThat(forwarder.wanted(second)).isTrue();
      assertThat(first.position()).isZero();
      assertThat(first.remaining()).isEqualTo(dropped.length);
    }
  }

  private static byte[] logs(LogRecord... records) {
    return FfiEvent.newBuilder().setLogs(LogBatch.newBuilder().addAllRecords(Arrays.asList(records))).build()
        .toByteArray();
  }

  private static LogRecord record(LogLevel level, String target) {
    return LogRecord.newBuilder().setLevel(level).setTarget(target).setModulePath(target).setFile("src/lib.rs")
        .setLine(42).setMessage("something happened").build();
  }
}
