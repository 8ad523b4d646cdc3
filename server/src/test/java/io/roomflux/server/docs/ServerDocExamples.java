package io.roomflux.server.docs;

import io.roomflux.server.NotFoundException;
import io.roomflux.server.ServerApi;
import io.roomflux.server.TwirpException;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.server.proto.DataPacket;
import io.roomflux.server.proto.ParticipantInfo;
import io.roomflux.server.proto.SendDataRequest;
import io.roomflux.server.webhook.WebhookReceiver;
import io.roomflux.token.TokenVerifier;
import io.roomflux.token.VerifiedToken;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The code docs/server.md shows, compiled by the build; {@code ServerDocSnippetTest} checks that
 * the document contains each tagged block verbatim.
 */
final class ServerDocExamples {
  private ServerDocExamples() {}

  static Mono<List<String>> rooms(String url, String apiKey, String apiSecret) {
    // tag::server-api[]
    ServerApi api = ServerApi.builder(url, apiKey, apiSecret)  // http(s):// or ws(s)://
        .timeout(Duration.ofSeconds(5))                        // bounds every call, retries included
        .build();                                              // one connection pool; close() releases it

    return api.roomService()
        .createRoom(CreateRoomRequest.newBuilder().setName("support-42").setEmptyTimeout(300).build())
        .flatMap(room -> api.roomService().listParticipants(room.getName()))
        .map(answer -> answer.getParticipantsList().stream().map(ParticipantInfo::getIdentity).toList())
        .doFinally(signal -> api.close());
    // end::server-api[]
  }

  static Mono<Void> errors(ServerApi api) {
    // tag::errors[]
    return api.roomService()
        .sendData(SendDataRequest.newBuilder()
            .setRoom("support-42")
            .setData(ByteString.copyFromUtf8("closing in 5 minutes"))
            .setKind(DataPacket.Kind.RELIABLE)
            .setTopic("announcements")
            .build())
        .then()
        .onErrorResume(NotFoundException.class, gone -> Mono.empty())   // the room has ended
        .doOnError(TwirpException.class, e -> System.err.println(e.code() + ": " + e.serverMessage()));
    // end::errors[]
  }

  static DisposableServer webhooks() {
    // tag::webhooks[]
    WebhookReceiver receiver = WebhookReceiver.builder("devkey", "secret").build();
    DisposableServer server = HttpServer.create()
        .port(8081)
        .route(routes -> routes.post("/livekit/webhook", receiver.handler(event -> {
          // Verified: known key, valid signature, body hash matches. Runs on the event loop.
          System.out.println(event.getEvent() + " in " + event.getRoom().getName());
          return Mono.empty();
        })))
        .bindNow();
    // end::webhooks[]
    return server;
  }

  static boolean isRoomAdmin(String jwt) {
    // tag::verify[]
    TokenVerifier verifier = TokenVerifier.builder()
        .key("devkey", "secret")
        .leeway(Duration.ofSeconds(60))
        .build();
    VerifiedToken token = verifier.verify(jwt);   // TokenVerificationException if refused
    boolean admin = token.videoGrant().map(grant -> grant.toClaim().containsKey("roomAdmin")).orElse(false);
    // end::verify[]
    return admin;
  }

}
