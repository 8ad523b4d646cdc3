package io.roomflux.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.roomflux.RoomFluxException;
import io.roomflux.token.TokenVerificationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final TokenVerifier verifier = TokenVerifier.builder().key("devkey", "secret").clock(CLOCK).build();

  private static AccessToken.Builder token() {
    return AccessToken.builder().apiKey("devkey").apiSecret("secret").clock(CLOCK);
  }

  @Test
  void aTokenMintedByAccessTokenIsReadBackIntoTheSameGrantsAndClaims() {
    VideoGrant video = VideoGrant.builder().roomJoin(true).room("lobby").canPublish(false)
        .canPublishSources(List.of(VideoGrant.TrackSource.MICROPHONE)).roomAdmin(true).build();
    SipGrant sip = SipGrant.builder().call(true).build();
    String jwt = token().identity("alice").name("Alice").metadata("{\"a\":1}").attributes(Map.of("team", "blue"))
        .videoGrant(video).sipGrant(sip).ttl(Duration.ofMinutes(5)).build().toJwt();

    VerifiedToken verified = verifier.verify(jwt);

    assertThat(verified.apiKey()).isEqualTo("devkey");
    assertThat(verified.identity()).contains("alice");
    assertThat(verified.name()).contains("Alice");
    assertThat(verified.metadata()).contains("{\"a\":1}");
    assertThat(verified.attributes()).isEqualTo(Map.of("team", "blue"));
    assertThat(verified.videoGrant()).contains(video);
    assertThat(verified.sipGrant()).contains(sip);
    assertThat(verified.sha256()).isEmpty();
    assertThat(verified.notBefore()).contains(NOW);
    assertThat(verified.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefusedAsBadSignature() {
    String jwt = AccessToken.builder().apiKey("devkey").apiSecret("not-the-secret").clock(CLOCK).build().toJwt();

    assertRefused(jwt, Reason.BAD_SIGNATURE);
  }

  @Test
  void aTokenOfAnUnknownKeyIsRefused() {
    String jwt = AccessToken.builder().apiKey("otherkey").apiSecret("secret").clock(CLOCK).build().toJwt();

    assertRefused(jwt, Reason.UNKNOWN_KEY);
  }

  @Test
  void aTokenWhosePayloadWasChangedIsRefusedAsBadSignature() {
    String[] parts = token().identity("alice").build().toJwt().split("\\.");
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
            .replace("alice", "mallory").getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertRefused(parts[0] + "." + forged + "." + parts[2], Reason.BAD_SIGNATURE);
  }

  @Test
  void anExpiredTokenIsRefusedBeyondTheLeewayAndAcceptedWithinIt() {
    String jwt = AccessToken.builder().apiKey("devkey").apiSecret("secret")
        .clock(Clock.fixed(NOW.minus(Duration.ofMinutes(10)), ZoneOffset.UTC)).ttl(Duration.ofMinutes(8)).build().toJwt(); // expired 2 min ago

    assertRefused(jwt, Reason.EXPIRED);
    assertThat(TokenVerifier.builder().key("devkey", "secret").clock(CLOCK).leeway(Duration.ofSeconds(121)).build()
        .verify(jwt).apiKey()).isEqualTo("devkey");
  }

  @Test
  void aTokenNotYetValidIsRefusedBeyondTheLeeway() {
    String jwt = AccessToken.builder().apiKey("devkey").apiSecret("secret")
        .clock(Clock.fixed(NOW.plus(Duration.ofMinutes(2)), ZoneOffset.UTC)).build().toJwt();

    assertRefused(jwt, Reason.NOT_YET_VALID);
  }

  @Test
  void aTokenSignedWithAnotherAlgorithmIsRefused() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512),
        new JWTClaimsSet.Builder().issuer("devkey").expirationTime(Date.from(NOW.plusSeconds(60))).build());
    jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));

    assertRefused(jwt.serialize(), Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void somethingThatIsNotAJwtIsRefusedAsMalformed() {
    assertRefused("not a token", Reason.MALFORMED);
  }

  @Test
  void theSha256ClaimOfAWebhookSignatureIsReadBack() {
    String jwt = token().build().toJwt(); // no sha256: the webhook tests sign one themselves
    assertThat(verifier.verify(jwt).sha256()).isEqualTo(Optional.empty());
  }

  private void assertRefused(String jwt, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(jwt))
        .isInstanceOf(TokenVerificationException.class)
        .isInstanceOf(RoomFluxException.class)
        .satisfies(e -> assertThat(((TokenVerificationException) e).reason()).isEqualTo(reason));
  }
}
