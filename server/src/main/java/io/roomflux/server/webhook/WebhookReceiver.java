package io.roomflux.server.webhook;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.roomflux.server.proto.WebhookEvent;
import io.roomflux.server.webhook.WebhookVerificationException.Reason;
import io.roomflux.token.TokenVerificationException;
import io.roomflux.token.TokenVerifier;
import io.roomflux.token.VerifiedToken;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Receives LiveKit webhooks: verifies the {@code Authorization} JWT that livekit-server signs
 * each webhook with (known API key, HS256 signature, validity window), checks that its
 * {@code sha256} claim is the base64 SHA-256 of the body, and only then parses the body, the
 * protojson of a {@link WebhookEvent}, with protobuf's own {@code JsonFormat} (ignoring fields
 * newer than our protocol).
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder("devkey", "secret").build();
 * HttpServer.create().port(8080)
 *     .route(routes -> routes.post("/livekit/webhook", receiver.handler(event -> {
 *       log.info("{} in {}", event.getEvent(), event.getRoom().getName());
 *       return Mono.empty();
 *     })))
 *     .bindNow();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #receive} computes on the calling thread and never blocks.
 */
public final class WebhookReceiver {

  /** The largest body accepted when no limit is set: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  private final TokenVerifier verifier;
  private final int maxBodyBytes;

  private WebhookReceiver(TokenVerifier verifier, int maxBodyBytes) {
    this.verifier = verifier;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Starts a receiver for webhooks signed with one API key, the {@code webhook.api_key} of the
   * server's configuration.
   *
   * @param apiKey the API key
   * @param apiSecret its secret
   * @return a new builder
   */
  public static Builder builder(String apiKey, String apiSecret) {
    return new Builder(TokenVerifier.builder().key(apiKey, apiSecret));
  }

  /**
   * Verifies and parses one webhook.
   *
   * @param body the request body, exactly as received
   * @param authorization the {@code Authorization} header (the JWT, with or without
   *     {@code Bearer }); empty if the request had none
   * @return the event
   * @throws WebhookVerificationException if the webhook is refused (see its reason)
   */
  public WebhookEvent receive(byte[] body, Optional<String> authorization) {
    if (body.length > maxBodyBytes) {
      throw new WebhookVerificationException(Reason.BODY_TOO_LARGE, body.length + " bytes, at most " + maxBodyBytes + " accepted");
    }
    String jwt = authorization.map(String::strip).filter(a -> !a.isEmpty())
        .map(a -> a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).strip() : a)
        .orElseThrow(() -> new WebhookVerificationException(Reason.MISSING_SIGNATURE, "no Authorization header"));
    VerifiedToken token;
    try {
      token = verifier.verify(jwt);
    } catch (TokenVerificationException e) {
      throw new WebhookVerificationException(Reason.BAD_SIGNATURE, e.getMessage(), e);
    }
    String claimed = token.sha256().orElseThrow(
        () -> new WebhookVerificationException(Reason.BODY_HASH_MISMATCH, "the signature has no sha256 claim"));
    String actual = Base64.getEncoder().encodeToString(sha256(body));
    if (!MessageDigest.isEqual(claimed.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8))) {
      throw new WebhookVerificationException(Reason.BODY_HASH_MISMATCH, "the body's SHA-256 is not the signed one");
    }
    WebhookEvent.Builder event = WebhookEvent.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(new String(body, StandardCharsets.UTF_8), event);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new WebhookVerificationException(Reason.MALFORMED_BODY, "not a WebhookEvent: " + e.getMessage(), e);
    }
    return event.build();
  }

  /**
   * A ready reactor-netty handler for the webhook route, for
   * {@code HttpServer.route(r -> r.post(path, receiver.handler(...)))} or
   * {@code HttpServer.handle(...)}. It reads the body (refusing it past the size limit without
   * buffering more), {@link #receive verifies} it, passes the event to {@code onEvent} and answers
   * 200 once that publisher completes. A refused webhook gets 401, 413 or 400 and never reaches
   * {@code onEvent}; an error of {@code onEvent} gets 500, so livekit-server retries.
   *
   * <p>{@code onEvent} runs on the event loop of the connection: it must not block.
   *
   * @param onEvent what to do with each verified event
   * @return the handler
   */
  public BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler(
      Function<WebhookEvent, ? extends Publisher<?>> onEvent) {
    Objects.requireNonNull(onEvent, "onEvent");
    return (request, response) -> {
      Optional<String> authorization = Optional.ofNullable(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
      Mono<byte[]> body = request.receive().asByteArray()
          .collect(ByteArrayOutputStream::new, (out, chunk) -> {
            if (out.size() + chunk.length > maxBodyBytes) {
              throw new WebhookVerificationException(Reason.BODY_TOO_LARGE, "more than " + maxBodyBytes + " bytes");
            }
            out.writeBytes(chunk);
          })
          .map(ByteArrayOutputStream::toByteArray);
      return body
          .map(bytes -> receive(bytes, authorization))
          .flatMap(event -> Mono.from(onEvent.apply(event)).then(Mono.just(HttpResponseStatus.OK)))
          .switchIfEmpty(Mono.just(HttpResponseStatus.OK))
          .onErrorResume(WebhookVerificationException.class,
              e -> Mono.just(HttpResponseStatus.valueOf(e.httpStatus())))
          .onErrorResume(e -> !(e instanceof WebhookVerificationException),
              e -> Mono.just(HttpResponseStatus.INTERNAL_SERVER_ERROR))
          .flatMap(status -> response.status(status).send().then());
    };
  }

  /**
   * Returns the largest body this receiver accepts.
   *
   * @return the limit in bytes
   */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Options of a {@link WebhookReceiver}. Not thread-safe. */
  public static final class Builder {
    private final TokenVerifier.Builder verifier;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder(TokenVerifier.Builder verifier) {
      this.verifier = verifier;
    }

    /**
     * Also accepts webhooks signed with another key, for a key rotation.
     *
     * @param apiKey the API key
     * @param apiSecret its secret
     * @return this builder
     */
    public Builder key(String apiKey, String apiSecret) {
      verifier.key(apiKey, apiSecret);
      return this;
    }

    /**
     * Sets the clock skew tolerated on the signature's validity; 60 s if not set.
     *
     * @param leeway zero or positive
     * @return this builder
     */
    public Builder leeway(Duration leeway) {
      verifier.leeway(leeway);
      return this;
    }

    /**
     * Sets the clock the signature's validity is checked against (for tests).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(java.time.Clock clock) {
      verifier.clock(clock);
      return this;
    }

    /**
     * Sets the largest body accepted; {@link #DEFAULT_MAX_BODY_BYTES} if not set.
     *
     * @param maxBodyBytes positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Builds the receiver.
     *
     * @return the immutable receiver
     */
    public WebhookReceiver build() {
      return new WebhookReceiver(verifier.build(), maxBodyBytes);
    }
  }
}
