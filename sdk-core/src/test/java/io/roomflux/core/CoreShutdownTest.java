package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.proto.ConnectCallback;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.NewAudioResamplerRequest;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.ParticipantInfo;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing the client disconnects rooms that are still open (dropping a room handle alone would
 * leave the participant in the room), then disposes the core. Runs in a JVM of its own: a
 * disposed core cannot be started again in the same process.
 */
@LiveKitIntegrationTest
class CoreShutdownTest {
  private static final Duration IO = Duration.ofSeconds(20);

  @Test
  void closeLeavesOpenRoomsDisposesTheCoreAndRefusesFurtherUse(LiveKitDevServer server) throws Exception {
    FfiClient ffi = FfiClient.get();
    String roomName = "shutdown-" + UUID.randomUUID();
    ConnectCallback.Result joined = RawRooms.join(ffi, server.url().toString(),
        server.token("leaver", roomName));
    OwnedHandle room = ffi.handles().own(joined.getRoom().getHandle().getId(), HandleKind.ROOM);
    OwnedHandle local = ffi.handles().own(joined.getLocalParticipant().getHandle().getId(),
        HandleKind.PARTICIPANT);
    ffi.route(room.id(), event -> { });
    RawRooms.ready(ffi, room.id());
    try (ServerApi api = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret()).build();
        RawRooms.SilentServer silent = new RawRooms.SilentServer()) {
      assertThat(identities(api, roomName)).containsExactly("leaver");
      AsyncCall stalled = ffi.call(id -> RawRooms.connect(silent.url(), "t", Duration.ofSeconds(60), id));

      ffi.close();

      assertThat(identities(api, roomName)).doesNotContain("leaver");
      assertThatThrownBy(() -> stalled.callback().get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(FfiClosedException.class);
    }
    assertThatThrownBy(() -> ffi.request(FfiRequest.newBuilder()
            .setNewAudioResampler(NewAudioResamplerRequest.getDefaultInstance()).build()))
        .isInstanceOf(FfiClosedException.class);
    assertThatThrownBy(FfiClient::get).isInstanceOf(FfiClosedException.class);
    ffi.close();

    // Handles closed after disposal are forgotten without calling into the disposed core.
    local.close();
    room.close();
    assertThat(ffi.handles().liveCount()).isZero();
    assertThat(ffi.handles().dropFailures()).isZero();
  }

  /** Who is in the room, as the server sees it (the call blocks, on the JUnit thread). */
  private static List<String> identities(ServerApi api, String room) {
    return api.roomService().listParticipants(room).blockOptional(IO).orElseThrow()
        .getParticipantsList().stream().map(ParticipantInfo::getIdentity).toList();
  }
}
