package io.roomflux.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.roomflux.core.FfiRequestException;
import io.roomflux.core.UnknownHandleException;
import io.roomflux.proto.LogBatch;
import io.roomflux.proto.LogLevel;
import io.roomflux.proto.LogRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Forwarding of the core's log records to SLF4J, and {@link LogForwarder#explain}, which pairs
 * a refused request with the reason the core logged for it.
 */
class LogForwarderTest {
  private static final String CABI = "livekit_ffi::cabi";
  private static final String SET_METADATA_FAILURE = "failed to handle request FfiRequest { message: "
      + "Some(SetLocalMetadata(SetLocalMetadataRequest { local_participant_handle: 9, metadata: \"x\", "
      + "request_async_id: Some(7) })) }: InvalidRequest(\"handle not found\")";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlX2J5dGVz";
  private static final long LONG_WAIT_MS = 10_000;
  private static final long SHORT_WAIT_MS = 150;

  private final LogForwarder forwarder = new LogForwarder();
  private final ExecutorService timer = Executors.newSingleThreadExecutor();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger ffiLogger = (Logger) LoggerFactory.getLogger(LogForwarder.LOGGER_PREFIX);

  private Level ffiLevel;

  @BeforeEach
  void captureForwardedLogs() {
    // DEBUG: where the core's chatter and the refusals the caller receives are logged.
    ffiLevel = ffiLogger.getLevel();
    ffiLogger.setLevel(Level.DEBUG);
    appender.start();
    ffiLogger.addAppender(appender);
  }

  @AfterEach
  void release() throws InterruptedException {
    ffiLogger.detachAppender(appender);
    ffiLogger.setLevel(ffiLevel);
    appender.stop();
    timer.shutdownNow();
    assertThat(timer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void failureLoggedBeforeExplainMakesItAnUnknownHandleException() throws Exception {
    FfiRequestException refusal = new FfiRequestException("SetLocalMetadataRequest", null);
    long position = forwarder.position();
    forwarder.forward(batch(record(LogLevel.LOG_ERROR, CABI, SET_METADATA_FAILURE)));

    CompletableFuture<FfiRequestException> explained =
        forwarder.explain(refusal, position, LONG_WAIT_MS, timer);

    assertThat(explained).isDone();
    assertUnknownHandle(explained.get(1, TimeUnit.SECONDS), refusal);
  }

  @Test
  void failureLoggedAfterExplainCompletesItAtOnce() throws Exception {
    FfiRequestException refusal = new FfiRequestException("SetLocalMetadataRequest", null);
    long position = forwarder.position();
    CompletableFuture<FfiRequestException> explained =
        forwarder.explain(refusal, position, LONG_WAIT_MS, timer);
    assertThat(explained).isNotDone();

    forwarder.forward(batch(record(LogLevel.LOG_ERROR, CABI, SET_METADATA_FAILURE)));

    // Completed by the forwarding itself, long before the 10 s wait would end.
    assertThat(explained).isDone();
    assertUnknownHandle(explained.get(1, TimeUnit.SECONDS), refusal);
  }

  @Test
  void failureOfAnotherRequestKindDoesNotExplainAndTheOriginalIsReturnedAfterTheWait()
      throws Exception {
    FfiRequestException refusal = new FfiRequestException("SetLocalMetadataRequest", null);
    long position = forwarder.position();
    CompletableFuture<FfiRequestException> explained =
        forwarder.explain(refusal, position, SHORT_WAIT_MS, timer);

    forwarder.forward(batch(record(LogLevel.LOG_ERROR, CABI,
        "failed to handle request FfiRequest { message: Some(SetLocalName(SetLocalNameRequest { "
            + "local_participant_handle: 9, name: \"n\", request_async_id: None })) }: "
            + "InvalidRequest(\"handle not found\")")));

    assertThat(explained).isNotDone();
    FfiRequestException result = explained.get(5, TimeUnit.SECONDS);
    assertThat(result).isSameAs(refusal);
    assertThat(result.coreReason()).isEmpty();
  }

  @Test
  void failureLoggedBeforeThePositionWasTakenIsNotAttributedToALaterRequest() throws Exception {
    forwarder.forward(batch(record(LogLevel.LOG_ERROR, CABI, SET_METADATA_FAILURE)));
    FfiRequestException refusal = new FfiRequestException("SetLocalMetadataRequest", null);
    long position = forwarder.position();

    FfiRequestException result =
        forwarder.explain(refusal, position, SHORT_WAIT_MS, timer).get(5, TimeUnit.SECONDS);

    assertThat(result).isSameAs(refusal);
  }

  @Test
  void requestKindWithoutFieldsIsParsed() throws Exception {
    FfiRequestException refusal = new FfiRequestException("NewAudioResamplerRequest", null);
    long position = forwarder.position();
    CompletableFuture<FfiRequestException> explained =
        forwarder.explain(refusal, position, LONG_WAIT_MS, timer);

    forwarder.forward(batch(record(LogLevel.LOG_ERROR, CABI,
        "failed to handle request FfiRequest { message: Some(NewAudioResampler(NewAudioResamplerRequest)) }: "
            + "InvalidRequest(\"resampler unavailable\")")));

    FfiRequestException result = explained.get(1, TimeUnit.SECONDS);
    assertThat(result).isNotInstanceOf(UnknownHandleException.class);
    assertThat(result.requestKind()).isEqualTo("NewAudioResamplerRequest");
    assertThat(result.coreReason()).contains("InvalidRequest(\"resampler unavailable\")");
  }

  @Test
  void recordsGoToTheLoggerNamedByTheirTargetRedactedAtTheMappedLevelAndFilteredByIt() {
    forwarder.forward(batch(
        record(LogLevel.LOG_INFO, "livekit::rtc_engine",
            "connecting to ws://10.77.0.1:7880/rtc?access_token=" + JWT + "&auto_subscribe=1"),
        record(LogLevel.LOG_WARN, "livekit_ffi::server::room",
            "reconnecting ConnectRequest { url: \"ws://h\", token: \"opaqueSecret42\", options: RoomOptions }"),
        record(LogLevel.LOG_TRACE, "livekit::rtc_engine", "trace detail with " + JWT)));

    List<ILoggingEvent> events = appender.list;
    assertThat(events).extracting(ILoggingEvent::getLoggerName).containsExactly(
        "io.roomflux.ffi.livekit.rtc_engine", "io.roomflux.ffi.livekit_ffi.server.room");
    // The core's INFO is chatter: DEBUG; its warning stays WARN; TRACE is below the logger's level.
    assertThat(events).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.WARN);
    assertThat(events).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "connecting to ws://10.77.0.1:7880/rtc?access_token=<redacted>&auto_subscribe=1",
        "reconnecting ConnectRequest { url: \"ws://h\", token: \"<redacted>\", options: RoomOptions }");
  }

  @Test
  void refusedRequestCarryingATokenIsLoggedAndExplainedWithoutIt() throws Exception {
    FfiRequestException refusal = new FfiRequestException("ConnectRequest", null);
    long position = forwarder.position();

    forwarder.forward(batch(record(LogLevel.LOG_ERROR, CABI,
        "failed to handle request FfiRequest { message: Some(Connect(ConnectRequest { url: \"ws://h\", "
            + "token: \"" + JWT + "\", options: RoomOptions { auto_subscribe: Some(true) }, "
            + "request_async_id: Some(3) })) }: InvalidRequest(\"invalid url\")")));

    assertThat(appender.list).singleElement().satisfies(event -> {
      assertThat(event.getLoggerName()).isEqualTo("io.roomflux.ffi.livekit_ffi.cabi");
      // The caller receives the refusal with this reason: DEBUG, not the core's ERROR.
      assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
      assertThat(event.getFormattedMessage()).doesNotContain(JWT).contains("token: \"<redacted>\"");
    });
    FfiRequestException result =
        forwarder.explain(refusal, position, LONG_WAIT_MS, timer).get(1, TimeUnit.SECONDS);
    assertThat(result.coreReason()).contains("InvalidRequest(\"invalid url\")");
    assertThat(result.getMessage()).doesNotContain(JWT);
  }

  private static void assertUnknownHandle(FfiRequestException result, FfiRequestException refusal) {
    assertThat(result).isInstanceOf(UnknownHandleException.class);
    assertThat(result.requestKind()).isEqualTo("SetLocalMetadataRequest");
    assertThat(result.coreReason()).contains("InvalidRequest(\"handle not found\")");
    assertThat(result.getMessage()).contains("SetLocalMetadataRequest", "handle not found");
    assertThat(result.getStackTrace()).isEqualTo(refusal.getStackTrace());
  }

  private static LogBatch batch(LogRecord... records) {
    return LogBatch.newBuilder().addAllRecords(List.of(records)).build();
  }

  private static LogRecord record(LogLevel level, String target, String message) {
    return LogRecord.newBuilder().setLevel(level).setTarget(target).setMessage(message).build();
  }
}
