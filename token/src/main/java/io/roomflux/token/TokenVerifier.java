package io.roomflux.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.roomflux.token.TokenVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
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
 * Checks a LiveKit access token (an HS256 JWT) and reads it back: the issuer must be a known API
 * key, the signature must match that key's secret, and the clock must be within
 * [{@code nbf} − leeway, {@code exp} + leeway]. What it grants is returned as a
 * {@link VerifiedToken} with the same {@link VideoGrant} and {@link SipGrant} types that
 * {@link AccessToken} is built from.
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder().key("devkey", "secret").build();
 * VerifiedToken token = verifier.verify(jwt); // throws TokenVerificationException
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #verify} computes on the calling thread and never blocks.
 */
public final class TokenVerifier {

  /** The clock skew allowed when no leeway is set, as livekit-server allows. */
  public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);

  private final Map<String, byte[]> secrets;
  private final Duration leeway;
  private final Clock clock;

  private TokenVerifier(Builder builder) {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    builder.secrets.forEach((key, secret) -> copy.put(key, secret.getBytes(StandardCharsets.UTF_8)));
    this.secrets = Map.copyOf(copy);
    this.leeway = builder.leeway;
    this.clock = builder.clock;
  }

  /**
   * Starts a verifier; at least one {@link Builder#key key} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a token and reads its claims.
   *
   * @param jwt the compact JWT, without a {@code Bearer } prefix
   * @return what the token says
   * @throws TokenVerificationException if the token is malformed, not HS256, issued by an
   *     unknown key, badly signed, expired or not yet valid (see its {@link
   *     TokenVerificationException#reason() reason})
   */
  public VerifiedToken verify(String jwt) {
    SignedJWT signed;
    JWTClaimsSet claims;
    try {
      signed = SignedJWT.parse(jwt.strip());
      claims = signed.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      // The JWT library fails some malformed input (a header of JSON null) with a runtime
      // exception: to the caller it is as malformed as any other.
      throw new TokenVerificationException(Reason.MALFORMED, "not a signed JWT: " + e.getMessage(), e);
    }
    if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
      throw new TokenVerificationException(Reason.UNSUPPORTED_ALGORITHM,
          "signed with " + signed.getHeader().getAlgorithm() + ", expected HS256");
    }
    String issuer = claims.getIssuer();
    byte @Nullable [] secret = issuer == null ? null : secrets.get(issuer);
    if (secret == null) {
      throw new TokenVerificationException(Reason.UNKNOWN_KEY, "issuer " + (issuer == null ? "(none)" : "'" + issuer + "'")
          + " is not a known API key");
    }
    try {
      if (!signed.verify(new HmacSha256Verifier(secret))) {
        throw new TokenVerificationException(Reason.BAD_SIGNATURE, "signature does not match the secret of API key '" + issuer + "'");
      }
    } catch (JOSEException e) {
      throw new TokenVerificationException(Reason.BAD_SIGNATURE, "could not check the signature: " + e.getMessage(), e);
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new TokenVerificationException(Reason.EXPIRED, "the token has no expiry (exp)");
    }
    if (now.isAfter(exp.toInstant().plus(leeway))) {
      throw new TokenVerificationException(Reason.EXPIRED, "expired at " + exp.toInstant() + " (now " + now + ", leeway " + leeway + ")");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant().minus(leeway))) {
      throw new TokenVerificationException(Reason.NOT_YET_VALID, "valid from " + nbf.toInstant() + " (now " + now + ", leeway " + leeway + ")");
    }
    try {
      return new VerifiedToken(
          issuer,
          Optional.ofNullable(claims.getSubject()),
          Optional.ofNullable(claims.getStringClaim("name")),
          Optional.ofNullable(claims.getStringClaim("metadata")),
          stringMap(claims.getJSONObjectClaim("attributes")),
          Optional.ofNullable(claims.getJSONObjectClaim("video")).map(VideoGrant::fromClaim),
          Optional.ofNullable(claims.getJSONObjectClaim("sip")).map(SipGrant::fromClaim),
          Optional.ofNullable(claims.getStringClaim("sha256")),
          Optional.ofNullable(nbf).map(Date::toInstant),
          exp.toInstant());
    } catch (ParseException | RuntimeException e) {
      throw new TokenVerificationException(Reason.MALFORMED, "a claim has an unexpected type: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> stringMap(@Nullable Map<String, Object> json) {
    if (json == null) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    json.forEach((key, value) -> map.put(key, (String) value));
    return map;
  }

  /** Collects the keys and options of a {@link TokenVerifier}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private Duration leeway = DEFAULT_LEEWAY;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds an API key and its secret; tokens issued by it are accepted when signed with it.
     *
     * @param apiKey the key, the tokens' {@code iss}
     * @param apiSecret its secret
     * @return this builder
     * @throws IllegalArgumentException if either is empty
     */
    public Builder key(String apiKey, String apiSecret) {
      if (apiKey.isEmpty() || apiSecret.isEmpty()) {
        throw new IllegalArgumentException("apiKey and apiSecret must not be empty");
      }
      secrets.put(apiKey, apiSecret);
      return this;
    }

    /**
     * Sets the clock skew tolerated on {@code nbf} and {@code exp}; {@link #DEFAULT_LEEWAY} if
     * not set.
     *
     * @param leeway zero or positive
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder leeway(Duration leeway) {
      if (leeway.isNegative()) {
        throw new IllegalArgumentException("leeway must not be negative");
      }
      this.leeway = leeway;
      return this;
    }

    /**
     * Sets the clock that validity is checked against; the system UTC clock if not set.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the immutable verifier
     * @throws IllegalStateException if no key was added
     */
    public TokenVerifier build() {
      if (secrets.isEmpty()) {
        throw new IllegalStateException("add at least one key");
      }
      return new TokenVerifier(this);
    }
  }
}
