package io.roomflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.roomflux.server.proto.ListRoomsRequest;
import io.roomflux.server.proto.ListRoomsResponse;
import io.roomflux.server.proto.Room;
import io.roomflux.server.proto.SendDataRequest;
import io.roomflux.server.proto.UpdateRoomMetadataRequest;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.test.StepVerifier;

/**
 * The Twirp client against a reactor-netty HTTP server on 127.0.0.1 that returns canned answers:
 * request shape and per-call token, error mapping, retry policy, timeout and connect errors.
 * Unit tests: the real livekit-server is exercised by {@code RoomServiceIntegrationTest}.
 */
class TwirpClientTest {
  /** Generous: the first call in a JVM pays for loading netty on a shared, busy machine. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration VERIFY = Duration.ofSeconds(30);

  /** One request as the fake server saw it. */
  record Seen(String uri, String contentType, String authorization, byte[] body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
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

  /** A canned answer: status, content type and body. */
  record Answer(int status, String contentType, byte[] body) {
    static Answer protobuf(com.google.protobuf.Message message) {
      return new Answer(200, "application/protobuf", message.toByteArray());
    }

    static Answer twirpError(TwirpErrorCode code, String msg) {
      String json = "{\"code\":\"" + code.wireName() + "\",\"msg\":\"" + msg + "\",\"meta\":{\"room\":\"lobby\"}}";
      return new Answer(code.httpStatus(), "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private ServerApi start(Function<Integer, Mono<Answer>> answers, Duration timeout) {
    AtomicInteger count = new AtomicInteger();
    server = HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .handle((request, response) -> request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
            .flatMap(body -> {
              record(request, body);
              return answers.apply(count.getAndIncrement());
            })
            .flatMap(answer -> response.status(HttpResponseStatus.valueOf(answer.status()))
                .header("Content-Type", answer.contentType())
                .sendByteArray(Mono.just(answer.body()))
                .then()))
        .bindNow(VERIFY);
    api = ServerApi.builder("http://127.0.0.1:" + server.port(), "devkey", "secret")
        .timeout(timeout)
        .retries(2, Duration.ofMillis(20))
        .build();
    return api;
  }

  private void record(HttpServerRequest request, byte[] body) {
    seen.add(new Seen(request.uri(), request.requestHeaders().get("Content-Type"),
        request.requestHeaders().get("Authorization"), body));
  }

  @Test
  void aCallPostsProtobufToTheTwirpRouteWithAFreshTokenGrantingExactlyTheMethodsGrant() throws Exception {
    Room room = Room.newBuilder().setName("lobby").setMetadata("m2").build();
    ServerApi api = start(n -> Mono.just(Answer.protobuf(room)), CALL_TIMEOUT);

    StepVerifier.create(api.roomService().updateRoomMetadata(
            UpdateRoomMetadataRequest.newBuilder().setRoom("lobby").setMetadata("m2").build()))
        .expectNext(room)
        .expectComplete()
        .verify(VERIFY);

    assertThat(seen).hasSize(1);
    Seen request = seen.get(0);
    assertThat(request.uri()).isEqualTo("/twirp/livekit.RoomService/UpdateRoomMetadata");
    assertThat(request.contentType()).isEqualTo("application/protobuf");
    assertThat(UpdateRoomMetadataRequest.parseFrom(request.body()).getMetadata()).isEqualTo("m2");
    assertThat(request.authorization()).startsWith("Bearer ");
    SignedJWT jwt = SignedJWT.parse(request.authorization().substring("Bearer ".length()));
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("devkey");
    assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("video")).isEqualTo(Map.of("roomAdmin", true, "room", "lobby"));
    assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(new java.util.Date());
  }

  @Test
  void callsWithTheSameGrantsReuseOneTokenAndCallsForAnotherRoomGetTheirOwn() throws Exception {
    ServerApi api = start(n -> Mono.just(Answer.protobuf(Room.getDefaultInstance())), CALL_TIMEOUT);
    Mono<Room> lobby = api.roomService().updateRoomMetadata(
        UpdateRoomMetadataRequest.newBuilder().setRoom("lobby").setMetadata("m").build());
    Mono<Room> hall = api.roomService().updateRoomMetadata(
        UpdateRoomMetadataRequest.newBuilder().setRoom("hall").setMetadata("m").build());

    StepVerifier.create(lobby.then(lobby).then(hall)).expectNextCount(1).expectComplete().verify(VERIFY);

    assertThat(seen).hasSize(3);
    assertThat(seen.get(1).authorization()).isEqualTo(seen.get(0).authorization());
    assertThat(seen.get(2).authorization()).isNotEqualTo(seen.get(0).authorization());
    SignedJWT hallJwt = SignedJWT.parse(seen.get(2).authorization().substring("Bearer ".length()));
    assertThat(hallJwt.getJWTClaimsSet().getJSONObjectClaim("video")).isEqualTo(Map.of("roomAdmin", true, "room", "hall"));
  }

  @Test
  void nothingIsSentBeforeSubscriptionAndEachSubscriptionSendsAgain() {
    ServerApi api = start(n -> Mono.just(Answer.protobuf(ListRoomsResponse.getDefaultInstance())), CALL_TIMEOUT);
    Mono<ListRoomsResponse> call = api.roomService().listRooms();
    assertThat(seen).isEmpty();

    StepVerifier.create(call.then(call)).expectNextCount(1).expectComplete().verify(VERIFY);

    assertThat(seen).hasSize(2);
    assertThat(seen).extracting(Seen::uri).containsOnly("/twirp/livekit.RoomService/ListRooms");
  }

  @ParameterizedTest
  @EnumSource(TwirpErrorCode.class)
  void aTwirpErrorBodyBecomesTheExceptionOfItsCodeWithMessageAndMeta(TwirpErrorCode code) {
    ServerApi api = start(n -> Mono.just(Answer.twirpError(code, "it went wrong")), CALL_TIMEOUT);

    StepVerifier.create(api.roomService().sendData(SendDataRequest.newBuilder().setRoom("lobby").build()))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(TwirpException.class).isInstanceOf(io.roomflux.RoomFluxException.class);
          TwirpException twirp = (TwirpException) e;
          assertThat(twirp.code()).isEqualTo(code);
          assertThat(twirp.serverMessage()).isEqualTo("it went wrong");
          assertThat(twirp.meta()).isEqualTo(Map.of("room", "lobby"));
          assertThat(twirp.httpStatus()).isEqualTo(code.httpStatus());
          assertThat(twirp.method()).isEqualTo("livekit.RoomService/SendData");
          assertThat(e).isInstanceOf(switch (code) {
            case NOT_FOUND, BAD_ROUTE -> NotFoundException.class;
            case INVALID_ARGUMENT, MALFORMED, OUT_OF_RANGE -> InvalidArgumentException.class;
            case ALREADY_EXISTS -> AlreadyExistsException.class;
            case PERMISSION_DENIED -> PermissionDeniedException.class;
            case UNAUTHENTICATED -> UnauthenticatedException.class;
            case RESOURCE_EXHAUSTED -> ResourceExhaustedException.class;
            case FAILED_PRECONDITION -> FailedPreconditionException.class;
            case UNIMPLEMENTED -> UnimplementedException.class;
            case INTERNAL, DATALOSS -> InternalException.class;
            case UNAVAILABLE -> UnavailableException.class;
            case DEADLINE_EXCEEDED -> DeadlineExceededException.class;
            case CANCELED, UNKNOWN, ABORTED -> TwirpException.class;
          });
        })
        .verify(VERIFY);
  }

  @Test
  void anErrorWithoutATwirpBodyGetsTheCodeTwirpAssignsToItsHttpStatus() {
    ServerApi api = start(n -> Mono.just(new Answer(401, "text/plain", "invalid token: x".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        CALL_TIMEOUT);

    StepVerifier.create(api.roomService().listRooms())
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnauthenticatedException.class)
            .hasMessageContaining("invalid token: x"))
        .verify(VERIFY);
  }

  @Test
  void anIdempotentCallIsRetriedAfterUnavailableUntilItSucceeds() {
    ServerApi api = start(n -> Mono.just(n < 2 ? Answer.twirpError(TwirpErrorCode.UNAVAILABLE, "busy")
        : Answer.protobuf(ListRoomsResponse.newBuilder().addRooms(Room.newBuilder().setName("a")).build())), CALL_TIMEOUT);

    StepVerifier.create(api.roomService().listRooms(ListRoomsRequest.getDefaultInstance()))
        .assertNext(rooms -> assertThat(rooms.getRooms(0).getName()).isEqualTo("a"))
        .expectComplete()
        .verify(VERIFY);

    assertThat(seen).hasSize(3);
  }

  @Test
  void anIdempotentCallGivesUpWithUnavailableAfterItsRetries() {
    ServerApi api = start(n -> Mono.just(Answer.twirpError(TwirpErrorCode.UNAVAILABLE, "busy")), CALL_TIMEOUT);

    StepVerifier.create(api.roomService().listRooms())
        .expectError(UnavailableException.class)
        .verify(VERIFY);

    assertThat(seen).hasSize(3);
  }

  @Test
  void aCallThatIsNotIdempotentIsNotRetriedAfterUnavailable() {
    ServerApi api = start(n -> Mono.just(Answer.twirpError(TwirpErrorCode.UNAVAILABLE, "busy")), CALL_TIMEOUT);

    StepVerifier.create(api.roomService().sendData(SendDataRequest.newBuilder().setRoom("lobby").build()))
        .expectError(UnavailableException.class)
        .verify(VERIFY);

    assertThat(seen).hasSize(1);
  }

  @Test
  void anIdempotentCallIsNotRetriedAfterOtherErrors() {
    ServerApi api = start(n -> Mono.just(Answer.twirpError(TwirpErrorCode.INTERNAL, "boom")), CALL_TIMEOUT);

    StepVerifier.create(api.roomService().listRooms())
        .expectError(InternalException.class)
        .verify(VERIFY);

    assertThat(seen).hasSize(1);
  }

  @Test
  void aServerThatNeverAnswersEndsTheCallWithServerTimeoutExceptionAtTheTimeout() {
    ServerApi api = start(n -> Mono.never(), Duration.ofMillis(500));
    long start = System.nanoTime();

    StepVerifier.create(api.roomService().listRooms())
        .expectError(ServerTimeoutException.class)
        .verify(VERIFY);

    // Not before the timeout; how late it may come on a busy machine is bounded by VERIFY only.
    // Whichever of reactor-netty's response timeout and the Mono's timeout fires first, the
    // caller sees ServerTimeoutException (netty's ReadTimeoutException once leaked under load).
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
  }

  @Test
  void aClosedPortEndsTheCallWithServerConnectExceptionWithinTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = socket.getLocalPort();
    }
    api = ServerApi.builder("ws://127.0.0.1:" + closedPort, "devkey", "secret").timeout(Duration.ofSeconds(2)).build();

    StepVerifier.create(api.roomService().listRooms())
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ServerConnectException.class)
            .isInstanceOf(io.roomflux.RoomFluxException.class)
            .hasMessageContaining("127.0.0.1:" + closedPort))
        .verify(VERIFY);
  }

  @Test
  void closeIsIdempotentAndDisposeLaterIsLazy() {
    ServerApi api = ServerApi.builder("http://127.0.0.1:1", "devkey", "secret").build();
    Mono<Void> later = api.disposeLater();
    assertThat(api.isDisposed()).isFalse();

    StepVerifier.create(later).expectComplete().verify(VERIFY);
    api.close();
    api.close();

    assertThat(api.isDisposed()).isTrue();
  }

  @Test
  void theBuilderRejectsUnboundedTimeoutsAndNonHttpUrls() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerApi.builder("http://h:1", "k", "s").timeout(Duration.ofHours(1)));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerApi.builder("ftp://h:1", "k", "s"));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerApi.builder("http://h:1", "", "s"));
  }
}
