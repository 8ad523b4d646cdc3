package io.roomflux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.server.proto.WebhookEvent;
import io.roomflux.token.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.test.StepVerifier;

/**
 * The webhook route at {@code roomflux.webhook.path}: refused webhooks get 401 and reach no
 * listener; the route is where the property says. (Accepted webhooks, signed by a real
 * livekit-server, are in {@code SpringAppAgainstRestartingServerIntegrationTest}.)
 */
class WebhookRouteTest {
  private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RoomFluxAutoConfiguration.class, RoomFluxWebhookAutoConfiguration.class))
      .withUserConfiguration(Listener.class)
      .withPropertyValues("roomflux.url=ws://127.0.0.1:9", "roomflux.api-key=devkey", "roomflux.api-secret=the-right-secret-0123456789",
          "roomflux.webhook.path=/hooks/livekit");

  @Test
  void aWebhookWithoutOrWithABadSignatureGets401AndReachesNoListener() {
    runner.run(context -> {
      @SuppressWarnings("unchecked")
      RouterFunction<ServerResponse> route = (RouterFunction<ServerResponse>) context.getBean("roomFluxWebhookRoute");
      WebTestClient client = WebTestClient.bindToRouterFunction(route).build();
      String body = "{\"event\":\"room_started\",\"room\":{\"name\":\"r\"}}";
      String forged = AccessToken.builder().apiKey("devkey").apiSecret("a-wrong-secret-0123456789")
          .ttl(Duration.ofMinutes(5)).build().toJwt();

      StepVerifier.create(context.getBean(WebhookEvents.class).events().take(Duration.ofMillis(500)))
          .then(() -> {
            client.post().uri("/hooks/livekit").bodyValue(body).exchange()
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo("MISSING_SIGNATURE");
            client.post().uri("/hooks/livekit").header("Authorization", "Bearer " + forged).bodyValue(body).exchange()
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo("BAD_SIGNATURE");
            client.post().uri("/livekit/webhook").bodyValue(body).exchange().expectStatus().isNotFound();
          })
          .expectComplete()
          .verify(Duration.ofSeconds(10));
      assertThat(context.getBean(Listener.class).received).isEmpty();
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class Listener {
    final List<WebhookEvent> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(LiveKitWebhookEvent event) {
      received.add(event.event());
    }
  }
}
