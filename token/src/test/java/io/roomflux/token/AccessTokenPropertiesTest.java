package io.roomflux.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Property-based round trips of {@link AccessToken}: whatever strings (any Unicode, control
 * characters, quotes, huge lengths) go into the claims come out of the signed JWT unchanged,
 * the HS256 signature verifies with the secret, and changing any character of the token makes it
 * fail to parse or fail to verify. Bounded tries keep CI fast.
 */
class AccessTokenPropertiesTest {
  private static final Instant NOW = Instant.parse("2030-01-02T03:04:05.678Z");

  private static boolean verifies(SignedJWT jwt, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return MessageDigest.isEqual(mac.doFinal(jwt.getSigningInput()), jwt.getSignature().decode());
  }

  @Property(tries = 500)
  void anyClaimValuesRoundTripThroughTheSignedJwtAndTheSignatureVerifies(
      @ForAll @NotEmpty @StringLength(max = 64) String apiKey,
      @ForAll @NotEmpty @StringLength(max = 64) String secret,
      @ForAll @NotEmpty @StringLength(max = 200) String identity,
      @ForAll @StringLength(max = 200) String name,
      @ForAll @StringLength(max = 2000) String metadata,
      @ForAll @Size(max = 8) Map<@NotEmpty @StringLength(max = 30) String, @StringLength(max = 100) String> attributes,
      @ForAll @StringLength(max = 100) String room,
      @ForAll @LongRange(min = 1, max = 10L * 365 * 24 * 3600) long ttlSeconds,
      @ForAll boolean canPublish) throws Exception {
    VideoGrant.Builder grant = VideoGrant.builder().roomJoin(true).canPublish(canPublish);
    if (!room.isEmpty()) {
      grant.room(room);
    }
    String jwt = AccessToken.builder().apiKey(apiKey).apiSecret(secret).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .identity(identity).name(name).metadata(metadata).attributes(attributes)
        .ttl(Duration.ofSeconds(ttlSeconds)).videoGrant(grant.build()).build().toJwt();

    SignedJWT parsed = SignedJWT.parse(jwt);
    assertThat(verifies(parsed, secret)).isTrue();
    JWTClaimsSet claims = parsed.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(apiKey);
    assertThat(claims.getSubject()).isEqualTo(identity);
    assertThat(claims.getStringClaim("name")).isEqualTo(name);
    assertThat(claims.getStringClaim("metadata")).isEqualTo(metadata);
    if (attributes.isEmpty()) {
      assertThat(claims.getClaim("attributes")).isNull();
    } else {
      assertThat(claims.getJSONObjectClaim("attributes")).isEqualTo(attributes);
    }
    assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(Instant.ofEpochSecond(NOW.getEpochSecond()));
    assertThat(claims.getExpirationTime().toInstant())
        .isEqualTo(Instant.ofEpochSecond(NOW.getEpochSecond()).plusSeconds(ttlSeconds));
    Map<String, Object> video = claims.getJSONObjectClaim("video");
    assertThat(video).containsEntry("roomJoin", true).containsEntry("canPublish", canPublish);
    if (!room.isEmpty()) {
      assertThat(video).containsEntry("room", room);
    }
  }

  @Property(tries = 500)
  void changingAnyCharacterOfATokenMakesItUnparseableOrUnverifiable(
      @ForAll @NotEmpty @StringLength(max = 100) String identity,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll char replacement) throws Exception {
    String jwt = AccessToken.builder().apiKey("devkey").apiSecret("secret").identity(identity)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().toJwt();
    int at = position % jwt.length();
    if (jwt.charAt(at) == replacement) {
      return;
    }
    String tampered = jwt.substring(0, at) + replacement + jwt.substring(at + 1);
    SignedJWT parsed;
    try {
      parsed = SignedJWT.parse(tampered);
    } catch (ParseException refused) {
      return;
    }
    // Base64url's last character may carry unused bits: a change there can decode to the same
    // bytes, and then the token is the same token.
    boolean sameBytes = parsed.getHeader().toBase64URL().decodeToString()
        .equals(SignedJWT.parse(jwt).getHeader().toBase64URL().decodeToString())
        && parsed.getPayload().toString().equals(SignedJWT.parse(jwt).getPayload().toString())
        && java.util.Arrays.equals(parsed.getSignature().decode(), SignedJWT.parse(jwt).getSignature().decode());
    assertThat(verifies(parsed, "secret")).isEqualTo(sameBytes);
  }
}
