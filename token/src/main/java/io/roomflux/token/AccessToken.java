package io.roomflux.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A LiveKit access token: who the bearer is ({@code sub}), which API key signs it ({@code iss}),
 * how long it is valid, and what it may do (its {@link VideoGrant}).
 *
 * <p>Build one with {@link #builder()}, then {@link #toJwt()} signs it with the API secret as an
 * HS256 JWT, the form a LiveKit server and its client SDKs accept:
 *
 * <pre>{@code
 * String jwt = AccessToken.builder()
 *     .apiKey("devkey").apiSecret("secret")
 *     .identity("alice")
 *     .videoGrant(VideoGrant.builder().roomJoin(true).room("lobby").build())
 *     .build()
 *     .toJwt();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #toJwt()} reads the clock each time it is called, so one
 * token can be signed again later with a fresh validity window. {@link #toString()} leaves out
 * the secret.
 */
public final class AccessToken {

  /** How long a token is valid when the builder is not told otherwise. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(6);

  private final String apiKey;
  private final byte[] apiSecret;
  private final @Nullable String identity;
  private final @Nullable String name;
  private final @Nullable String metadata;
  private final Map<String, String> attributes;
  private final Duration ttl;
  private final @Nullable VideoGrant videoGrant;
  private final @Nullable SipGrant sipGrant;
  private final Clock clock;

  private AccessToken(Builder builder) {
    this.apiKey = builder.apiKey;
    this.apiSecret = builder.apiSecret.getBytes(StandardCharsets.UTF_8);
    this.identity = builder.identity;
    this.name = builder.name;
    this.metadata = builder.metadata;
    this.attributes = Map.copyOf(builder.attributes);
    this.ttl = builder.ttl;
    this.videoGrant = builder.videoGrant;
    this.sipGrant = builder.sipGrant;
    this.clock = builder.clock;
  }

  /**
   * Starts a token; {@link Builder#apiKey} and {@link Builder#apiSecret} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the API key that issues this token.
   *
   * @return the key, the JWT's {@code iss}
   */
  public String apiKey() {
    return apiKey;
  }

  /**
   * Returns the participant identity.
   *
   * @return the identity, the JWT's {@code sub}; empty when not set
   */
  public Optional<String> identity() {
    return Optional.ofNullable(identity);
  }

  /**
   * Returns how long a JWT made from this token is valid.
   *
   * @return the time to live, positive
   */
  public Duration ttl() {
    return ttl;
  }

  /**
   * Returns the grant this token carries.
   *
   * @return the grant; empty when not set
   */
  public Optional<VideoGrant> videoGrant() {
    return Optional.ofNullable(videoGrant);
  }

  /**
   * Returns the SIP grant this token carries.
   *
   * @return the grant; empty when not set
   */
  public Optional<SipGrant> sipGrant() {
    return Optional.ofNullable(sipGrant);
  }

  /**
   * Signs this token as a compact HS256 JWT, valid from the clock's current second ({@code nbf})
   * for {@link #ttl()} ({@code exp}). Claims that were not set are left out.
   *
   * @return the serialized JWT
   * @throws IllegalStateException if the JVM cannot compute HMAC-SHA256 (never on a standard JDK)
   */
  public String toJwt() {
    Instant now = clock.instant();
    Instant notBefore = Instant.ofEpochSecond(now.getEpochSecond());
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(apiKey)
            .notBeforeTime(Date.from(notBefore))
            .expirationTime(Date.from(notBefore.plus(ttl)));
    if (identity != null) {
      claims.subject(identity);
    }
    if (name != null) {
      claims.claim("name", name);
    }
    if (metadata != null) {
      claims.claim("metadata", metadata);
    }
    if (!attributes.isEmpty()) {
      claims.claim("attributes", attributes);
    }
    if (videoGrant != null) {
      claims.claim("video", videoGrant.toClaim());
    }
    if (sipGrant != null) {
      claims.claim("sip", sipGrant.toClaim());
    }
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(new HmacSha256Signer(apiSecret));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign the access token with HMAC-SHA256", e);
    }
    return jwt.serialize();
  }

  @Override
  public String toString() {
    return "AccessToken[apiKey=%s, identity=%s, ttl=%s, videoGrant=%s, sipGrant=%s]"
        .formatted(apiKey, Objects.requireNonNullElse(identity, ""), ttl, videoGrant, sipGrant);
  }

  /**
   * Collects the parts of an {@link AccessToken}. Not thread-safe; use it from one thread.
   */
  public static final class Builder {
    private String apiKey = "";
    private String apiSecret = "";
    private @Nullable String identity;
    private @Nullable String name;
    private @Nullable String metadata;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private Duration ttl = DEFAULT_TTL;
    private @Nullable VideoGrant videoGrant;
    private @Nullable SipGrant sipGrant;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the API key, which the server uses to find the secret that checks the signature.
     *
     * @param apiKey the key, for example {@code devkey} on a server in dev mode
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * Sets the API secret that signs the token. Any non-empty secret is accepted, including
     * LiveKit's short dev-mode {@code secret}, though production secrets should be long and random.
     *
     * @param apiSecret the secret
     * @return this builder
     */
    public Builder apiSecret(String apiSecret) {
      this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret");
      return this;
    }

    /**
     * Sets the participant identity, required when the grant lets the bearer join a room.
     *
     * @param identity the identity, not empty
     * @return this builder
     * @throws IllegalArgumentException if {@code identity} is empty
     */
    public Builder identity(String identity) {
      this.identity = requireNotEmpty(identity, "identity");
      return this;
    }

    /**
     * Sets the participant's display name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the participant's metadata, an opaque string other participants can read.
     *
     * @param metadata the metadata
     * @return this builder
     */
    public Builder metadata(String metadata) {
      this.metadata = Objects.requireNonNull(metadata, "metadata");
      return this;
    }

    /**
     * Adds participant attributes, replacing earlier values of the same keys.
     *
     * @param attributes the attributes to add
     * @return this builder
     * @throws IllegalArgumentException if a key is empty
     */
    public Builder attributes(Map<String, String> attributes) {
      attributes.forEach(
          (key, value) ->
              this.attributes.put(
                  requireNotEmpty(key, "attribute key"), Objects.requireNonNull(value, "attribute value")));
      return this;
    }

    /**
     * Sets how long the JWT is valid after it is signed; {@link AccessToken#DEFAULT_TTL} if not set.
     *
     * @param ttl the time to live, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     */
    public Builder ttl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive, was " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /**
     * Sets what the bearer may do.
     *
     * @param videoGrant the grant
     * @return this builder
     */
    public Builder videoGrant(VideoGrant videoGrant) {
      this.videoGrant = Objects.requireNonNull(videoGrant, "videoGrant");
      return this;
    }

    /**
     * Sets what the bearer may do with SIP (trunks, dispatch rules, calls).
     *
     * @param sipGrant the grant
     * @return this builder
     */
    public Builder sipGrant(SipGrant sipGrant) {
      this.sipGrant = Objects.requireNonNull(sipGrant, "sipGrant");
      return this;
    }

    /**
     * Sets the clock that dates the JWT; the system UTC clock if not set.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Checks the parts and builds the token.
     *
     * @return the immutable token
     * @throws IllegalArgumentException if the API key or secret is missing, or the grant lets
     *     the bearer join a room but no identity is set
     */
    public AccessToken build() {
      if (apiKey.isEmpty()) {
        throw new IllegalArgumentException("apiKey must be set and not empty");
      }
      if (apiSecret.isEmpty()) {
        throw new IllegalArgumentException("apiSecret must be set and not empty");
      }
      if (videoGrant != null && videoGrant.roomJoin() && identity == null) {
        throw new IllegalArgumentException("a token whose grant allows roomJoin needs an identity");
      }
      return new AccessToken(this);
    }

    private static String requireNotEmpty(String value, String what) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return value;
    }
  }
}
