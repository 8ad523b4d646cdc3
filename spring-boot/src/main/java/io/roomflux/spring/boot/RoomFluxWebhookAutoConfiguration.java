package io.roomflux.spring.boot;

import io.roomflux.server.webhook.WebhookReceiver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The webhook route, in a reactive web application with roomflux-server and Spring WebFlux on the
 * class path, unless {@code roomflux.webhook.enabled=false}: {@code POST roomflux.webhook.path}
 * verified with a {@link WebhookReceiver} for the configured key and secret, each event published
 * as a {@link LiveKitWebhookEvent} and through the {@link WebhookEvents} bean.
 */
@AutoConfiguration(after = RoomFluxAutoConfiguration.class)
@ConditionalOnClass({WebhookReceiver.class, RouterFunction.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(prefix = "roomflux.webhook", name = "enabled", havingValue = "true", matchIfMissing = true)
public class RoomFluxWebhookAutoConfiguration {

  /** Created by Spring Boot. */
  public RoomFluxWebhookAutoConfiguration() {
  }

  /**
   * Verifies webhooks signed with the configured key and secret.
   *
   * @param details the credentials
   * @return the receiver
   */
  @Bean
  @ConditionalOnMissingBean
  public WebhookReceiver roomFluxWebhookReceiver(LiveKitConnectionDetails details) {
    return WebhookReceiver.builder(details.apiKey(), details.apiSecret()).build();
  }

  /**
   * The received webhooks as a {@code Flux}; completed when the context closes.
   *
   * @return the stream
   */
  @Bean(destroyMethod = "complete")
  @ConditionalOnMissingBean
  public WebhookEvents roomFluxWebhookEvents() {
    return new WebhookEvents();
  }

  /**
   * {@code POST roomflux.webhook.path}.
   *
   * @param properties the properties
   * @param receiver the receiver
   * @param events the stream
   * @param publisher where the application events go
   * @return the route
   */
  @Bean
  @ConditionalOnMissingBean(name = "roomFluxWebhookRoute")
  public RouterFunction<ServerResponse> roomFluxWebhookRoute(RoomFluxProperties properties, WebhookReceiver receiver,
                                                             WebhookEvents events, ApplicationEventPublisher publisher) {
    String path = properties.getWebhook().getPath();
    PropertyChecks.check(path.startsWith("/"), "roomflux.webhook.path", "must start with '/': '" + path + "'",
        "Set roomflux.webhook.path to a path such as /livekit/webhook.");
    WebhookHandler handler = new WebhookHandler(receiver, events, publisher);
    return RouterFunctions.route(RequestPredicates.POST(path), handler::handle);
  }
}
