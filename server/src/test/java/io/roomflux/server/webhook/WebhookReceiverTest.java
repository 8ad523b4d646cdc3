package io.roomflux.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.roomflux.RoomFluxException;
import io.roomflux.server.proto.WebhookEvent;
import io.roomflux.server.webhook.WebhookVerificationException.Reason;
import io.roomflux.token.TokenVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/** Each way a webhook is accepted or refused, and the ready reactor-netty route. */
class WebhookReceiverTest {
  private static final String KEY = "webhookkey";
  private static final String SECRET = "a-webhook-secret-of-at-least-32-bytes!";
  private static final String BODY = "{\"event\":\"participant_joined\",\"room\":{\"sid\":\"RM_1\",\"name\":\"lobby\"},"
      + "\"participant\":{\"identity\":\"alice\",\"state\":\"ACTIVE\"},\"id\":\"EV_1\",\"createdAt\":\"1700000000\","
      + "\"aFieldFromTheFuture\":{\"x\":1}}";

  private final WebhookReceiver receiver = WebhookReceiver.builder(KEY, SECRET).maxBodyBytes(4096).build();

  static String sign(String key, String secret, byte[] body, Instant issuedAt, Duration ttl) throws Exception {
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
        .issuer(key).notBeforeTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(ttl)))
        .claim("sha256", hash).build());
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }

  static String sign(byte[] body) throws Exception {
    return sign(KEY, SECRET, body, Instant.now(), Duration.ofMinutes(5));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSignedWebhookIsParsedIgnoringUnknownFields() throws Exception {
    WebhookEvent event = receiver.receive(bytes(BODY), Optional.of(sign(bytes(BODY))));

    assertThat(event.getEvent()).isEqualTo("participant_joined");
    assertThat(event.getRoom().getName()).isEqualTo("lobby");
    assertThat(event.getParticipant().getIdentity()).isEqualTo("alice");
    assertThat(event.getCreatedAt()).isEqualTo(1_700_000_000L);
  }

  @Test
  void aBearerPrefixIsAccepted() throws Exception {
    assertThat(receiver.receive(bytes(BODY), Optional.of("Bearer " + sign(bytes(BODY)))).getId()).isEqualTo("EV_1");
  }

  @Test
  void aWebhookWithoutAuthorizationIsRefused() {
    assertRefused(bytes(BODY), Optional.empty(), Reason.MISSING_SIGNATURE);
  }

  @Test
  void aWebhookSignedWithAnotherSecretIsRefusedAsBadSignature() throws Exception {
    String jwt = sign(KEY, "another-secret-that-is-also-32-bytes-long", bytes(BODY), Instant.now(), Duration.ofMinutes(5));

    assertRefused(bytes(BODY), Optional.of(jwt), Reason.BAD_SIGNATURE);
  }

  @Test
  void aWebhookSignedWithAnUnknownKeyIsRefusedAsBadSignature() throws Exception {
    String jwt = sign("otherkey", SECRET, bytes(BODY), Instant.now(), Duration.ofMinutes(5));

    assertThatThrownBy(() -> receiver.receive(bytes(BODY), Optional.of(jwt)))
        .isInstanceOf(WebhookVerificationException.class)
        .satisfies(e -> assertThat(((WebhookVerificationException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE))
        .cause().isInstanceOf(TokenVerificationException.class)
        .satisfies(c -> assertThat(((TokenVerificationException) c).reason()).isEqualTo(TokenVerificationException.Reason.UNKNOWN_KEY));
  }

  @Test
  void aTamperedBodyIsRefusedAsHashMismatch() throws Exception {
    String jwt = sign(bytes(BODY));

    assertRefused(bytes(BODY.replace("alice", "mallory")), Optional.of(jwt), Reason.BODY_HASH_MISMATCH);
  }

  @Test
  void anExpiredSignatureIsRefused() throws Exception {
    String jwt = sign(KEY, SECRET, bytes(BODY), Instant.now().minus(Duration.ofMinutes(10)), Duration.ofMinutes(5));

    assertRefused(bytes(BODY), Optional.of(jwt), Reason.BAD_SIGNATURE);
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItsSignatureIsChecked() {
    byte[] big = new byte[4097];

    assertRefused(big, Optional.of("not even a token"), Reason.BODY_TOO_LARGE);
  }

  @Test
  void aCorrectlySignedBodyThatIsNotAWebhookEventIsRefusedAsMalformed() throws Exception {
    byte[] body = bytes("[1,2,3]");

    assertRefused(body, Optional.of(sign(body)), Reason.MALFORMED_BODY);
  }

  @Test
  void theRouteAnswers200AndDeliversAVerifiedEventAnd401ForATamperedOne() throws Exception {
    List<WebhookEvent> delivered = new CopyOnWriteArrayList<>();
    DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.post("/webhook", receiver.handler(event -> {
          delivered.add(event);
          return Mono.empty();
        })))
        .bindNow(Duration.ofSeconds(30));
    try {
      String jwt = sign(bytes(BODY));
      HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port());

      Integer ok = client.headers(h -> h.set("Authorization", jwt).set("Content-Type", "application/webhook+json"))
          .post().uri("/webhook").send(Mono.fromSupplier(() -> io.netty.buffer.Unpooled.wrappedBuffer(bytes(BODY))))
          .response().map(r -> r.status().code()).block(Duration.ofSeconds(30));
      Integer refused = client.headers(h -> h.set("Authorization", jwt))
          .post().uri("/webhook").send(Mono.fromSupplier(() -> io.netty.buffer.Unpooled.wrappedBuffer(bytes(BODY + " "))))
          .response().map(r -> r.status().code()).block(Duration.ofSeconds(30));
      Integer tooLarge = client.headers(h -> h.set("Authorization", jwt))
          .post().uri("/webhook").send(Mono.fromSupplier(() -> io.netty.buffer.Unpooled.wrappedBuffer(new byte[10_000])))
          .response().map(r -> r.status().code()).block(Duration.ofSeconds(30));

      assertThat(ok).isEqualTo(200);
      assertThat(refused).isEqualTo(401);
      assertThat(tooLarge).isEqualTo(413);
      assertThat(delivered).extracting(WebhookEvent::getId).containsExactly("EV_1");
    } finally {
      server.disposeNow(Duration.ofSeconds(30));
    }
  }

  private void assertRefused(byte[] body, Optional<String> authorization, Reason reason) {
    assertThatThrownBy(() -> receiver.receive(body, authorization))
        .isInstanceOf(WebhookVerificationException.class)
        .isInstanceOf(RoomFluxException.class)
        .satisfies(e -> assertThat(((WebhookVerificationException) e).reason()).isEqualTo(reason));
  }
}
