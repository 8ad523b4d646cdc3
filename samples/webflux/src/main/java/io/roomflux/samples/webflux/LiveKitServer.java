package io.roomflux.samples.webflux;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The livekit-server the bot talks to, and the credentials that sign its join tokens.
 *
 * @param url the server's URL
 * @param apiKey the API key
 * @param apiSecret the API secret
 */
public record LiveKitServer(String url, String apiKey, String apiSecret) {
  /**
   * The embedded server if there is one, else the configured server.
   *
   * @param properties the {@code roomflux.*} settings
   * @param embedded the embedded server, or {@code null} when {@code roomflux.embedded=false}
   * @return the server
   * @throws IllegalStateException if the settings contradict each other or are incomplete
   */
  static LiveKitServer from(RoomFluxProperties properties, @Nullable LiveKitDevServer embedded) {
    if (embedded != null) {
      if (!properties.url().isEmpty() || !properties.apiKey().isEmpty() || !properties.apiSecret().isEmpty()) {
        throw new IllegalStateException("roomflux.url, roomflux.api-key and roomflux.api-secret are for"
            + " another server: set roomflux.embedded=false to use them");
      }
      return new LiveKitServer(embedded.url().toString(), embedded.apiKey(), embedded.apiSecret());
    }
    List<String> missing = new ArrayList<>();
    if (properties.url().isEmpty()) {
      missing.add("roomflux.url");
    }
    if (properties.apiKey().isEmpty()) {
      missing.add("roomflux.api-key");
    }
    if (properties.apiSecret().isEmpty()) {
      missing.add("roomflux.api-secret");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("roomflux.embedded=false needs " + String.join(", ", missing));
    }
    return new LiveKitServer(properties.url(), properties.apiKey(), properties.apiSecret());
  }

  /**
   * Mints a token to join {@code room} as {@code identity}, allowed to publish and receive data.
   *
   * @param identity the participant identity
   * @param room the room
   * @return the JWT
   */
  String token(String identity, String room) {
    return AccessToken.builder()
        .apiKey(apiKey)
        .apiSecret(apiSecret)
        .identity(identity)
        .videoGrant(VideoGrant.builder()
            .roomJoin(true)
            .room(room)
            .canPublish(true)
            .canSubscribe(true)
            .canPublishData(true)
            .build())
        .build()
        .toJwt();
  }

  @Override
  public String toString() {
    // Never the secret.
    return "LiveKitServer[url=" + url + ", apiKey=" + apiKey + "]";
  }
}
