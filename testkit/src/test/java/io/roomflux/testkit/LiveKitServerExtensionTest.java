package io.roomflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import org.junit.jupiter.api.Test;

@LiveKitIntegrationTest
class LiveKitServerExtensionTest {
  private final LiveKitDevServer injectedIntoConstructor;

  LiveKitServerExtensionTest(LiveKitDevServer server) {
    this.injectedIntoConstructor = server;
  }

  @Test
  void constructorAndMethodParametersShareOneServer(LiveKitDevServer server, LiveKitDevServer again) {
    assertThat(server).isSameAs(injectedIntoConstructor).isSameAs(again);
  }

  @Test
  void roomServiceClientTalksToTheSharedServer(RoomServiceClient rooms, RoomServiceClient again) {
    String name = "extension-" + System.nanoTime();
    rooms.createRoom(name);

    assertThat(again).isSameAs(rooms);
    assertThat(RoomServiceClient.of(injectedIntoConstructor).listRooms()).contains(name);
  }
}
