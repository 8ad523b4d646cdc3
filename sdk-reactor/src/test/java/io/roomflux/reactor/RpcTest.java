package io.roomflux.reactor;

import io.roomflux.reactor.rpc.RpcException;
import io.roomflux.reactor.rpc.RpcInvocation;
import io.roomflux.reactor.rpc.RpcRegistration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * RPC between two participants of one room, against a real livekit-server and the real core:
 * alice calls, bob registers the methods.
 */
@LiveKitIntegrationTest
class RpcTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final String DISPATCHER = "roomflux-ffi-dispatch";

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("rpc");

  private static void expectRpcError(Mono<String> call, int code) {
    StepVerifier.create(call)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class,
            rpc -> assertThat(rpc.code()).isEqualTo(code)))
        .verify(IO);
  }

  @Test
  void aCallReachesTheHandlerOffTheDispatcherThreadAndReturnsItsAnswer() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    AtomicReference<String> handlerThread = new AtomicReference<>();
    AtomicReference<RpcInvocation> seen = new AtomicReference<>();
    bob.localParticipant().registerRpcMethod("echo", invocation -> {
      handlerThread.set(Thread.currentThread().getName());
      seen.set(invocation);
      return Mono.just(invocation.payload());
    });

    StepVerifier.create(alice.localParticipant().performRpc("bob", "echo", "hello \u2603", Duration.ofSeconds(10)))
        .expectNext("hello \u2603")
        .expectComplete()
        .verify(IO);

    assertThat(handlerThread.get()).isNotNull().isNotEqualTo(DISPATCHER);
    assertThat(seen.get().callerIdentity()).isEqualTo("alice");
    assertThat(seen.get().method()).isEqualTo("echo");
    assertThat(seen.get().payload()).isEqualTo("hello \u2603");
    assertThat(seen.get().requestId()).isNotEmpty();
    assertThat(seen.get().responseTimeout()).isPositive();
  }

  @Test
  void anEmptyAnswerArrivesAsAnEmptyString() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    bob.localParticipant().registerRpcMethod("nothing", invocation -> Mono.empty());

    StepVerifier.create(alice.localParticipant().performRpc("bob", "nothing", "", Duration.ofSeconds(10)))
        .expectNext("")
        .expectComplete()
        .verify(IO);
  }

  @Test
  void anRpcExceptionFromTheHandlerReachesTheCallerWithItsCodeMessageAndData() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    bob.localParticipant().registerRpcMethod("refuse", invocation -> {
      throw new RpcException(2000, "not today", "{\"retryAfter\":5}");
    });

    StepVerifier.create(alice.localParticipant().performRpc("bob", "refuse", "{}", Duration.ofSeconds(10)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class, rpc -> {
          assertThat(rpc.code()).isEqualTo(2000);
          assertThat(rpc.message()).isEqualTo("not today");
          assertThat(rpc.data()).contains("{\"retryAfter\":5}");
        }))
        .verify(IO);
  }

  @Test
  void anyOtherHandlerFailureReachesTheCallerAsAGenericApplicationErrorWithoutItsInternals() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    bob.localParticipant().registerRpcMethod("broken",
        invocation -> Mono.error(new IllegalStateException("handler is broken")));

    StepVerifier.create(alice.localParticipant().performRpc("bob", "broken", "{}", Duration.ofSeconds(10)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class, rpc -> {
          assertThat(rpc.code()).isEqualTo(RpcException.APPLICATION_ERROR);
          assertThat(rpc.message()).isEqualTo("Application error in method handler")
              .doesNotContain("handler is broken");
          assertThat(rpc.data()).isEmpty();
        }))
        .verify(IO);
  }

  @Test
  void aMethodNobodyRegisteredFailsWithUnsupportedMethod() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    bob.localParticipant().registerRpcMethod("echo", invocation -> Mono.just(invocation.payload()));

    // The callee's core answers by itself (our route never sees the call), with LiveKit's code.
    StepVerifier.create(alice.localParticipant().performRpc("bob", "nope", "{}", Duration.ofSeconds(10)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class, rpc -> {
          assertThat(rpc.code()).isEqualTo(RpcException.UNSUPPORTED_METHOD).isEqualTo(1400);
          assertThat(rpc.message()).isEqualTo("Method not supported at destination");
        }))
        .verify(IO);
  }

  @Test
  void aCallToAnIdentityNotInTheRoomFailsWithConnectionTimeoutNamingTheMethodAndTheDestination() {
    Room alice = rooms.join("alice");

    // livekit-ffi 0.13.2 answers 1501 (not 1401) after about 7 s of waiting for an acknowledgement.
    StepVerifier.create(alice.localParticipant().performRpc("nobody", "greet", "{}", Duration.ofSeconds(10)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class, rpc -> {
          assertThat(rpc.code()).isEqualTo(RpcException.CONNECTION_TIMEOUT);
          assertThat(rpc.message()).isEqualTo("Connection timeout");
          assertThat(rpc.calledMethod()).contains("greet");
          assertThat(rpc.destinationIdentity()).contains("nobody");
          assertThat(rpc.getMessage()).isEqualTo(
              "RPC \"greet\" to \"nobody\" failed: 1501 Connection timeout (is \"nobody\" in the room?)");
        }))
        .verify(IO);
  }

  @Test
  void aCallWithASmallRoundTripAllowanceToAnIdentityNotInTheRoomFailsWithConnectionTimeout() {
    Room alice = rooms.join("alice");

    StepVerifier.create(alice.localParticipant()
            .performRpc("nobody", "greet", "{}", Duration.ofSeconds(20), Duration.ofSeconds(1)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class,
            rpc -> assertThat(rpc.code()).isEqualTo(RpcException.CONNECTION_TIMEOUT)))
        .verify(IO);
  }

  @Test
  void everyRpcErrorTheCallerGetsNamesTheMethodAndTheDestinationAndKeepsItsCode() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    bob.localParticipant().registerRpcMethod("refuse", invocation -> Mono.error(new RpcException(4000, "not today")));

    StepVerifier.create(alice.localParticipant().performRpc("bob", "refuse", "{}", Duration.ofSeconds(10)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class, rpc -> {
          assertThat(rpc.code()).isEqualTo(4000);
          assertThat(rpc.getMessage()).isEqualTo("RPC \"refuse\" to \"bob\" failed: 4000 not today");
        }))
        .verify(IO);
    StepVerifier.create(alice.localParticipant().performRpc("bob", "nope", "{}", Duration.ofSeconds(10)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class, rpc -> {
          assertThat(rpc.code()).isEqualTo(RpcException.UNSUPPORTED_METHOD);
          assertThat(rpc.getMessage()).startsWith("RPC \"nope\" to \"bob\" failed: 1400 ")
              .contains("\"bob\" has no handler registered for \"nope\"");
        }))
        .verify(IO);
    // Refused before anything is sent: named all the same.
    StepVerifier.create(alice.localParticipant().performRpc("bob", "refuse", "x".repeat(15_361), Duration.ofSeconds(10)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class, rpc -> {
          assertThat(rpc.code()).isEqualTo(RpcException.REQUEST_PAYLOAD_TOO_LARGE);
          assertThat(rpc.getMessage()).startsWith("RPC \"refuse\" to \"bob\" failed: 1402 ");
        }))
        .verify(IO);
  }

  @Test
  void aHandlerThatDoesNotAnswerInTimeMakesTheCallerFailWithResponseTimeoutAndIsCancelled() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    Sinks.Empty<Void> cancelled = Sinks.empty();
    AtomicReference<RpcInvocation> seen = new AtomicReference<>();
    bob.localParticipant().registerRpcMethod("slow", invocation -> {
      seen.set(invocation);
      return Mono.<String>never().doOnCancel(cancelled::tryEmitEmpty);
    });

    StepVerifier.create(alice.localParticipant().performRpc("bob", "slow", "{}", Duration.ofSeconds(1)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class,
            rpc -> assertThat(rpc.code()).isEqualTo(RpcException.RESPONSE_TIMEOUT)))
        .verify(IO);
    // Bob's side gave up too (and answered the core once), at the invocation's own timeout, which
    // the core reports as the caller's 1 s. That late answer is logged by alice's core as a
    // "response received for unexpected RPC request".
    StepVerifier.create(cancelled.asMono()).expectComplete().verify(IO);
    assertThat(seen.get().responseTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anOversizedRequestFailsWithRequestPayloadTooLargeWithoutBeingSent() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    AtomicInteger calls = new AtomicInteger();
    bob.localParticipant().registerRpcMethod("count", invocation -> Mono.just("#" + calls.incrementAndGet()));

    expectRpcError(alice.localParticipant().performRpc("bob", "count", "x".repeat(15_361), Duration.ofSeconds(10)),
        RpcException.REQUEST_PAYLOAD_TOO_LARGE);
    // The limit counts UTF-8 bytes: 5 121 snowmen are 15 363 bytes.
    expectRpcError(alice.localParticipant().performRpc("bob", "count", "\u2603".repeat(5_121), Duration.ofSeconds(10)),
        RpcException.REQUEST_PAYLOAD_TOO_LARGE);
    // Exactly at the limit is fine, and it is the first call bob ever saw.
    StepVerifier.create(alice.localParticipant().performRpc("bob", "count", "x".repeat(15_360), Duration.ofSeconds(10)))
        .expectNext("#1")
        .expectComplete()
        .verify(IO);
    assertThat(calls).hasValue(1);
  }

  @Test
  void anOversizedAnswerReachesTheCallerAsResponsePayloadTooLarge() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    bob.localParticipant().registerRpcMethod("big", invocation -> Mono.just("y".repeat(15_361)));

    expectRpcError(alice.localParticipant().performRpc("bob", "big", "{}", Duration.ofSeconds(10)),
        RpcException.RESPONSE_PAYLOAD_TOO_LARGE);
  }

  @Test
  void aDisposedRegistrationStopsAcceptingCallsAndTheMethodCanBeRegisteredAgain() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    RpcRegistration registration =
        bob.localParticipant().registerRpcMethod("echo", invocation -> Mono.just(invocation.payload()));
    StepVerifier.create(alice.localParticipant().performRpc("bob", "echo", "1", Duration.ofSeconds(10)))
        .expectNext("1").expectComplete().verify(IO);

    registration.dispose();
    registration.dispose();

    assertThat(registration.isDisposed()).isTrue();
    expectRpcError(alice.localParticipant().performRpc("bob", "echo", "2", Duration.ofSeconds(10)),
        RpcException.UNSUPPORTED_METHOD);

    bob.localParticipant().registerRpcMethod("echo", invocation -> Mono.just("again " + invocation.payload()));
    StepVerifier.create(alice.localParticipant().performRpc("bob", "echo", "3", Duration.ofSeconds(10)))
        .expectNext("again 3").expectComplete().verify(IO);
  }

  @Test
  void aMethodCannotBeRegisteredTwice() {
    Room bob = rooms.join("bob");
    bob.localParticipant().registerRpcMethod("echo", invocation -> Mono.just(invocation.payload()));

    assertThatThrownBy(() -> bob.localParticipant().registerRpcMethod("echo", invocation -> Mono.just("other")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("echo");
  }

  @Test
  void callsAndRegistrationsAfterDisconnectFailWithRoomClosedException() {
    Room alice = rooms.join("alice");
    RpcRegistration registration =
        alice.localParticipant().registerRpcMethod("echo", invocation -> Mono.just(invocation.payload()));
    alice.disconnect().block(IO);

    assertThat(registration.isDisposed()).isTrue();
    registration.dispose();
    StepVerifier.create(alice.localParticipant().performRpc("bob", "echo", "{}", Duration.ofSeconds(10)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RoomClosedException.class)
            .hasMessageStartingWith("RPC \"echo\" to \"bob\" refused: "))
        .verify(IO);
    assertThatThrownBy(() -> alice.localParticipant().registerRpcMethod("other", invocation -> Mono.just("")))
        .isInstanceOf(RoomClosedException.class);
  }

  @Test
  void aCallWhoseCallerDisconnectsBeforeTheAnswerFailsWithRoomClosedExceptionNamingTheCall() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    Sinks.Empty<Void> started = Sinks.empty();
    bob.localParticipant().registerRpcMethod("slow", invocation -> Mono.<String>never()
        .doOnSubscribe(s -> started.tryEmitEmpty()));
    List<Throwable> failures = new CopyOnWriteArrayList<>();

    StepVerifier.create(alice.localParticipant().performRpc("bob", "slow", "{}", Duration.ofSeconds(20)))
        .then(() -> {
          started.asMono().block(IO);
          alice.disconnect().block(IO);
        })
        .expectErrorSatisfies(failures::add)
        .verify(IO);

    // The caller's own core fails its pending calls with 1503 when its room disconnects; if the
    // room's close gets there first, the call fails as interrupted. Both name the call.
    assertThat(failures).singleElement().satisfiesAnyOf(
        e -> assertThat(e).isInstanceOf(RoomClosedException.class)
            .hasMessageStartingWith("RPC \"slow\" to \"bob\" interrupted: "),
        e -> assertThat(e).isInstanceOfSatisfying(RpcException.class,
            rpc -> assertThat(rpc.code()).isEqualTo(RpcException.RECIPIENT_DISCONNECTED))
            .hasMessage("RPC \"slow\" to \"bob\" failed: 1503 Recipient disconnected"));
  }

  @Test
  void disconnectingCancelsRunningHandlersAndAnswersTheirCallersWithRecipientDisconnected() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    Sinks.Empty<Void> started = Sinks.empty();
    Sinks.Empty<Void> cancelled = Sinks.empty();
    bob.localParticipant().registerRpcMethod("slow", invocation -> Mono.<String>never()
        .doOnSubscribe(s -> started.tryEmitEmpty())
        .doOnCancel(cancelled::tryEmitEmpty));
    List<Throwable> failures = new CopyOnWriteArrayList<>();

    StepVerifier.create(alice.localParticipant().performRpc("bob", "slow", "{}", Duration.ofSeconds(3)))
        .then(() -> {
          started.asMono().block(IO);
          bob.disconnect().block(IO);
        })
        .expectErrorSatisfies(failures::add)
        .verify(IO);

    StepVerifier.create(cancelled.asMono()).expectComplete().verify(IO);
    // Bob answers RECIPIENT_DISCONNECTED before he leaves, but the core sends that answer over the
    // data channel that the disconnect then closes: when the answer is cut off, alice's own
    // response timeout is what she sees. Never anything else, and never a hang.
    assertThat(failures).singleElement().isInstanceOfSatisfying(RpcException.class,
        rpc -> assertThat(rpc.code()).isIn(RpcException.RECIPIENT_DISCONNECTED, RpcException.RESPONSE_TIMEOUT));
  }
}
