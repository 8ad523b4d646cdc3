package io.roomflux.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.roomflux.server.proto.WebhookEvent;
import io.roomflux.server.webhook.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Property-based fuzzing of {@link WebhookReceiver#receive}, the one parser of webhooks that
 * arrive from outside: whatever the body and the {@code Authorization} header, it returns an
 * event or throws {@link WebhookVerificationException} with a reason, never anything else; a
 * correctly signed body that is not a {@code WebhookEvent} is refused as {@code MALFORMED_BODY},
 * and one that is (including odd values in known fields and unknown fields) is parsed. Bounded
 * tries keep CI fast.
 */
class WebhookReceiverPropertiesTest {
  private static final String[] FIELDS = {"event", "id", "createdAt", "numDropped", "room", "participant",
      "track", "egressInfo", "ingressInfo", "aFieldFromTheFuture"};
  private final WebhookReceiver receiver = WebhookReceiver.builder("webhookkey",
      "a-webhook-secret-of-at-least-32-bytes!").maxBodyBytes(64 * 1024).build();

  @Property(tries = 500)
  void anyBodyWithAnyAuthorizationIsAcceptedOrRefusedWithAReasonNeverAnythingElse(
      @ForAll @Size(max = 70_000) byte[] body, @ForAll @StringLength(max = 400) String authorization,
      @ForAll boolean withHeader) {
    Throwable thrown = catchThrowable(() -> receiver.receive(body, withHeader ? Optional.of(authorization) : Optional.empty()));

    assertThat(thrown).isInstanceOf(WebhookVerificationException.class);
    assertThat(((WebhookVerificationException) thrown).reason()).isNotNull();
  }

  @Property(tries = 300)
  void aSignedBodyOfArbitraryBytesIsParsedOrRefusedAsMalformed(@ForAll @Size(max = 4_000) byte[] body)
      throws Exception {
    Throwable thrown = catchThrowable(() -> receiver.receive(body, Optional.of(WebhookReceiverTest.sign(body))));

    if (thrown != null) {
      assertThat(thrown).isInstanceOf(WebhookVerificationException.class);
      assertThat(((WebhookVerificationException) thrown).reason()).isEqualTo(Reason.MALFORMED_BODY);
    }
  }

  @Property(tries = 500)
  void aSignedJsonObjectWithOddValuesInKnownAndUnknownFieldsIsParsedOrRefusedAsMalformed(
      @ForAll("jsonObjects") String json) throws Exception {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    WebhookEvent event = null;
    Throwable thrown = null;
    try {
      event = receiver.receive(body, Optional.of(WebhookReceiverTest.sign(body)));
    } catch (RuntimeException e) {
      thrown = e;
    }

    if (thrown != null) {
      assertThat(thrown).isInstanceOf(WebhookVerificationException.class);
      assertThat(((WebhookVerificationException) thrown).reason()).isEqualTo(Reason.MALFORMED_BODY);
    } else {
      assertThat(event).isNotNull();
    }
  }

  @Provide
  Arbitrary<String> jsonObjects() {
    Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(50).map(WebhookReceiverPropertiesTest::quote);
    Arbitrary<String> numbers = Arbitraries.of("0", "-1", "1e999", "18446744073709551616", "\"9223372036854775808\"",
        "1.5", "\"NaN\"", "-0", "\"\"", "\"12\"");
    Arbitrary<String> literals = Arbitraries.of("null", "true", "false", "[]", "{}", "[1,\"a\",null]");
    Arbitrary<String> scalar = Arbitraries.oneOf(strings, numbers, literals);
    Arbitrary<String> nested = Combinators.combine(Arbitraries.of("name", "sid", "identity", "state", "kind",
        "numParticipants", "tracks", "x"), scalar).as((k, v) -> "{\"" + k + "\":" + v + "}");
    Arbitrary<String> value = Arbitraries.oneOf(scalar, nested);
    Arbitrary<String> member = Combinators.combine(Arbitraries.of(FIELDS), value).as((k, v) -> "\"" + k + "\":" + v);
    return member.list().ofMaxSize(6).map(List::copyOf).map(m -> "{" + String.join(",", m) + "}");
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.append('"').toString();
  }
}
