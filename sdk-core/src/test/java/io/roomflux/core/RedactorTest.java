package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each secret form the core or a server can print is masked, and the text around it is kept.
 */
class RedactorTest {
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsInZpZGVvIjp7InJvb21Kb2luIjp0cnVlfX0.c2lnbmF0dXJlX2J5dGVz";

  @Test
  void accessTokenInAWebSocketUrlQueryIsMaskedAndTheOtherParametersKept() {
    String text = "connecting to ws://10.77.0.1:7880/rtc?access_token=opaqueSecret42&auto_subscribe=1&sdk=rust";

    String redacted = Redactor.redact(text);

    assertThat(redacted)
        .doesNotContain("opaqueSecret42")
        .isEqualTo("connecting to ws://10.77.0.1:7880/rtc?access_token=<redacted>&auto_subscribe=1&sdk=rust");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"token\":\"opaqueSecret42\",\"room\":\"r\"}",
      "{\"access_token\": \"opaqueSecret42\", \"room\": \"r\"}",
      "Join { access_token: \"opaqueSecret42\", room: \"r\" }",
      "ConnectRequest { url: \"ws://h\", token: Some(\"opaqueSecret42\") }"})
  void opaqueTokensInJsonAndDebugFormsAreMasked(String text) {
    String redacted = Redactor.redact(text);

    assertThat(redacted).doesNotContain("opaqueSecret42").contains(Redactor.MASK).contains("r");
  }

  @Test
  void jwtAccessTokenInAUrlIsMasked() {
    String redacted = Redactor.redact("GET /rtc?access_token=" + JWT + " HTTP/1.1");

    assertThat(redacted)
        .doesNotContain(JWT)
        .doesNotContain("c2lnbmF0dXJlX2J5dGVz")
        .isEqualTo("GET /rtc?access_token=<redacted> HTTP/1.1");
  }

  @Test
  void bearerAuthorizationHeaderIsMasked() {
    String redacted = Redactor.redact("request headers: Authorization: Bearer xyzSecret, Accept: */*");

    assertThat(redacted)
        .doesNotContain("xyzSecret")
        .isEqualTo("request headers: Authorization: Bearer <redacted>, Accept: */*");
  }

  @Test
  void bearerAuthorizationInJsonIsMasked() {
    String redacted = Redactor.redact("{\"authorization\":\"Bearer xyzSecret\",\"room\":\"r1\"}");

    assertThat(redacted)
        .doesNotContain("xyzSecret")
        .isEqualTo("{\"authorization\":\"Bearer <redacted>\",\"room\":\"r1\"}");
  }

  @Test
  void tokenFieldOfARustDebugConnectRequestIsMaskedAndTheUrlKept() {
    String text = "ConnectRequest { url: \"ws://h\", token: \"" + JWT
        + "\", options: RoomOptions { auto_subscribe: Some(true), join_retries: Some(3) }, request_async_id: None }";

    String redacted = Redactor.redact(text);

    assertThat(redacted)
        .doesNotContain(JWT)
        .isEqualTo("ConnectRequest { url: \"ws://h\", token: \"<redacted>\", options: RoomOptions "
            + "{ auto_subscribe: Some(true), join_retries: Some(3) }, request_async_id: None }");
  }

  @Test
  void optionalTokenFieldIsMasked() {
    String redacted = Redactor.redact("TokenRefreshed { token: Some(\"not-a-jwt-but-secret\") }");

    assertThat(redacted)
        .doesNotContain("not-a-jwt-but-secret")
        .isEqualTo("TokenRefreshed { token: Some(\"<redacted>\") }");
  }

  @Test
  void bareJwtInsideASentenceIsMasked() {
    String redacted = Redactor.redact("the server rejected " + JWT + " because it expired");

    assertThat(redacted)
        .doesNotContain("eyJhbGciOiJIUzI1NiJ9")
        .doesNotContain("c2lnbmF0dXJlX2J5dGVz")
        .isEqualTo("the server rejected <redacted> because it expired");
  }

  @Test
  void e2eeSharedKeyAndSaltAreMaskedAndTheOtherOptionsKept() {
    String text = "E2eeOptions { encryption_type: Gcm, key_provider_options: KeyProviderOptions { "
        + "shared_key: Some([1, 2, 3]), ratchet_window_size: 16, ratchet_salt: [76, 75, 71], failure_tolerance: -1 } }";

    String redacted = Redactor.redact(text);

    assertThat(redacted)
        .doesNotContain("[1, 2, 3]")
        .doesNotContain("[76, 75, 71]")
        .isEqualTo("E2eeOptions { encryption_type: Gcm, key_provider_options: KeyProviderOptions { "
            + "shared_key: Some([<redacted>]), ratchet_window_size: 16, ratchet_salt: [<redacted>], "
            + "failure_tolerance: -1 } }");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "room r1 connected in 412 ms",
      "failed to handle request FfiRequest { message: Some(SetLocalMetadata(SetLocalMetadataRequest "
          + "{ local_participant_handle: 9, metadata: \"x\", request_async_id: Some(7) })) }: "
          + "InvalidRequest(\"handle not found\")",
      "ice candidate 10.77.0.1:50000 udp; keyframe requested; token bucket refilled",
      "Bearer of bad news: short",
      "{\"sid\":\"RM_abc\",\"num_participants\":2}"})
  void textWithoutSecretsIsUnchanged(String text) {
    assertThat(Redactor.redact(text)).isEqualTo(text);
  }
}
