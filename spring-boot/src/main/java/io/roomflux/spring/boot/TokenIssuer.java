package io.roomflux.spring.boot;

import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.time.Duration;
import java.util.Objects;

/**
 * Mints {@link AccessToken}s for the configured server: signed with its API key and secret, valid
 * for {@code roomflux.token.ttl}. Immutable and thread-safe; nothing blocks (signing is in memory).
 */
public final class TokenIssuer {
  private final String apiKey;
  private final String apiSecret;
  private final Duration ttl;

  /**
   * An issuer.
   *
   * @param apiKey the API key
   * @param apiSecret the API secret
   * @param ttl how long tokens are valid
   */
  public TokenIssuer(String apiKey, String apiSecret, Duration ttl) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  /**
   * A builder already holding the key, the secret and the TTL, for tokens with other grants.
   *
   * @return a new builder
   */
  public AccessToken.Builder builder() {
    return AccessToken.builder().apiKey(apiKey).apiSecret(apiSecret).ttl(ttl);
  }

  /**
   * A token that lets {@code identity} join {@code room} (other permissions as the server defaults them).
   *
   * @param room the room's name
   * @param identity the participant's identity
   * @return the token
   */
  public AccessToken joinToken(String room, String identity) {
    return builder().identity(identity)
        .videoGrant(VideoGrant.builder().roomJoin(true).room(room).build())
        .build();
  }

  /**
   * {@link #joinToken(String, String)} as a signed JWT, ready for {@code LiveKit.connect}.
   *
   * @param room the room's name
   * @param identity the participant's identity
   * @return the JWT
   */
  public String joinJwt(String room, String identity) {
    return joinToken(room, identity).toJwt();
  }

  /**
   * How long minted tokens are valid.
   *
   * @return the time to live
   */
  public Duration ttl() {
    return ttl;
  }

  @Override
  public String toString() {
    return "TokenIssuer[apiKey=" + apiKey + ", ttl=" + ttl + "]";
  }
}
