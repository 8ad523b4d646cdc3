package io.roomflux.reactor.internal.room;

import io.roomflux.core.Redactor;
import io.roomflux.reactor.ConnectException;
import io.roomflux.reactor.InvalidTokenException;
import io.roomflux.reactor.ServerUnreachableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts a failed connect into the API's connect errors. The core reports a failed connect only as
 * text (the {@code error} of {@code ConnectCallback}), so the sorting reads that text: first an
 * HTTP status the server answered (401 and 403: the token; 404: the URL's path), then the
 * transport failures the core names (refused, DNS, unreachable). docs/troubleshooting lists them;
 * anything else is a plain {@link ConnectException} carrying the core's words.
 */
public final class ConnectErrors {
  private static final Pattern HTTP_STATUS = Pattern.compile(
      "(?:http(?: error)?|status(?: code)?)[^0-9]{0,12}([1-5][0-9]{2})\\b", Pattern.CASE_INSENSITIVE);

  private ConnectErrors() {
  }

  /**
   * Checks a URL before anything is sent.
   *
   * @param url what the caller passed
   * @return why it cannot be used, if it cannot
   */
  public static Optional<String> checkUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!Set.of("ws", "wss", "http", "https").contains(scheme)) {
        return Optional.of("unsupported URL '" + Redactor.redact(url) + "': use ws://, wss://, http:// or https://");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        return Optional.of("URL '" + Redactor.redact(url) + "' has no host");
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of("malformed URL '" + Redactor.redact(url) + "': " + e.getReason());
    }
  }

  /**
   * The API error for the core's connect failure.
   *
   * @param coreError the core's text, secrets already redacted
   * @return the error to signal
   */
  public static ConnectException classify(String coreError) {
    Matcher status = HTTP_STATUS.matcher(coreError);
    if (status.find()) {
      int code = Integer.parseInt(status.group(1));
      if (code == 401 || code == 403) {
        return new InvalidTokenException("the server rejected the token (HTTP " + code + "): " + coreError);
      }
      if (code == 404) {
        return new ServerUnreachableException("the server answered 404: check the URL's path (" + coreError + ")");
      }
    }
    String lower = coreError.toLowerCase(Locale.ROOT);
    if (lower.contains("401") || lower.contains("403") || lower.contains("forbidden")
        || lower.contains("unauthorized") || lower.contains("permission denied") || lower.contains("invalid token")
        || lower.contains("token is expired") || lower.contains("token")) {
      return new InvalidTokenException("the server rejected the token: " + coreError);
    }
    if (lower.contains("connection refused") || lower.contains("dns") || lower.contains("resolve")
        || lower.contains("unreachable") || lower.contains("no route") || lower.contains("404")
        || lower.contains("transport connection error") || lower.contains("url")) {
      return new ServerUnreachableException("the server could not be reached: " + coreError);
    }
    return new ConnectException("joining the room failed: " + coreError);
  }
}
