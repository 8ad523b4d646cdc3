package io.roomflux.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 with any secret length. Nimbus's own {@code MACSigner} refuses secrets under 256 bits
 * (RFC 7518 §3.2), but LiveKit's dev-mode secret is the six bytes {@code secret}, and the server
 * checks the signature against exactly those bytes, so padding or stretching is not an option.
 */
final class HmacSha256Signer implements JWSSigner {
  private static final String JCA_NAME = "HmacSHA256";

  private final byte[] secret;
  private final JCAContext jcaContext = new JCAContext();

  HmacSha256Signer(byte[] secret) {
    this.secret = secret.clone();
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
      throw new JOSEException("only HS256 is supported, not " + header.getAlgorithm());
    }
    try {
      Mac mac = Mac.getInstance(JCA_NAME);
      mac.init(new SecretKeySpec(secret, JCA_NAME));
      return Base64URL.encode(mac.doFinal(signingInput));
    } catch (GeneralSecurityException e) {
      throw new JOSEException("HMAC-SHA256 failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.HS256);
  }

  @Override
  public JCAContext getJCAContext() {
    return jcaContext;
  }
}
