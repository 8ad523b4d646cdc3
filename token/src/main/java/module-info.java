/**
 * LiveKit access tokens: {@link io.roomflux.token.AccessToken} mints the HS256 JWT that a client
 * joins a room with or that authorizes a server API call.
 */
module io.roomflux.token {
  requires com.nimbusds.jose.jwt;
  requires static org.jspecify;

  exports io.roomflux.token;
}
