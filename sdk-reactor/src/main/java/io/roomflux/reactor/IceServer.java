package io.roomflux.reactor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN or TURN server for the room's peer connections, added to those the LiveKit server
 * announces. {@link #toString()} hides the password.
 *
 * @param urls the server's URLs, e.g. {@code turn:turn.example.com:3478?transport=udp}
 * @param username the TURN user name, if any
 * @param password the TURN credential, if any
 */
public record IceServer(List<String> urls, Optional<String> username, Optional<String> password) {
  /** Copies and checks the URLs. */
  public IceServer {
    urls = List.copyOf(urls);
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("an ICE server needs at least one URL");
    }
  }

  /**
   * A server without credentials (typically STUN).
   *
   * @param urls its URLs
   * @return the server
   */
  public static IceServer of(String... urls) {
    return new IceServer(List.of(urls), Optional.empty(), Optional.empty());
  }

  /**
   * A server with credentials (typically TURN).
   *
   * @param username the user name
   * @param password the credential
   * @param urls its URLs
   * @return the server
   */
  public static IceServer withCredentials(String username, String password, String... urls) {
    return new IceServer(List.of(urls), Optional.of(username), Optional.of(password));
  }

  @Override
  public String toString() {
    return "IceServer[urls=" + urls + ", username=" + username.orElse("") + ", password="
        + (password.isPresent() ? "<redacted>" : "") + "]";
  }

}
