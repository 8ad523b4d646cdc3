package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.rpc.RpcException;
import io.roomflux.reactor.rpc.RpcInvocation;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * RPC interceptors around the callee's handlers, against the real server: the order they run in,
 * changing the invocation and the answer, refusing a call with an {@link RpcException} that the
 * caller receives, and removal.
 */
@LiveKitIntegrationTest
class RpcInterceptorTest {
  private static final Duration IO = Duration.ofSeconds(30);

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("rpc-icpt");

  @Test
  void interceptorsRunOutermostFirstAroundEveryHandlerAndCanChangeRefuseOrBeRemoved() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    List<String> seen = new CopyOnWriteArrayList<>();
    bob.localParticipant().registerRpcMethod("echo", invocation -> {
      seen.add("handler " + invocation.payload());
      return Mono.just(invocation.payload());
    });
    Disposable logging = bob.localParticipant().addRpcInterceptor((invocation, next) -> {
      seen.add("log " + invocation.method() + " from " + invocation.callerIdentity());
      return next.apply(invocation).map(answer -> "[" + answer + "]");
    });
    bob.localParticipant().addRpcInterceptor((invocation, next) -> {
      if (invocation.payload().equals("forbidden")) {
        return Mono.error(new RpcException(2001, "not for " + invocation.callerIdentity()));
      }
      return next.apply(new RpcInvocation(invocation.requestId(), invocation.callerIdentity(), invocation.method(),
          invocation.payload().toUpperCase(java.util.Locale.ROOT), invocation.responseTimeout()));
    });

    StepVerifier.create(alice.localParticipant().performRpc("bob", "echo", "hi", IO))
        .expectNext("[HI]").expectComplete().verify(IO);
    assertThat(seen).containsExactly("log echo from alice", "handler HI");

    StepVerifier.create(alice.localParticipant().performRpc("bob", "echo", "forbidden", IO))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class, rpc -> {
          assertThat(rpc.code()).isEqualTo(2001);
          assertThat(rpc.getMessage()).contains("not for alice");
        }))
        .verify(IO);
    assertThat(seen).as("refused before the handler").doesNotContain("handler forbidden");

    logging.dispose();
    seen.clear();
    StepVerifier.create(alice.localParticipant().performRpc("bob", "echo", "again", IO))
        .expectNext("AGAIN").expectComplete().verify(IO);
    assertThat(seen).containsExactly("handler AGAIN");
  }
}
