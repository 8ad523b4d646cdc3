package io.roomflux.core;

import io.roomflux.RoomFluxException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewAudioResamplerRequest;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real panic of the core, provoked the way a careless binding would: join a room and never
 * send ReadyForRoomEventRequest. The core then closes the room and raises a panic event. Runs in
 * a JVM of its own (see the surefire executions in pom.xml): afterwards the core refuses work.
 */
@LiveKitIntegrationTest
class CorePanicTest {

  @Test
  void aPanicFailsPendingCallsAndRoutesAndLaterRequestsButTheJvmLivesOn(LiveKitDevServer server)
      throws Exception {
    FfiClient ffi = FfiClient.get();
    try (RawRooms.SilentServer silent = new RawRooms.SilentServer()) {
      // A call that stays pending for a minute: its connect never gets an answer.
      AsyncCall stalled = ffi.call(id -> RawRooms.connect(silent.url(), "not-a-real-token",
          Duration.ofSeconds(60), id));

      ConnectCallback.Result joined = RawRooms.join(ffi, server.url().toString(),
          server.token("never-ready", "panic-" + UUID.randomUUID()));
      OwnedHandle room = ffi.handles().own(joined.getRoom().getHandle().getId(), HandleKind.ROOM);
      OwnedHandle local = ffi.handles().own(joined.getLocalParticipant().getHandle().getId(),
          HandleKind.PARTICIPANT);
      CompletableFuture<RoomFluxException> routeEnd = new CompletableFuture<>();
      ffi.route(room.id(), new FfiEventListener() {
        @Override
        public void onEvent(FfiEvent event) {
        }

        @Override
        public void onTerminated(RoomFluxException error) {
          routeEnd.complete(error);
        }
      });
      // ...and no ReadyForRoomEventRequest: the core's ready timeout (15 s) ends in a panic.

      assertThatThrownBy(() -> stalled.callback().get(45, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(FfiPanicException.class)
          .hasMessageContaining("ReadyForRoomEventRequest");
      assertThat(routeEnd.get(5, TimeUnit.SECONDS)).isInstanceOf(FfiPanicException.class);
      assertThat(ffi.failure()).containsInstanceOf(FfiPanicException.class);
      assertThat(ffi.pendingCalls()).isZero();
      assertThatThrownBy(() -> ffi.request(FfiRequest.newBuilder()
              .setNewAudioResampler(NewAudioResamplerRequest.getDefaultInstance()).build()))
          .isInstanceOf(FfiPanicException.class);
      assertThatThrownBy(() -> ffi.call(id -> RawRooms.connect(server.url().toString(), "t",
              Duration.ofSeconds(1), id)))
          .isInstanceOf(FfiPanicException.class);

      // Our handles still drop exactly once; the JVM is alive to assert it.
      local.close();
      room.close();
      assertThat(ffi.handles().liveCount()).isZero();
      assertThat(Runtime.getRuntime().availableProcessors()).isPositive();
    }
  }
}
