package io.roomflux.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.agents.AgentWorker;
import io.roomflux.reactor.LiveKit;
import io.roomflux.server.ServerApi;
import io.roomflux.spring.boot.RoomFluxHealthIndicator;
import io.roomflux.spring.boot.TokenIssuer;
import io.roomflux.spring.boot.WebhookEvents;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.netty.http.client.HttpClient;

/**
 * An application with nothing but the starter and the three properties: Spring Boot finds the
 * auto-configurations through their imports file and every feature is on, the webhook route
 * answering on the application's real port.
 */
class StarterTest {

  @Test
  void theStarterAndThreePropertiesGiveEveryFeatureAndALiveWebhookRoute() {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
        .properties("server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
            "roomflux.url=ws://127.0.0.1:9", "roomflux.api-key=devkey", "roomflux.api-secret=secret")
        .run()) {
      assertThat(app.getBeansOfType(LiveKit.class)).hasSize(1);
      assertThat(app.getBeansOfType(TokenIssuer.class)).hasSize(1);
      assertThat(app.getBeansOfType(ServerApi.class)).hasSize(1);
      assertThat(app.getBeansOfType(WebhookEvents.class)).hasSize(1);
      assertThat(app.getBeansOfType(RoomFluxHealthIndicator.class)).hasSize(1);
      assertThat(app.getBeansOfType(AgentWorker.class)).as("no AgentJobHandler bean, no worker").isEmpty();

      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      Integer status = HttpClient.create().post().uri("http://127.0.0.1:" + port + "/livekit/webhook")
          .response().map(response -> response.status().code()).block(Duration.ofSeconds(10));
      assertThat(status).as("an unsigned webhook").isEqualTo(401);
    }
  }

  /** An application of its own, with no configuration but Spring Boot's. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {
  }
}
