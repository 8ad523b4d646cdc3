package io.roomflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.roomflux.Telemetry;
import io.roomflux.server.proto.ListRoomsResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * What a {@link ServerApi} reports to its {@link Telemetry}, against a reactor-netty server on
 * 127.0.0.1 with canned answers: each subscription of a call is one {@code roomflux.server.call}
 * operation tagged with its service and method, ended exactly once (success, failure or cancel,
 * retries included), and a telemetry that throws changes nothing.
 */
class ServerCallTelemetryTest {
  private static final Duration VERIFY = Duration.ofSeconds(30);

  private final Recording telemetry = new Recording();
  private DisposableServer server;
  private ServerApi api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
    if (server != null) {
      server.disposeNow(VERIFY);
    }
  }

  /** Answers the n-th request (from 0) with the status and body it returns; a null body never answers. */
  private ServerApi start(IntFunction<Mono<byte[]>> bodies, IntFunction<Integer> statuses, Telemetry t) {
    AtomicInteger count = new AtomicInteger();
    server = HttpServer.create().host("127.0.0.1").port(0)
        .handle((request, response) -> request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
            .flatMap(ignored -> {
              int n = count.getAndIncrement();
              return bodies.apply(n).flatMap(body -> response.status(HttpResponseStatus.valueOf(statuses.apply(n)))
                  .header("Content-Type", statuses.apply(n) == 200 ? "application/protobuf" : "application/json")
                  .sendByteArray(Mono.just(body)).then());
            }))
        .bindNow(VERIFY);
    api = ServerApi.builder("http://127.0.0.1:" + server.port(), "devkey", "secret")
        .timeout(Duration.ofSeconds(20)).retries(2, Duration.ofMillis(20)).telemetry(t).build();
    return api;
  }

  private static Mono<byte[]> rooms() {
    return Mono.just(ListRoomsResponse.getDefaultInstance().toByteArray());
  }

  private static Mono<byte[]> error(TwirpErrorCode code) {
    return Mono.just(("{\"code\":\"" + code.wireName() + "\",\"msg\":\"no\"}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCallIsOneOperationTaggedWithItsServiceAndMethodEndedOnceWithSuccess() {
    start(n -> rooms(), n -> 200, telemetry);

    StepVerifier.create(api.roomService().listRooms()).expectNextCount(1).expectComplete().verify(VERIFY);

    assertThat(telemetry.started).singleElement().satisfies(s -> {
      assertThat(s.operation().name()).isEqualTo("roomflux.server.call");
      assertThat(s.operation().lowCardinalityTags()).isEqualTo(Map.of("service", "RoomService", "method", "ListRooms"));
      assertThat(s.operation().contextualName()).isEqualTo("RoomService/ListRooms");
      assertThat(s.ends()).containsExactly("success");
    });
  }

  @Test
  void aCallRetriedAfterUnavailableIsStillOneOperationEndedOnce() {
    start(n -> n == 0 ? error(TwirpErrorCode.UNAVAILABLE) : rooms(), n -> n == 0 ? 503 : 200, telemetry);

    StepVerifier.create(api.roomService().listRooms()).expectNextCount(1).expectComplete().verify(VERIFY);

    assertThat(telemetry.started).singleElement().satisfies(s -> assertThat(s.ends()).containsExactly("success"));
  }

  @Test
  void aFailedCallEndsOnceWithItsError() {
    start(n -> error(TwirpErrorCode.NOT_FOUND), n -> 404, telemetry);

    StepVerifier.create(api.roomService().deleteRoom("nowhere")).expectError(NotFoundException.class).verify(VERIFY);

    assertThat(telemetry.started).singleElement()
        .satisfies(s -> assertThat(s.ends()).containsExactly("failure NotFoundException"));
  }

  @Test
  void aCallCancelledBeforeItsAnswerEndsOnceWithCancel() throws InterruptedException {
    CountDownLatch received = new CountDownLatch(1);
    start(n -> {
      received.countDown();
      return Mono.never();
    }, n -> 200, telemetry);

    Disposable call = api.roomService().listRooms().subscribe();
    assertThat(received.await(VERIFY.toSeconds(), TimeUnit.SECONDS)).as("the request reached the server").isTrue();
    call.dispose();

    assertThat(telemetry.started).singleElement().satisfies(s -> assertThat(s.ends()).containsExactly("cancel"));
  }

  @Test
  void aTelemetryThatThrowsChangesNothingTheCallerSees() {
    Telemetry throwing = new Telemetry() {
      @Override
      public Scope start(Operation operation) {
        throw new IllegalStateException("telemetry is broken");
      }
    };
    start(n -> rooms(), n -> 200, throwing);

    StepVerifier.create(api.roomService().listRooms()).expectNextCount(1).expectComplete().verify(VERIFY);
  }

  /** Records each operation and how its scope ended, as often as it is ended. */
  static final class Recording implements Telemetry {
    record Started(Operation operation, List<String> ends) {
    }

    final List<Started> started = new CopyOnWriteArrayList<>();

    @Override
    public Scope start(Operation operation) {
      Started s = new Started(operation, new CopyOnWriteArrayList<>());
      started.add(s);
      return new Scope() {
        @Override
        public void success() {
          s.ends().add("success");
        }

        @Override
        public void failure(Throwable error) {
          s.ends().add("failure " + error.getClass().getSimpleName());
        }

        @Override
        public void cancel() {
          s.ends().add("cancel");
        }
      };
    }
  }
}
