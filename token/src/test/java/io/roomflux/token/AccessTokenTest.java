package io.roomflux.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
  private static final Instant NOW = Instant.parse("2030-01-02T03:04:05.678Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static AccessToken.Builder devToken() {
    return AccessToken.builder().apiKey("devkey").apiSecret("secret").clock(CLOCK);
  }

  /** Checks the signature the way the server does: HMAC-SHA256 over the signing input with the raw secret. */
  private static boolean signatureVerifies(SignedJWT jwt, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal(jwt.getSigningInput());
    return MessageDigest.isEqual(expected, jwt.getSignature().decode());
  }

  @Test
  void claimsRoundTripAndTheSignatureVerifiesWithTheShortDevSecret() throws Exception {
    VideoGrant grant =
        VideoGrant.builder()
            .roomJoin(true)
            .room("lobby")
            .canPublish(true)
            .canSubscribe(false)
            .canPublishData(true)
            .canPublishSources(List.of(VideoGrant.TrackSource.MICROPHONE, VideoGrant.TrackSource.SCREEN_SHARE))
            .build();
    String jwt =
        devToken()
            .identity("alice")
            .name("Alice")
            .metadata("{\"team\":\"blue\"}")
            .attributes(Map.of("role", "speaker"))
            .videoGrant(grant)
            .build()
            .toJwt();

    SignedJWT parsed = SignedJWT.parse(jwt);
    assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(signatureVerifies(parsed, "secret")).isTrue();
    assertThat(signatureVerifies(parsed, "secret2")).isFalse();

    JWTClaimsSet claims = parsed.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("devkey");
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getStringClaim("name")).isEqualTo("Alice");
    assertThat(claims.getStringClaim("metadata")).isEqualTo("{\"team\":\"blue\"}");
    assertThat(claims.getJSONObjectClaim("attributes")).containsExactly(Map.entry("role", "speaker"));
    // Parsing does not keep the claim order, so compare as sets.
    assertThat(claims.getJSONObjectClaim("video"))
        .containsOnly(
            Map.entry("roomJoin", true),
            Map.entry("room", "lobby"),
            Map.entry("canPublish", true),
            Map.entry("canSubscribe", false),
            Map.entry("canPublishData", true),
            Map.entry("canPublishSources", List.of("microphone", "screen_share")));
  }

  @Test
  void signatureVerifiesWithNimbusForASecretOfFullLength() throws Exception {
    String secret = "0123456789abcdef0123456789abcdef";
    String jwt = AccessToken.builder().apiKey("key").apiSecret(secret).identity("bob").build().toJwt();

    assertThat(SignedJWT.parse(jwt).verify(new MACVerifier(secret))).isTrue();
  }

  @Test
  void everyGrantKeyIsWrittenUnderLiveKitsCamelCaseName() throws Exception {
    VideoGrant grant =
        VideoGrant.builder()
            .roomJoin(false)
            .room("r")
            .canPublish(false)
            .canSubscribe(false)
            .canPublishData(false)
            .canPublishSources(List.of(VideoGrant.TrackSource.CAMERA))
            .canUpdateOwnMetadata(true)
            .hidden(true)
            .recorder(true)
            .roomAdmin(true)
            .roomCreate(true)
            .roomList(true)
            .roomRecord(true)
            .agent(true)
            .ingressAdmin(true)
            .build();

    String jwt = devToken().videoGrant(grant).build().toJwt();

    assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getJSONObjectClaim("video"))
        .containsOnlyKeys(
            "roomJoin", "room", "canPublish", "canSubscribe", "canPublishData", "canPublishSources",
            "canUpdateOwnMetadata", "hidden", "recorder", "roomAdmin", "roomCreate", "roomList",
            "roomRecord", "agent", "ingressAdmin");
  }

  @Test
  void unsetClaimsAndGrantKeysAreLeftOut() throws Exception {
    String jwt = devToken().videoGrant(VideoGrant.builder().roomList(true).build()).build().toJwt();

    JWTClaimsSet claims = SignedJWT.parse(jwt).getJWTClaimsSet();
    assertThat(claims.getClaims()).containsOnlyKeys("iss", "nbf", "exp", "video");
    assertThat(claims.getJSONObjectClaim("video")).containsExactly(Map.entry("roomList", true));
  }

  @Test
  void validityStartsAtTheInjectedClocksSecondAndLastsTheTtl() throws Exception {
    String jwt = devToken().identity("alice").ttl(Duration.ofMinutes(10)).build().toJwt();

    JWTClaimsSet claims = SignedJWT.parse(jwt).getJWTClaimsSet();
    Instant second = Instant.parse("2030-01-02T03:04:05Z");
    assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(second);
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(second.plus(Duration.ofMinutes(10)));
  }

  @Test
  void ttlDefaultsToSixHours() throws Exception {
    AccessToken token = devToken().identity("alice").build();

    JWTClaimsSet claims = SignedJWT.parse(token.toJwt()).getJWTClaimsSet();
    assertThat(token.ttl()).isEqualTo(Duration.ofHours(6));
    assertThat(Duration.between(claims.getNotBeforeTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofHours(6));
  }

  @Test
  void joinGrantWithoutIdentityIsRejected() {
    AccessToken.Builder builder = devToken().videoGrant(VideoGrant.builder().roomJoin(true).room("lobby").build());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("identity");
  }

  @Test
  void missingApiKeyOrSecretIsRejected() {
    assertThatThrownBy(() -> AccessToken.builder().apiSecret("secret").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey");
    assertThatThrownBy(() -> AccessToken.builder().apiKey("devkey").apiSecret("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiSecret");
  }

  @Test
  void nonPositiveTtlIsRejected() {
    assertThatThrownBy(() -> devToken().ttl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
  }

  @Test
  void toStringLeavesOutTheSecret() {
    AccessToken token = AccessToken.builder().apiKey("devkey").apiSecret("s3cr3t-value").identity("alice").build();

    assertThat(token.toString()).contains("devkey", "alice").doesNotContain("s3cr3t-value");
  }

  @Test
  void tokenPartsAreBase64UrlWithoutPadding() {
    String jwt = devToken().identity("alice").build().toJwt();

    assertThat(jwt.split("\\.")).hasSize(3).allSatisfy(part -> assertThat(Base64.getUrlDecoder().decode(part)).isNotEmpty());
    assertThat(jwt).doesNotContain("=");
  }
}
