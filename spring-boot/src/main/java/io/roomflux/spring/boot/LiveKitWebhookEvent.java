package io.roomflux.spring.boot;

import io.roomflux.server.proto.WebhookEvent;
import org.springframework.context.ApplicationEvent;

/**
 * A verified webhook from livekit-server, published to the application's listeners
 * ({@code @EventListener}) by the webhook route. Listeners run on the HTTP server's event loop
 * unless they are asynchronous: they must not block. Immutable.
 */
public class LiveKitWebhookEvent extends ApplicationEvent {
  private static final long serialVersionUID = 1L;

  private final transient WebhookEvent event;

  /**
   * An application event carrying a webhook.
   *
   * @param source the object that published it
   * @param event the verified webhook
   */
  public LiveKitWebhookEvent(Object source, WebhookEvent event) {
    super(source);
    this.event = event;
  }

  /**
   * The webhook.
   *
   * @return the verified event, for example {@code room_started} in {@code getEvent()}
   */
  public WebhookEvent event() {
    return event;
  }
}
