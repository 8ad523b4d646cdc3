package io.roomflux.server;

import io.roomflux.Telemetry;
import io.roomflux.server.internal.TwirpTransport;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The entry point of RoomFlux's LiveKit server API: one connection pool and the Twirp clients
 * that share it.
 *
 * <pre>{@code
 * try (ServerApi api = ServerApi.builder("http://127.0.0.1:7880", "devkey", "secret")
 *     .timeout(Duration.ofSeconds(5))
 *     .build()) {
 *   Room room = api.roomService()
 *       .createRoom(CreateRoomRequest.newBuilder().setName("lobby").build())
 *       .block();
 * }
 * }</pre>
 *
 * <p>Every call of every client is a cold {@code Mono}: nothing is sent before it is subscribed,
 * each subscription sends anew with a freshly minted, short-lived token carrying exactly the
 * grant the method needs, and the call ends within {@link Builder#timeout} (retries included)
 * with the answer or an error under {@link io.roomflux.RoomFluxException}. Answers are delivered
 * on reactor-netty's event loop threads: do not block in operators placed after them.
 *
 * <p>Thread-safe. {@link #close()} (or {@link #dispose()}, or {@link #disposeLater()}) releases
 * the connection pool; it is idempotent, and calls made afterwards fail.
 */
public final class ServerApi implements AutoCloseable, Disposable {

  /** The call timeout when none is set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** The longest timeout {@link Builder#timeout} accepts: every call is bounded. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  private final TwirpTransport transport;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final RoomServiceClient roomService;
  private final AgentDispatchClient agentDispatch;
  private final EgressClient egress;
  private final IngressClient ingress;
  private final SipClient sip;

  private ServerApi(Builder builder) {
    this.transport = new TwirpTransport(builder.baseUrl, builder.apiKey, builder.apiSecret, builder.timeout,
        builder.maxRetries, builder.retryBackoff, builder.tokenTtl, builder.maxConnections, builder.telemetry);
    this.roomService = new RoomServiceClient(transport);
    this.agentDispatch = new AgentDispatchClient(transport);
    this.egress = new EgressClient(transport);
    this.ingress = new IngressClient(transport);
    this.sip = new SipClient(transport);
  }

  /**
   * Starts the options of a server API.
   *
   * @param url the LiveKit server, {@code http(s)://host:port}; {@code ws(s)://} URLs as clients
   *     use them are accepted and mean the same host over HTTP(S)
   * @param apiKey the API key
   * @param apiSecret the API secret, which signs each call's token and never leaves this JVM
   * @return a new builder
   * @throws IllegalArgumentException if the URL is not an absolute http, https, ws or wss URL,
   *     or the key or secret is empty
   */
  public static Builder builder(String url, String apiKey, String apiSecret) {
    return new Builder(url, apiKey, apiSecret);
  }

  /**
   * Returns the client of {@code livekit.RoomService}: rooms and their participants.
   *
   * @return the client, sharing this API's connection pool
   */
  public RoomServiceClient roomService() {
    return roomService;
  }

  /**
   * Returns the client of {@code livekit.AgentDispatchService}.
   *
   * @return the client, sharing this API's connection pool
   */
  public AgentDispatchClient agentDispatch() {
    return agentDispatch;
  }

  /**
   * Returns the client of {@code livekit.Egress}.
   *
   * @return the client, sharing this API's connection pool
   */
  public EgressClient egress() {
    return egress;
  }

  /**
   * Returns the client of {@code livekit.Ingress}.
   *
   * @return the client, sharing this API's connection pool
   */
  public IngressClient ingress() {
    return ingress;
  }

  /**
   * Returns the client of {@code livekit.SIP}.
   *
   * @return the client, sharing this API's connection pool
   */
  public SipClient sip() {
    return sip;
  }

  /**
   * Returns the bound of every call.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return transport.timeout();
  }

  /**
   * Releases the connection pool, lazily: nothing happens before subscription; the first
   * subscription closes it, later ones complete at once.
   *
   * @return a Mono that completes when the pool is closed
   */
  public Mono<Void> disposeLater() {
    return Mono.defer(() -> closed.compareAndSet(false, true) ? transport.disposeLater() : Mono.empty());
  }

  /** Releases the connection pool without waiting for open connections to close. Idempotent. */
  @Override
  public void dispose() {
    if (closed.compareAndSet(false, true)) {
      transport.dispose();
    }
  }

  /**
   * Tells whether this API was closed.
   *
   * @return {@code true} once {@link #close()}, {@link #dispose()} or {@link #disposeLater()} ran
   */
  @Override
  public boolean isDisposed() {
    return closed.get();
  }

  /** The same as {@link #dispose()}: releases the connection pool. Never throws. */
  @Override
  public void close() {
    dispose();
  }

  /** Options of a {@link ServerApi}. Not thread-safe; use it from one thread. */
  public static final class Builder {
    private final String baseUrl;
    private final String apiKey;
    private final String apiSecret;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxRetries = 2;
    private Duration retryBackoff = Duration.ofMillis(100);
    private Duration tokenTtl = Duration.ofMinutes(10);
    private int maxConnections = 16;
    private Telemetry telemetry = Telemetry.none();

    private Builder(String url, String apiKey, String apiSecret) {
      this.baseUrl = httpBase(url);
      if (apiKey.isEmpty() || apiSecret.isEmpty()) {
        throw new IllegalArgumentException("apiKey and apiSecret must not be empty");
      }
      this.apiKey = apiKey;
      this.apiSecret = apiSecret;
    }

    /**
     * Bounds every call, retries included; {@link ServerApi#DEFAULT_TIMEOUT} if not set. A call
     * that has no answer by then signals {@link ServerTimeoutException}; connecting is bounded
     * by the same time.
     *
     * @param timeout positive, at most {@link ServerApi#MAX_TIMEOUT}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException("timeout must be positive and at most " + MAX_TIMEOUT + ", was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how often an idempotent call (a read, or a call that sets state to a given value) is
     * sent again after the server answered {@code unavailable}, with exponential backoff from
     * {@code firstBackoff}; 2 and 100 ms if not set. Other calls and other errors are never
     * retried.
     *
     * @param maxRetries 0 to 10; 0 turns retries off
     * @param firstBackoff the pause before the first retry, positive
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder retries(int maxRetries, Duration firstBackoff) {
      if (maxRetries < 0 || maxRetries > 10 || firstBackoff.isNegative() || firstBackoff.isZero()) {
        throw new IllegalArgumentException("retries must be 0..10 with a positive backoff");
      }
      this.maxRetries = maxRetries;
      this.retryBackoff = firstBackoff;
      return this;
    }

    /**
     * Sets how long the token minted for calls is valid; 10 minutes if not set. A token is minted
     * for a call's grants (its service, and room where the method names one) and reused by later
     * calls with the same grants during the first half of its TTL; never logged.
     *
     * @param ttl positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder tokenTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("tokenTtl must be positive");
      }
      this.tokenTtl = ttl;
      return this;
    }

    /**
     * Sets the size of the connection pool that all clients share; 16 if not set.
     *
     * @param maxConnections positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections <= 0) {
        throw new IllegalArgumentException("maxConnections must be positive");
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets where calls are reported: each subscription of a call (its retries included) is one
     * {@code roomflux.server.call} operation with the low-cardinality tags {@code service} (for
     * example {@code RoomService}) and {@code method} (for example {@code ListRooms}), ended with
     * the call's answer, error or cancel. The telemetry is called on reactor-netty's threads and
     * on the subscribing thread; what it throws is caught and ignored. {@link Telemetry#none()} if
     * not set.
     *
     * @param telemetry the telemetry
     * @return this builder
     */
    public Builder telemetry(Telemetry telemetry) {
      this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
      return this;
    }

    /**
     * Creates the server API and its connection pool (no connection is opened yet).
     *
     * @return the API; close it when done
     */
    public ServerApi build() {
      return new ServerApi(this);
    }

    private static String httpBase(String url) {
      URI uri;
      try {
        uri = URI.create(Objects.requireNonNull(url, "url"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a URL: " + url, e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String http = switch (scheme) {
        case "http", "ws" -> "http";
        case "https", "wss" -> "https";
        default -> throw new IllegalArgumentException("url must be http(s):// or ws(s)://, was " + url);
      };
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("url has no host: " + url);
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
      return http + "://" + uri.getRawAuthority() + path;
    }
  }
}
