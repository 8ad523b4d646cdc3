package io.roomflux.spring.boot;

import io.roomflux.server.proto.WebhookEvent;
import io.roomflux.server.webhook.WebhookReceiver;
import io.roomflux.server.webhook.WebhookVerificationException;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The webhook route's handler: reads the body up to the receiver's limit, verifies it with
 * {@link WebhookReceiver}, publishes the event as a {@link LiveKitWebhookEvent} and to
 * {@link WebhookEvents}, and answers 200; a refused webhook gets the receiver's status (401 for a
 * missing or bad signature). Runs on the HTTP server's event loop; nothing blocks.
 */
final class WebhookHandler {
  private final WebhookReceiver receiver;
  private final WebhookEvents events;
  private final ApplicationEventPublisher publisher;

  WebhookHandler(WebhookReceiver receiver, WebhookEvents events, ApplicationEventPublisher publisher) {
    this.receiver = receiver;
    this.events = events;
    this.publisher = publisher;
  }

  Mono<ServerResponse> handle(ServerRequest request) {
    Optional<String> authorization = Optional.ofNullable(request.headers().firstHeader(HttpHeaders.AUTHORIZATION));
    return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), receiver.maxBodyBytes())
        .map(buffer -> {
          try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
          } finally {
            DataBufferUtils.release(buffer);
          }
        })
        .defaultIfEmpty(new byte[0])
        .map(body -> receiver.receive(body, authorization))
        .flatMap(this::publish)
        .onErrorResume(WebhookVerificationException.class,
            e -> ServerResponse.status(e.httpStatus()).bodyValue(e.reason().name()))
        .onErrorResume(DataBufferLimitException.class,
            e -> ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).build());
  }

  private Mono<ServerResponse> publish(WebhookEvent event) {
    publisher.publishEvent(new LiveKitWebhookEvent(this, event));
    events.publish(event);
    return ServerResponse.ok().build();
  }
}
