package io.roomflux.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks HS256 signatures with any secret length, the counterpart of {@link HmacSha256Signer}
 * (nimbus's {@code MACVerifier} refuses LiveKit's short dev-mode secret). Compares in constant
 * time.
 */
final class HmacSha256Verifier implements JWSVerifier {
  private static final String JCA_NAME = "HmacSHA256";

  private final byte[] secret;
  private final JCAContext jcaContext = new JCAContext();

  HmacSha256Verifier(byte[] secret) {
    this.secret = secret.clone();
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
    if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance(JCA_NAME);
      mac.init(new SecretKeySpec(secret, JCA_NAME));
      return MessageDigest.isEqual(mac.doFinal(signingInput), signature.decode());
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
