package io.roomflux.testkit;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.token.AccessToken;
import io.roomflux.token.VideoGrant;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A minimal client of LiveKit's room service API: Twirp over HTTP with JSON bodies
 * ({@code POST /twirp/livekit.RoomService/<Method>}), each call authorized by a short-lived
 * token signed with the API secret.
 *
 * <p>Calls block the calling thread for at most about 10 s. Thread-safe.
 */
public final class RoomServiceClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TOKEN_TTL = Duration.ofMinutes(10);

  private final URI baseUrl;
  private final String apiKey;
  private final String apiSecret;
  private final HttpClient http;

  private RoomServiceClient(URI baseUrl, String apiKey, String apiSecret) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.apiSecret = apiSecret;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(TIMEOUT)
            .build();
  }

  /**
   * Creates a client for the server at {@code httpUrl}.
   *
   * @param httpUrl the server's HTTP base URL, such as {@link LiveKitDevServer#httpUrl()}
   * @param apiKey the API key
   * @param apiSecret the API secret
   * @return the client
   * @throws IllegalArgumentException if the key or secret is empty
   */
  public static RoomServiceClient create(URI httpUrl, String apiKey, String apiSecret) {
    if (apiKey.isEmpty() || apiSecret.isEmpty()) {
      throw new IllegalArgumentException("apiKey and apiSecret must not be empty");
    }
    return new RoomServiceClient(Objects.requireNonNull(httpUrl, "httpUrl"), apiKey, apiSecret);
  }

  /**
   * Creates a client for a dev server, signed with its key and secret.
   *
   * @param server the server
   * @return the client
   */
  public static RoomServiceClient of(LiveKitDevServer server) {
    return create(server.httpUrl(), server.apiKey(), server.apiSecret());
  }

  /**
   * Creates a room, or returns quietly if it exists.
   *
   * @param name the room name, not empty
   * @throws RoomServiceException if the server refuses
   * @throws UncheckedIOException if the server cannot be reached, or the thread is interrupted
   *     (with an {@link InterruptedIOException} cause and the interrupt flag set again)
   */
  public void createRoom(String name) {
    call("CreateRoom", VideoGrant.builder().roomCreate(true).build(), "{\"name\":" + Json.quote(name) + "}");
  }

  /**
   * Deletes a room, disconnecting its participants.
   *
   * @param name the room name
   * @throws RoomServiceException if the server refuses, with code {@code not_found} if there
   *     is no such room
   * @throws UncheckedIOException if the server cannot be reached or the thread is interrupted
   */
  public void deleteRoom(String name) {
    call("DeleteRoom", VideoGrant.builder().roomCreate(true).build(), "{\"room\":" + Json.quote(name) + "}");
  }

  /**
   * Lists the rooms that exist.
   *
   * @return the room names, in the server's order
   * @throws RoomServiceException if the server refuses
   * @throws UncheckedIOException if the server cannot be reached or the thread is interrupted
   */
  public List<String> listRooms() {
    Map<String, Object> answer = call("ListRooms", VideoGrant.builder().roomList(true).build(), "{}");
    return field(answer, "rooms", "name");
  }

  /**
   * Lists the participants in a room.
   *
   * @param room the room name
   * @return the participants' identities, in the server's order
   * @throws RoomServiceException if the server refuses
   * @throws UncheckedIOException if the server cannot be reached or the thread is interrupted
   */
  public List<String> listParticipants(String room) {
    Map<String, Object> answer =
        call("ListParticipants", adminOf(room), "{\"room\":" + Json.quote(room) + "}");
    return field(answer, "participants", "identity");
  }

  /**
   * Disconnects a participant from a room.
   *
   * @param room the room name
   * @param identity the participant's identity
   * @throws RoomServiceException if the server refuses, with code {@code not_found} if there
   *     is no such participant
   * @throws UncheckedIOException if the server cannot be reached or the thread is interrupted
   */
  public void removeParticipant(String room, String identity) {
    call(
        "RemoveParticipant",
        adminOf(room),
        "{\"room\":" + Json.quote(room) + ",\"identity\":" + Json.quote(identity) + "}");
  }

  private static VideoGrant adminOf(String room) {
    return VideoGrant.builder().roomAdmin(true).room(room).build();
  }

  private Map<String, Object> call(String method, VideoGrant grant, String body) {
    String token =
        AccessToken.builder().apiKey(apiKey).apiSecret(apiSecret).ttl(TOKEN_TTL).videoGrant(grant).build().toJwt();
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve("/twirp/livekit.RoomService/" + method))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("RoomService." + method + " at " + baseUrl + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException cause = new InterruptedIOException("interrupted during RoomService." + method);
      cause.initCause(e);
      throw new UncheckedIOException(cause);
    }
    if (response.statusCode() != 200) {
      throw error(method, response);
    }
    if (!(parse(method, response.body()) instanceof Map<?, ?> map)) {
      throw new RoomServiceException(method, 200, "malformed", "the answer is not a JSON object: " + response.body());
    }
    @SuppressWarnings("unchecked") // Json.parse makes only Map<String, Object> objects
    Map<String, Object> answer = (Map<String, Object>) map;
    return answer;
  }

  private static Object parse(String method, String body) {
    try {
      return Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw new RoomServiceException(method, 200, "malformed", e.getMessage() + ": " + body);
    }
  }

  private static RoomServiceException error(String method, HttpResponse<String> response) {
    int status = response.statusCode();
    String body = response.body();
    try {
      if (Json.parse(body) instanceof Map<?, ?> twirp
          && twirp.get("code") instanceof String code
          && twirp.get("msg") instanceof String msg) {
        return new RoomServiceException(method, status, code, msg);
      }
    } catch (IllegalArgumentException notJson) {
      // Errors from outside Twirp, such as a bad token, come as plain text.
    }
    return new RoomServiceException(method, status, "http_" + status, body.strip());
  }

  /** Collects {@code answer[list][*][key]}, the one string field this client needs from each entry. */
  private static List<String> field(Map<String, Object> answer, String list, String key) {
    List<String> values = new ArrayList<>();
    if (answer.get(list) instanceof List<?> entries) {
      for (Object entry : entries) {
        if (entry instanceof Map<?, ?> map && map.get(key) instanceof String value) {
          values.add(value);
        }
      }
    }
    return List.copyOf(values);
  }
}
