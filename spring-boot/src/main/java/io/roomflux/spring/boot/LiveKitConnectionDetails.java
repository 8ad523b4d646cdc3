package io.roomflux.spring.boot;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the livekit-server is and the credentials for it. The auto-configuration's own bean reads
 * {@code roomflux.url}, {@code roomflux.api-key} and {@code roomflux.api-secret} (falling back to
 * {@code LIVEKIT_URL}, {@code LIVEKIT_API_KEY}, {@code LIVEKIT_API_SECRET}) and fails start-up if
 * one is missing; an application (or a test's service connection) may declare its own bean
 * instead. Implementations are immutable and thread-safe.
 */
public interface LiveKitConnectionDetails extends ConnectionDetails {

  /**
   * The server URL.
   *
   * @return {@code ws(s)://} or {@code http(s)://host[:port]}
   */
  String url();

  /**
   * The API key.
   *
   * @return the key
   */
  String apiKey();

  /**
   * The API secret. Never log or show it.
   *
   * @return the secret
   */
  String apiSecret();
}
