package io.roomflux.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.media.AudioFrame;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.Media;
import io.roomflux.reactor.media.AudioSourceOptions;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.CreateRoomRequest;
import io.roomflux.server.proto.WebhookEvent;
import io.roomflux.server.webhook.WebhookVerificationException.Reason;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.token.TokenVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * Webhooks from a real livekit-server v1.13.5 (started with a webhook URL that points at a
 * reactor-netty HTTP server in this JVM) pass {@link WebhookReceiver}'s checks; the same
 * webhooks, tampered, under another key or too late, are refused.
 */
@LiveKitIntegrationTest
class WebhookIntegrationTest {
  /** Media resources on the process\'s core (handles are process-wide). */
  private static final Media MEDIA = LiveKit.create().media();
  private static final Duration IO = Duration.ofSeconds(30);

  /** One webhook exactly as it arrived. */
  record Raw(byte[] body, Optional<String> authorization) {}

  @Test
  void theServersWebhooksForARoomsLifeAreVerifiedAndParsedAndTamperedOnesAreRefused() throws Exception {
    List<Raw> raw = new CopyOnWriteArrayList<>();
    Sinks.Many<WebhookEvent> events = Sinks.many().replay().all();
    WebhookReceiver receiver = WebhookReceiver.builder("devkey", "secret").build();
    DisposableServer hooks = HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.post("/livekit/webhook", (request, response) -> request.receive().aggregate().asByteArray()
            .flatMap(body -> {
              Optional<String> authorization = Optional.ofNullable(request.requestHeaders().get("Authorization"));
              raw.add(new Raw(body, authorization));
              WebhookEvent event = receiver.receive(body, authorization);
              events.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
              return response.status(200).send().then();
            })))
        .bindNow(IO);
    String room = "hooked-" + UUID.randomUUID();
    try (LiveKitDevServer server = LiveKitDevServer.builder()
            .configYaml("webhook: {api_key: devkey, urls: ['http://127.0.0.1:" + hooks.port() + "/livekit/webhook']}")
            .start();
        ServerApi api = ServerApi.builder(server.httpUrl().toString(), server.apiKey(), server.apiSecret()).build();
        LiveKit lk = LiveKit.create()) {
      Flux<String> names = events.asFlux().filter(e -> e.getRoom().getName().equals(room)).map(WebhookEvent::getEvent);

      StepVerifier.create(names.take(5))
          .then(() -> {
            api.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).build()).block(IO);
            Room alice = lk.connect(server.url().toString(), server.token("alice", room), RoomOptions.defaults()).block(IO);
            AudioSource source = MEDIA.audioSource(AudioSourceOptions.of(48_000, 1).withQueueSize(Duration.ofMillis(100)));
            LocalAudioTrack track = MEDIA.audioTrack("mic", source);
            TrackPublication publication = alice.localParticipant().publishTrack(track, TrackPublishOptions.microphone()).block(IO);
            assertThat(publication).isNotNull();
            Disposable feed = source.capture(Flux.generate(sink -> sink.next(AudioFrame.of(new short[480], 48_000, 1)))).subscribe();
            feed.dispose();
            alice.disconnect().block(IO);
            Mono.when(track.closeLater(), source.closeLater()).block(IO);
            api.roomService().deleteRoom(room).block(IO);
          })
          .expectNext("room_started", "participant_joined", "track_published")
          .expectNextMatches(name -> name.equals("participant_left") || name.equals("track_unpublished"))
          .thenConsumeWhile(name -> !name.equals("room_finished"))
          .expectComplete()
          .verify(IO);
    } finally {
      hooks.disposeNow(IO);
    }
    assertThat(raw).isNotEmpty();
    Raw first = raw.get(0);
    assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains(room);

    assertThatThrownBy(() -> receiver.receive(new String(first.body(), StandardCharsets.UTF_8)
            .replace(room, room + "-forged").getBytes(StandardCharsets.UTF_8), first.authorization()))
        .isInstanceOf(WebhookVerificationException.class)
        .satisfies(e -> assertThat(((WebhookVerificationException) e).reason()).isEqualTo(Reason.BODY_HASH_MISMATCH));
    assertThatThrownBy(() -> WebhookReceiver.builder("devkey", "another-secret").build().receive(first.body(), first.authorization()))
        .isInstanceOf(WebhookVerificationException.class)
        .satisfies(e -> assertThat(((WebhookVerificationException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE));
    assertThatThrownBy(() -> WebhookReceiver.builder("devkey", "secret")
            .clock(Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC)).build()
            .receive(first.body(), first.authorization()))
        .isInstanceOf(WebhookVerificationException.class)
        .cause().isInstanceOf(TokenVerificationException.class)
        .satisfies(c -> assertThat(((TokenVerificationException) c).reason()).isEqualTo(TokenVerificationException.Reason.EXPIRED));
  }
}
