/**
 * Verified LiveKit webhooks: {@link io.roomflux.server.webhook.WebhookReceiver} checks a
 * webhook's signature and body hash before it parses the {@code WebhookEvent}, and serves as a
 * ready reactor-netty route.
 */
@NullMarked
package io.roomflux.server.webhook;

import org.jspecify.annotations.NullMarked;
