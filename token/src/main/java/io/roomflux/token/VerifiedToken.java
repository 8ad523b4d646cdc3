package io.roomflux.token;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a token that {@link TokenVerifier} accepted says, read into the types
 * {@link AccessToken} builds tokens from.
 *
 * @param apiKey the issuer ({@code iss}), a key the verifier knows
 * @param identity the subject ({@code sub}), if any
 * @param name the participant's name, if any
 * @param metadata the participant's metadata, if any
 * @param attributes the participant's attributes, possibly empty
 * @param videoGrant the {@code video} grant, if any
 * @param sipGrant the {@code sip} grant, if any
 * @param sha256 the {@code sha256} claim (a webhook body's hash, base64), if any
 * @param notBefore the start of validity ({@code nbf}), if any
 * @param expiresAt the end of validity ({@code exp})
 */
public record VerifiedToken(
    String apiKey,
    Optional<String> identity,
    Optional<String> name,
    Optional<String> metadata,
    Map<String, String> attributes,
    Optional<VideoGrant> videoGrant,
    Optional<SipGrant> sipGrant,
    Optional<String> sha256,
    Optional<Instant> notBefore,
    Instant expiresAt) {

  /** Copies the attributes, so the record stays immutable. */
  public VerifiedToken {
    attributes = Map.copyOf(attributes);
  }
}
