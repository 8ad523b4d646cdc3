package io.roomflux.server.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.roomflux.Telemetry;
import io.roomflux.server.ServerConnectException;
import io.roomflux.server.ServerTimeoutException;
import io.roomflux.server.TwirpErrorCode;
import io.roomflux.server.TwirpException;
import io.roomflux.server.UnavailableException;
import io.roomflux.token.AccessToken;
import io.roomflux.token.SipGrant;
import io.roomflux.token.VideoGrant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * Twirp over reactor-netty's {@link HttpClient}: {@code POST /twirp/<service>/<method>} with a
 * protobuf body, a token minted for the call's grants (reused by calls with the same grants during
 * the first half of its TTL), a protobuf answer or a Twirp error.
 *
 * <p>Every call is a cold {@link Mono}: nothing is sent until it is subscribed, each subscription
 * sends anew, and a cancel aborts the exchange (reactor-netty releases the connection). All
 * calls share one {@link ConnectionProvider}; {@link #dispose()} releases it. Thread-safe.
 */
public final class TwirpTransport {

  /** The grants one call's token carries. */
  public record Grants(Optional<VideoGrant> video, Optional<SipGrant> sip) {
    /**
     * A token with a video grant only.
     *
     * @param video the grant
     * @return the grants
     */
    public static Grants video(VideoGrant video) {
      return new Grants(Optional.of(video), Optional.empty());
    }
  }

  /** Whether a call may be sent again after an {@code unavailable} answer. */
  public enum Idempotency {
    /** Sending it twice has the effect of sending it once: retried on {@code unavailable}. */
    IDEMPOTENT,
    /** Never retried. */
    NOT_IDEMPOTENT
  }

  private static final String PROTOBUF = "application/protobuf";
  /** Error bodies longer than this are cut in messages. */
  private static final int MAX_ERROR_TEXT = 2_000;
  /** Distinct grants whose tokens are kept for reuse; past it the cache starts over. */
  private static final int MAX_CACHED_TOKENS = 256;

  private final String baseUrl;
  private final String apiKey;
  private final String apiSecret;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final Duration tokenTtl;
  private final java.util.concurrent.ConcurrentHashMap<Grants, Minted> tokens = new java.util.concurrent.ConcurrentHashMap<>();
  private final ConnectionProvider provider;
  private final HttpClient http;
  private final Telemetry telemetry;

  /**
   * Creates the transport and its connection pool.
   *
   * @param baseUrl {@code http(s)://host:port}, no trailing slash
   * @param apiKey the API key
   * @param apiSecret the API secret
   * @param timeout the bound of one call, retries included
   * @param maxRetries how many times an idempotent call is sent again after {@code unavailable}
   * @param retryBackoff the first pause before a retry, doubled each time
   * @param tokenTtl how long each call's token is valid
   * @param maxConnections the size of the connection pool
   * @param telemetry where each call is reported as a {@code roomflux.server.call} operation
   */
  public TwirpTransport(String baseUrl, String apiKey, String apiSecret, Duration timeout, int maxRetries,
                        Duration retryBackoff, Duration tokenTtl, int maxConnections, Telemetry telemetry) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.apiSecret = apiSecret;
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.retryBackoff = retryBackoff;
    this.tokenTtl = tokenTtl;
    this.telemetry = Telemetry.guarded(telemetry);
    this.provider = ConnectionProvider.builder("roomflux-server")
        .maxConnections(maxConnections)
        .pendingAcquireTimeout(timeout)
        .maxIdleTime(Duration.ofSeconds(30))
        .build();
    this.http = HttpClient.create(provider)
        .baseUrl(baseUrl)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
        .responseTimeout(timeout);
  }

  /**
   * Calls one Twirp method.
   *
   * @param service the fully qualified service, for example {@code livekit.RoomService}
   * @param method the method, for example {@code ListRooms}
   * @param request the request message
   * @param parser the parser of the answer type
   * @param grants what the call's token grants
   * @param idempotency whether the call is retried on {@code unavailable}
   * @param <R> the answer type
   * @return a cold Mono of the answer; it signals a {@link TwirpException} subclass when the
   *     server answers with an error, {@link ServerConnectException} when the connection fails,
   *     {@link ServerTimeoutException} after the timeout
   */
  public <R extends Message> Mono<R> call(String service, String method, Message request, Parser<R> parser,
                                          Grants grants, Idempotency idempotency) {
    String route = service + "/" + method;
    Mono<R> once = Mono.defer(() -> {
      String token = mint(grants);
      byte[] body = request.toByteArray();
      return http
          .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
              .set(HttpHeaderNames.CONTENT_TYPE, PROTOBUF)
              .set(HttpHeaderNames.ACCEPT, PROTOBUF))
          .post()
          .uri("/twirp/" + route)
          .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
          .responseSingle((response, content) -> content.asByteArray()
              .defaultIfEmpty(new byte[0])
              .<R>handle((bytes, sink) -> {
                int status = response.status().code();
                if (status == 200) {
                  try {
                    sink.next(parser.parseFrom(bytes));
                  } catch (InvalidProtocolBufferException e) {
                    sink.error(TwirpException.of(TwirpErrorCode.MALFORMED,
                        "answer is not a valid " + route + " response: " + e.getMessage(), Map.of(), status, route));
                  }
                } else {
                  sink.error(decodeError(status, bytes, route));
                }
              }));
    }).onErrorMap(TwirpTransport::isNettyReadTimeout, e -> new ServerTimeoutException(
        route + " did not complete within " + timeout + " (" + baseUrl + ")"))
        .onErrorMap(e -> e instanceof IOException || isNettyConnectError(e),
            e -> new ServerConnectException(route + ": no answer from " + baseUrl + ": " + e, e));
    if (idempotency == Idempotency.IDEMPOTENT && maxRetries > 0) {
      once = once.retryWhen(Retry.backoff(maxRetries, retryBackoff)
          .filter(e -> e instanceof UnavailableException)
          .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }
    return observed(service, method, once.timeout(timeout, Mono.error(() -> new ServerTimeoutException(
        route + " did not complete within " + timeout + " (" + baseUrl + ")"))));
  }

  /**
   * Reports each subscription of a call as one {@code roomflux.server.call} operation (retries
   * included), tagged with the service's short name and the method, ended once.
   */
  private <R> Mono<R> observed(String service, String method, Mono<R> call) {
    if (telemetry == Telemetry.none()) {
      return call;
    }
    String shortService = service.substring(service.lastIndexOf('.') + 1);
    return Mono.defer(() -> {
      Telemetry.Scope scope = telemetry.start(new Telemetry.Operation("roomflux.server.call",
          shortService + "/" + method, Map.of("service", shortService, "method", method), Map.of()));
      return call.doOnSuccess(answer -> scope.success()).doOnError(scope::failure).doOnCancel(scope::cancel);
    });
  }

  // reactor-netty's responseTimeout (the same bound) may fire before the Mono's own timeout
  // when the machine is busy; it is the same timeout to the caller.
  private static boolean isNettyReadTimeout(Throwable e) {
    return e.getClass().getName().equals("io.netty.handler.timeout.ReadTimeoutException");
  }

  private static boolean isNettyConnectError(Throwable e) {
    // Netty's ConnectTimeoutException is an IOException already; channel errors wrap one.
    return e.getCause() instanceof IOException && e.getClass().getName().startsWith("io.netty.");
  }

  // A call's token: reused by later calls with the same grants while at least half of its TTL is
  // left, so a server that checks expiry against a slightly different clock still accepts it.
  // Signing an HS256 JWT per call cost about as much as the call itself on loopback.
  private String mint(Grants grants) {
    long now = System.nanoTime();
    Minted cached = tokens.get(grants);
    if (cached != null && now - cached.mintedAt() < tokenTtl.toNanos() / 2) {
      return cached.jwt();
    }
    AccessToken.Builder token = AccessToken.builder().apiKey(apiKey).apiSecret(apiSecret).ttl(tokenTtl);
    grants.video().ifPresent(token::videoGrant);
    grants.sip().ifPresent(token::sipGrant);
    String jwt = token.build().toJwt();
    if (tokens.size() >= MAX_CACHED_TOKENS) {
      tokens.clear(); // many rooms' grants: start over rather than grow without bound
    }
    tokens.put(grants, new Minted(jwt, now));
    return jwt;
  }

  private record Minted(String jwt, long mintedAt) {
  }

  /**
   * Turns an error answer into its exception: a Twirp error body ({@code code}, {@code msg},
   * {@code meta}) read with protobuf's JsonFormat into a {@link Struct}, or, when the body is not
   * one, the code Twirp assigns to the HTTP status.
   *
   * @param status the HTTP status
   * @param body the answer's body
   * @param route {@code <service>/<method>}
   * @return the exception
   */
  public static TwirpException decodeError(int status, byte[] body, String route) {
    String text = new String(body, StandardCharsets.UTF_8);
    Struct.Builder json = Struct.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(text, json);
    } catch (InvalidProtocolBufferException | RuntimeException notJson) {
      return TwirpException.of(TwirpErrorCode.fromHttpStatus(status), cut(text.strip()), Map.of(), status, route);
    }
    Value code = json.getFieldsOrDefault("code", Value.getDefaultInstance());
    if (code.getKindCase() != Value.KindCase.STRING_VALUE) {
      return TwirpException.of(TwirpErrorCode.fromHttpStatus(status), cut(text.strip()), Map.of(), status, route);
    }
    Value msg = json.getFieldsOrDefault("msg", Value.getDefaultInstance());
    Map<String, String> meta = new LinkedHashMap<>();
    json.getFieldsOrDefault("meta", Value.getDefaultInstance()).getStructValue().getFieldsMap()
        .forEach((key, value) -> meta.put(cut(key), cut(value.getKindCase() == Value.KindCase.STRING_VALUE
            ? value.getStringValue() : value.toString().strip())));
    return TwirpException.of(TwirpErrorCode.fromWireName(code.getStringValue()),
        msg.getKindCase() == Value.KindCase.STRING_VALUE ? cut(msg.getStringValue()) : "", meta, status, route);
  }

  private static String cut(String text) {
    return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
  }

  /**
   * Returns the bound of one call.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Releases the connection pool; calls made afterwards fail.
   *
   * @return a Mono that completes when the pool is closed
   */
  public Mono<Void> disposeLater() {
    return provider.disposeLater();
  }

  /**
   * Tells whether the connection pool is released.
   *
   * @return {@code true} after {@link #disposeLater()} completed or {@link #dispose()} ran
   */
  public boolean isDisposed() {
    return provider.isDisposed();
  }

  /** Releases the connection pool without waiting. */
  public void dispose() {
    provider.dispose();
  }
}
