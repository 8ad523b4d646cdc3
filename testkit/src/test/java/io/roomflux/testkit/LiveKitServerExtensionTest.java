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
  void theSharedServerIsRunningWithKeysForItsApi(LiveKitDevServer server) {
    assertThat(server.isRunning()).isTrue();
    assertThat(server.pid()).isPresent();
    assertThat(server.apiKey()).isNotBlank();
    assertThat(server.apiSecret()).isNotBlank();
  }
}
