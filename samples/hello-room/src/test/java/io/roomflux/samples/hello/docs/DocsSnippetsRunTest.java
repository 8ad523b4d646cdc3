package io.roomflux.samples.hello.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.devserver.LiveKitDevServer;
import io.roomflux.reactor.InvalidTokenException;
import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.data.ByteStreamReader;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.media.AudioSource;
import io.roomflux.reactor.media.LocalAudioTrack;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.rpc.RpcException;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The feature pages' snippets, run against a real livekit-server: bob joins first, then alice,
 * and each test waits until bob sees alice before she acts.
 */
@LiveKitIntegrationTest
class DocsSnippetsRunTest {
  private static final Duration IO = Duration.ofSeconds(30);

  private LiveKit lk;
  private Room bob;
  private Room alice;
  private String url;

  @BeforeEach
  void join(LiveKitDevServer devServer) {
    url = devServer.url().toString();
    lk = LiveKit.create();
    String room = "docs-" + UUID.randomUUID();
    bob = lk.connect(url, devServer.token("bob", room), RoomOptions.defaults()).block(IO);
    // Alice's token also lets her change her own name, metadata and attributes; bob's does not.
    alice = lk.connect(url, ParticipantSnippets.token(devServer.apiKey(), devServer.apiSecret(), room),
        RoomOptions.defaults()).block(IO);
    Mono<Void> arrived = bob.events().filter(e -> bob.remoteParticipants().containsKey("alice")).next().then();
    Mono.firstWithSignal(arrived,
        Mono.defer(() -> bob.remoteParticipants().containsKey("alice") ? Mono.<Void>empty() : Mono.<Void>never()))
        .block(IO);
  }

  @AfterEach
  void leave() {
    lk.closeRooms().block(IO);
    assertThat(lk.diagnostics().liveHandles()).isZero();
    lk.close();
  }

  @Test
  void theRpcSnippetsMakeARoundTripAndTellTheErrorsApart() {
    RpcSnippets.register(bob);
    RpcSnippets.refuse(bob);
    RpcSnippets.registerAndDispose(bob);

    StepVerifier.create(RpcSnippets.call(alice))
        .expectNext("hello, alice; you sent {\"mood\":\"sunny\"}")
        .expectComplete()
        .verify(IO);
    StepVerifier.create(RpcSnippets.callAndHandle(alice))
        .expectNext("refused: empty transfer {\"field\":\"amount\"}")
        .expectComplete()
        .verify(IO);
    StepVerifier.create(alice.localParticipant().performRpc("bob", "shout", "hi"))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RpcException.class,
            rpc -> assertThat(rpc.code()).isEqualTo(RpcException.UNSUPPORTED_METHOD)))
        .verify(IO);
  }

  @Test
  void theDataSnippetsDeliverOnTheirTopicAndInOrder() {
    StepVerifier.create(DataSnippets.receive(bob).next())
        .then(() -> DataSnippets.sendReliable(alice).block(IO))
        .expectNext("alice: {\"x\":3,\"y\":4}")
        .expectComplete()
        .verify(IO);

    List<String> lines = IntStream.range(0, 50).mapToObj(i -> "line " + i).toList();
    StepVerifier.create(bob.dataPackets("log").map(p -> new String(p.bytes(), StandardCharsets.UTF_8))
            .take(lines.size()).collectList())
        .then(() -> DataSnippets.sendInOrder(alice, lines).block(IO))
        .expectNext(lines)
        .expectComplete()
        .verify(IO);
  }

  @Test
  void thePipelinedAndFlatMapSnippetsDeliverInOrderAndTheThresholdIsReported() {
    List<String> readings = IntStream.range(0, 200).mapToObj(i -> "reading " + i).toList();
    StepVerifier.create(bob.dataPackets("telemetry").map(p -> new String(p.bytes(), StandardCharsets.UTF_8))
            .take(readings.size()).collectList())
        .then(() -> assertThat(DataSnippets.sendPipelined(alice, Flux.fromIterable(readings)).block(IO))
            .isEqualTo(readings.size()))
        .expectNext(readings)
        .expectComplete()
        .verify(IO);

    List<String> lines = IntStream.range(0, 100).mapToObj(i -> "line " + i).toList();
    StepVerifier.create(bob.dataPackets("log").map(p -> new String(p.bytes(), StandardCharsets.UTF_8))
            .take(lines.size()).collectList())
        .then(() -> DataSnippets.sendConcurrentlyInOrder(alice, lines).block(IO))
        .expectNext(lines)
        .expectComplete()
        .verify(IO);

    StepVerifier.create(alice.events().ofType(RoomEvent.DataChannelLowThresholdChanged.class).next())
        .then(() -> DataSnippets.lowerThreshold(alice).block(IO))
        .assertNext(changed -> assertThat(changed.threshold()).isEqualTo(256 * 1024))
        .expectComplete()
        .verify(IO);
    assertThat(alice.info().reliableBufferedAmountLowThreshold()).isEqualTo(256 * 1024);
  }

  @Test
  void theDataTrackSnippetsPublishPushSubscribeAndUnpublish() {
    Sinks.Many<String> received = Sinks.many().replay().all();
    reactor.core.Disposable reading = DataTrackSnippets.receive(bob).subscribe(received::tryEmitNext);
    io.roomflux.reactor.data.LocalDataTrack track = DataTrackSnippets.publish(alice).block(IO);
    assertThat(track).isNotNull();
    reactor.core.Disposable pushing = DataTrackSnippets.pushPaced(track);
    try {
      StepVerifier.create(received.asFlux().next())
          .assertNext(text -> assertThat(text).matches("\\d+ tick \\d+"))
          .expectComplete()
          .verify(IO);
      assertThat(DataTrackSnippets.pushOne(track, 42)).isTrue();
    } finally {
      pushing.dispose();
      reading.dispose();
    }
    StepVerifier.create(DataTrackSnippets.publishOrReuse(alice, track)).expectNext(track).expectComplete().verify(IO);
    DataTrackSnippets.unpublish(track).block(IO);
    assertThat(track.isPublished()).isFalse();
  }

  @Test
  void aPayloadOverTheLimitIsSentAsAByteStreamInstead() {
    byte[] payload = new byte[70_000];
    StepVerifier.create(bob.byteStreams("moves").next().flatMap(ByteStreamReader::readAll))
        .then(() -> DataSnippets.sendLarge(alice, payload).block(IO))
        .assertNext(bytes -> assertThat(bytes.remaining()).isEqualTo(payload.length))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void theStreamSnippetsDeliverTextPiecesAndFiles(@TempDir Path dir) throws IOException {
    StepVerifier.create(StreamSnippets.readTexts(bob).next())
        .then(() -> StreamSnippets.sendText(alice, "quarterly report").block(IO))
        .expectNext("alice sent 16 characters")
        .expectComplete()
        .verify(IO);

    StepVerifier.create(StreamSnippets.readChunks(bob).scan("", String::concat)
            .filter(text -> text.equals("Hello, bob!")).next())
        .then(() -> StreamSnippets.streamText(alice, Flux.just("Hel", "lo, ", "bob", "!")).block(IO))
        .expectNext("Hello, bob!")
        .expectComplete()
        .verify(IO);

    Path file = Files.writeString(dir.resolve("notes.txt"), "minutes of the meeting");
    Path inbox = Files.createDirectory(dir.resolve("inbox"));
    StepVerifier.create(StreamSnippets.saveFiles(bob, inbox).next())
        .then(() -> {
          StreamInfo sent = StreamSnippets.sendFile(alice, file).block(IO);
          assertThat(sent).isNotNull();
          assertThat(sent.name()).contains("notes.txt");
        })
        .assertNext(saved -> {
          assertThat(saved.getFileName().toString()).isEqualTo("notes.txt");
          assertThat(saved).hasContent("minutes of the meeting");
        })
        .expectComplete()
        .verify(IO);
  }

  @Test
  void theParticipantSnippetsChangeWhatOthersSeeAndSendChat() {
    StepVerifier.create(bob.events().ofType(RoomEvent.ParticipantAttributesChanged.class)
            .filter(e -> "host".equals(e.attributes().get("role"))).next())
        .then(() -> ParticipantSnippets.describeSelf(alice).block(IO))
        .expectNextCount(1)
        .expectComplete()
        .verify(IO);
    assertThat(alice.localParticipant().info().name()).isEqualTo("Alice Liddell");
    assertThat(alice.localParticipant().info().attributes()).containsEntry("role", "host").doesNotContainKey("status");
    StepVerifier.create(ParticipantSnippets.describeSelf(bob))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OperationFailedException.class)
            .hasMessageContaining("permission"))
        .verify(IO);

    StepVerifier.create(ParticipantSnippets.chatReceived(bob).take(2).collectList())
        .then(() -> ParticipantSnippets.chat(alice).block(IO))
        .expectNext(List.of("alice: helo, everyone", "alice (edited): hello, everyone"))
        .expectComplete()
        .verify(IO);

    StepVerifier.create(ParticipantSnippets.stats(alice))
        .assertNext(summary -> assertThat(summary).contains("bytes out").contains("data messages sent"))
        .expectComplete()
        .verify(IO);
    StepVerifier.create(ParticipantSnippets.permissions(alice, "TR_none")).expectComplete().verify(IO);
    assertThat(ParticipantSnippets.roster(bob)).contains("alice (Alice Liddell) role=host");
  }

  @Test
  void theSubscribeSnippetSubscribesAParticipantWithoutAutoSubscribeToAMicrophone(LiveKitDevServer devServer) {
    Room carol = lk.connect(url, devServer.token("carol", alice.name()),
        RoomOptions.builder().autoSubscribe(false).build()).block(IO);
    java.util.concurrent.CompletableFuture<String> subscribed = carol.events()
        .ofType(RoomEvent.TrackSubscribed.class).map(e -> e.track().sid()).next().toFuture();
    java.util.concurrent.CompletableFuture<Void> asked = ParticipantSnippets.subscribeToMicrophones(carol).toFuture();
    AudioSource source = lk.media().audioSource(48_000, 1);
    LocalAudioTrack track = lk.media().audioTrack("mic", source);
    try {
      TrackPublication published = alice.localParticipant()
          .publishTrack(track, TrackPublishOptions.microphone()).block(IO);
      assertThat(published).isNotNull();
      assertThat(asked).succeedsWithin(IO);
      assertThat(subscribed).succeedsWithin(IO).isEqualTo(published.sid());
    } finally {
      track.closeLater().then(source.closeLater()).block(IO);
    }
  }

  @Test
  void theConnectErrorSnippetSaysWhatToDoAboutARejectedToken() {
    Queue<String> said = new ConcurrentLinkedQueue<>();
    StepVerifier.create(TroubleshootingSnippets.join(lk, url, "not-a-token", said::add))
        .expectError(InvalidTokenException.class)
        .verify(IO);
    assertThat(said).singleElement().asString().startsWith("mint a new token: ");
  }
}
