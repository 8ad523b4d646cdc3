/**
 * LiveKit access tokens: {@link io.roomflux.token.AccessToken} mints the HS256 JWT that a client
 * joins a room with or that authorizes a server API call; {@link io.roomflux.token.TokenVerifier}
 * checks one (for example a webhook's signature) and reads its grants back.
 */
module io.roomflux.token {
  requires transitive io.roomflux.common;
  requires com.nimbusds.jose.jwt;
  requires static org.jspecify;

  exports io.roomflux.token;
}
