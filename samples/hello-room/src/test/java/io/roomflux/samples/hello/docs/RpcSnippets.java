package io.roomflux.samples.hello.docs;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.rpc.RpcException;
import io.roomflux.reactor.rpc.RpcRegistration;
import java.time.Duration;
import java.util.Locale;
import reactor.core.publisher.Mono;

/** The code that docs/rpc.md shows, between {@code tag::NAME[]} markers. */
final class RpcSnippets {
  private RpcSnippets() {}

  /** Bob accepts calls of {@code greet}. */
  static RpcRegistration register(Room bob) {
    // tag::register[]
    RpcRegistration greet = bob.localParticipant().registerRpcMethod("greet", invocation ->
        Mono.just("hello, " + invocation.callerIdentity() + "; you sent " + invocation.payload()));
    // end::register[]
    return greet;
  }

  /** Alice calls bob's {@code greet}. */
  static Mono<String> call(Room alice) {
    // tag::call[]
    Mono<String> answer = alice.localParticipant()
        .performRpc("bob", "greet", "{\"mood\":\"sunny\"}", Duration.ofSeconds(5));
    // end::call[]
    return answer;
  }

  /** Bob refuses calls of {@code transfer} with a code of the application's own. */
  static RpcRegistration refuse(Room bob) {
    // tag::refuse[]
    RpcRegistration transfer = bob.localParticipant().registerRpcMethod("transfer", invocation ->
        invocation.payload().isBlank()
            ? Mono.error(new RpcException(4000, "empty transfer", "{\"field\":\"amount\"}"))
            : Mono.just("ok"));
    // end::refuse[]
    return transfer;
  }

  /** Alice tells the errors apart. */
  static Mono<String> callAndHandle(Room alice) {
    // tag::errors[]
    Mono<String> outcome = alice.localParticipant().performRpc("bob", "transfer", "")
        .onErrorResume(RpcException.class, e -> Mono.just(switch (e.code()) {
          case RpcException.UNSUPPORTED_METHOD -> "bob does not offer transfer";
          case RpcException.CONNECTION_TIMEOUT -> "bob did not acknowledge: is he in the room?";
          case RpcException.RESPONSE_TIMEOUT -> "bob did not answer in time";
          case 4000 -> "refused: " + e.message() + " " + e.data().orElse("");
          default -> "failed: " + e.getMessage();
        }));
    // end::errors[]
    return outcome;
  }

  /** A handler that answers later, and the end of its registration. */
  static RpcRegistration registerAndDispose(Room bob) {
    // tag::dispose[]
    RpcRegistration shout = bob.localParticipant().registerRpcMethod("shout", invocation ->
        Mono.delay(Duration.ofMillis(100)).map(tick -> invocation.payload().toUpperCase(Locale.ROOT)));
    // ... and once bob no longer takes calls of "shout" (callers then get UNSUPPORTED_METHOD):
    shout.dispose();
    // end::dispose[]
    return shout;
  }
}
