package io.roomflux.spring.boot;

import io.roomflux.server.proto.WebhookEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The verified webhooks the webhook route received, as a hot {@link Flux}. No replay and no buffer:
 * a subscriber sees the webhooks that arrive while it is subscribed, and one that does not keep up
 * misses webhooks rather than holding the others back. Signals arrive on the HTTP server's event
 * loop. Thread-safe.
 */
public final class WebhookEvents {
  // One emission at a time: the route emits under this sink's lock, from any event-loop thread.
  private final Sinks.Many<WebhookEvent> sink = Sinks.many().multicast().directBestEffort();

  /** An empty stream (the auto-configuration creates it). */
  public WebhookEvents() {
  }

  /**
   * The webhooks as they arrive.
   *
   * @return hot, never completes while the context runs
   */
  public Flux<WebhookEvent> events() {
    return sink.asFlux();
  }

  /**
   * Emits one webhook to the current subscribers.
   *
   * @param event the verified event
   */
  public void publish(WebhookEvent event) {
    synchronized (sink) {
      sink.tryEmitNext(event);
    }
  }

  /** Completes the stream (when the context closes). */
  void complete() {
    synchronized (sink) {
      sink.tryEmitComplete();
    }
  }
}
