package io.roomflux.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Property-based fuzzing of {@link TokenVerifier#verify}, the parser of tokens that arrive from
 * outside (webhook signatures, tokens presented to a service): any string, any three-part
 * string of base64url pieces, and any one-character change of a valid token give a
 * {@link VerifiedToken} or a {@link TokenVerificationException} with a reason, never another
 * exception; a changed token that still verifies says exactly what the original said. Bounded
 * tries keep CI fast.
 */
class TokenVerifierPropertiesTest {
  private static final String KEY = "fuzzkey";
  private static final String SECRET = "a-fuzzing-secret-of-at-least-32-bytes";
  private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final TokenVerifier verifier = TokenVerifier.builder().key(KEY, SECRET).clock(CLOCK).build();

  @Property(tries = 1000)
  void anyStringIsVerifiedOrRefusedWithAReason(@ForAll @StringLength(max = 2_000) String jwt) {
    assertVerifiedOrRefused(jwt);
  }

  @Property(tries = 1000)
  void anyThreePartsOfBase64UrlAreVerifiedOrRefusedWithAReason(@ForAll("parts") String header,
                                                               @ForAll("parts") String payload,
                                                               @ForAll("parts") String signature) {
    assertVerifiedOrRefused(header + "." + payload + "." + signature);
  }

  @Property(tries = 1000)
  void changingOneCharacterOfAValidTokenRefusesItOrLeavesItsClaimsAsTheyWere(
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @CharRange(from = ' ', to = '~') char replacement) {
    String jwt = AccessToken.builder().apiKey(KEY).apiSecret(SECRET).clock(CLOCK).identity("alice")
        .ttl(Duration.ofMinutes(5)).videoGrant(VideoGrant.builder().roomJoin(true).room("lobby").build())
        .build().toJwt();
    VerifiedToken original = verifier.verify(jwt);
    int at = position % jwt.length();
    String changed = jwt.substring(0, at) + replacement + jwt.substring(at + 1);

    Throwable thrown = catchThrowable(() -> {
      VerifiedToken still = verifier.verify(changed);
      assertThat(still).isEqualTo(original);
    });
    if (thrown != null && !(thrown instanceof AssertionError)) {
      assertThat(thrown).isInstanceOf(TokenVerificationException.class);
      assertThat(((TokenVerificationException) thrown).reason()).isNotNull();
    } else if (thrown != null) {
      throw (AssertionError) thrown;
    }
  }

  @Provide
  Arbitrary<String> parts() {
    Arbitrary<String> json = Arbitraries.oneOf(
        Arbitraries.of("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"none\"}", "{\"alg\":\"RS256\"}", "{}", "[]",
            "{\"iss\":\"fuzzkey\",\"exp\":1e99}", "{\"iss\":\"fuzzkey\",\"nbf\":\"x\",\"exp\":-1}",
            "{\"iss\":\"fuzzkey\",\"video\":{\"roomJoin\":\"yes\"},\"exp\":1900000000}", "null", "\"s\""),
        Arbitraries.strings().ofMaxLength(200));
    Arbitrary<String> encoded = json.map(s -> Base64.getUrlEncoder().withoutPadding()
        .encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(encoded, Arbitraries.strings().withChars("ABCabc019-_=+/.").ofMaxLength(80));
  }

  private void assertVerifiedOrRefused(String jwt) {
    Throwable thrown = catchThrowable(() -> verifier.verify(jwt));
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(TokenVerificationException.class);
      assertThat(((TokenVerificationException) thrown).reason()).isNotNull();
    }
  }
}
