package io.roomflux.spring.boot;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import org.springframework.core.env.Environment;

/** The connection details from {@code roomflux.*} with LiveKit's environment variables as fallback. */
final class PropertiesLiveKitConnectionDetails implements LiveKitConnectionDetails {
  private static final Set<String> SCHEMES = Set.of("ws", "wss", "http", "https");

  private final String url;
  private final String apiKey;
  private final String apiSecret;

  PropertiesLiveKitConnectionDetails(RoomFluxProperties properties, Environment environment) {
    this.url = resolve(properties.getUrl(), environment, "roomflux.url", "LIVEKIT_URL");
    this.apiKey = resolve(properties.getApiKey(), environment, "roomflux.api-key", "LIVEKIT_API_KEY");
    this.apiSecret = resolve(properties.getApiSecret(), environment, "roomflux.api-secret", "LIVEKIT_API_SECRET");
    checkUrl(url);
  }

  private static String resolve(String value, Environment environment, String property, String variable) {
    String resolved = value.isBlank() ? environment.getProperty(variable, "") : value;
    if (resolved.isBlank()) {
      throw new RoomFluxPropertyException(property, "is not set (nor the environment variable " + variable + ")",
          "Set " + property + " in the application's configuration or the environment variable " + variable + ".");
    }
    return resolved.strip();
  }

  private static void checkUrl(String url) {
    String problem;
    try {
      URI uri = new URI(url);
      problem = uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
          ? "must start with ws://, wss://, http:// or https://"
          : uri.getHost() == null ? "names no host" : "";
    } catch (URISyntaxException e) {
      problem = "is not a URL (" + e.getReason() + ")";
    }
    PropertyChecks.check(problem.isEmpty(), "roomflux.url", problem + ": '" + url + "'",
        "Set roomflux.url (or LIVEKIT_URL) to the server's URL, for example ws://localhost:7880.");
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public String apiKey() {
    return apiKey;
  }

  @Override
  public String apiSecret() {
    return apiSecret;
  }

  @Override
  public String toString() {
    return "LiveKitConnectionDetails[url=" + url + ", apiKey=" + apiKey + "]";
  }
}
