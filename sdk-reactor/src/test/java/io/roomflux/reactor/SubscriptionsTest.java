package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.media.AudioStreamOptions;
import io.roomflux.reactor.media.DegradationPreference;
import io.roomflux.reactor.media.VideoBufferType;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoStreamOptions;
import io.roomflux.reactor.media.LocalVideoTrack;
import io.roomflux.reactor.media.Media;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.media.TrackStats;
import io.roomflux.reactor.media.VideoSource;
import io.roomflux.reactor.participant.RemoteTrack;
import io.roomflux.reactor.participant.Subscriptions;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.participant.TrackSource;
import io.roomflux.reactor.participant.VideoQuality;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link Room#subscriptions()} against the real server: with auto-subscribe off, the local client
 * receives exactly the publications it subscribes to, until it unsubscribes; pausing forwarding and
 * choosing a video layer or size are taken by the core, and the layer chosen is the one the server
 * forwards (seen in the size of the decoded frames); unknown tracks and bad sizes are refused.
 */
@LiveKitIntegrationTest
class SubscriptionsTest {
  private static final Duration IO = Duration.ofSeconds(30);
  // 720p: the core's simulcast layers are then 320x180, 640x360 and 1280x720 (at 360p its two
  // layers were both 640x360, as the server's track info showed, so no choice changed the size).
  private static final int W = 1280;
  private static final int H = 720;
  private static final RoomOptions MANUAL = RoomOptions.builder().autoSubscribe(false).build();

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("subs");

  @Test
  void withAutoSubscribeOffOnlyTheSubscribedOfTwoTracksIsReceivedUntilUnsubscribed() {
    Room bob = rooms.join("bob", MANUAL);
    List<String> bobSubscribed = new CopyOnWriteArrayList<>();
    Disposable watch = bob.events().ofType(RoomEvent.TrackSubscribed.class)
        .subscribe(e -> bobSubscribed.add(e.track().sid()));
    rooms.closeAfter(watch::dispose);
    CompletableFuture<List<String>> bothPublished = bob.events().ofType(RoomEvent.TrackPublished.class)
        .map(e -> e.publication().sid()).take(2).collectList().toFuture();

    Room alice = rooms.join("alice");
    List<String> aliceSeenSubscribed = new CopyOnWriteArrayList<>();
    Disposable aliceWatch = alice.events().ofType(RoomEvent.LocalTrackSubscribed.class)
        .subscribe(e -> aliceSeenSubscribed.add(e.trackSid()));
    rooms.closeAfter(aliceWatch::dispose);
    ToneTrack wanted = rooms.closeAfter(ToneTrack.publish(alice, 440, IO));
    ToneTrack other = rooms.closeAfter(ToneTrack.publish(alice, 660, IO));
    assertThat(bothPublished).succeedsWithin(IO).asInstanceOf(
            org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
        .containsExactlyInAnyOrder(wanted.sid(), other.sid());
    assertThat(bob.publications("alice")).containsOnlyKeys(wanted.sid(), other.sid());

    CompletableFuture<String> subscribed = PublishedTrack.subscribedTrack(bob, "alice", TrackKind.AUDIO);
    StepVerifier.create(bob.subscriptions().subscribe(wanted.sid())).expectComplete().verify(IO);
    assertThat(subscribed).as("the one subscribed to").succeedsWithin(IO).isEqualTo(wanted.sid());
    StepVerifier.create(bob.audioFrames(wanted.sid(), AudioStreamOptions.defaults()).take(5))
        .as("its audio flows").expectNextCount(5).expectComplete().verify(IO);

    CompletableFuture<Void> streamEnded = bob.audioFrames(wanted.sid(), AudioStreamOptions.defaults())
        .then().toFuture();
    CompletableFuture<String> unsubscribed = bob.events().ofType(RoomEvent.TrackUnsubscribed.class)
        .map(RoomEvent.TrackUnsubscribed::trackSid).next().toFuture();
    StepVerifier.create(bob.subscriptions().unsubscribe(wanted.sid())).expectComplete().verify(IO);
    assertThat(unsubscribed).succeedsWithin(IO).isEqualTo(wanted.sid());
    assertThat(streamEnded).as("a stream reading the unsubscribed track completes").succeedsWithin(IO);

    // Events are emitted in order: by the time the unsubscription was seen, any subscription the
    // server had made would have been seen too.
    assertThat(bobSubscribed).as("never subscribed to the other track").containsExactly(wanted.sid());
    assertThat(aliceSeenSubscribed).as("the publisher saw only that subscription").containsOnly(wanted.sid());
  }

  @Test
  void pausingForwardingAndChoosingAVideoLayerOrSizeAreTakenAndBadRequestsAreRefused() {
    Room bob = rooms.join("bob", MANUAL);
    CompletableFuture<TrackPublication> published = bob.events().ofType(RoomEvent.TrackPublished.class)
        .map(RoomEvent.TrackPublished::publication).next().toFuture();
    Room alice = rooms.join("alice");
    Media media = rooms.lk().media();
    VideoSource source = media.videoSource(320, 240);
    LocalVideoTrack track = media.videoTrack("camera", source);
    rooms.closeAfter(() -> track.closeLater().then(source.closeLater()).block(IO));
    TrackPublication local = alice.localParticipant()
        .publishTrack(track, TrackPublishOptions.camera().withSimulcast(true)).block(IO);
    assertThat(local).isNotNull();
    assertThat(published).succeedsWithin(IO).extracting(TrackPublication::sid).isEqualTo(local.sid());

    Subscriptions subs = bob.subscriptions();
    StepVerifier.create(subs.subscribe(local.sid()).then(subs.setVideoQuality(local.sid(), VideoQuality.LOW))
            .then(subs.setVideoDimensions(local.sid(), 160, 120))
            .then(subs.setEnabled(local.sid(), false))
            .then(subs.setEnabled(local.sid(), true)))
        .expectComplete().verify(IO);

    StepVerifier.create(subs.subscribe("TR_no_such_track"))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NoSuchTrackException.class)
            .hasMessageContaining("TR_no_such_track"))
        .verify(IO);
    StepVerifier.create(subs.setVideoDimensions(local.sid(), 0, 120))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("0x120"))
        .verify(IO);
  }

  @Test
  void aLowQualityRequestMakesTheServerForwardASmallerSimulcastLayerAndHighBringsTheFullSizeBack() {
    Room bob = rooms.join("bob", MANUAL);
    CompletableFuture<TrackPublication> published = bob.events().ofType(RoomEvent.TrackPublished.class)
        .map(RoomEvent.TrackPublished::publication).next().toFuture();
    Room alice = rooms.join("alice");
    Media media = rooms.lk().media();
    VideoSource source = media.videoSource(W, H);
    LocalVideoTrack track = media.videoTrack("camera", source);
    rooms.closeAfter(() -> track.closeLater().then(source.closeLater()).block(IO));
    TrackPublication local = alice.localParticipant().publishTrack(track, TrackPublishOptions.camera()
        .withSimulcast(true).withDegradationPreference(DegradationPreference.MAINTAIN_RESOLUTION)).block(IO);
    assertThat(local).isNotNull();
    // A moving gradient: every simulcast layer carries a real bitrate (a still image encodes to
    // almost nothing, and the server does not count a silent layer as available).
    ByteBuffer pixels = ByteBuffer.allocateDirect(VideoBufferType.I420.frameSize(W, H));
    long t0 = System.nanoTime();
    Disposable camera = Flux.interval(Duration.ofMillis(66)).subscribe(tick -> {
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          pixels.put(y * W + x, (byte) (x + 2 * y + 8 * tick));
        }
      }
      source.captureFrame(VideoFrame.i420(W, H, pixels.clear())
          .withTimestamp(Duration.ofNanos(System.nanoTime() - t0)));
    });
    rooms.closeAfter(camera::dispose);
    assertThat(published).succeedsWithin(IO);

    // The layer the server forwards is what bob decodes: its size is the server's choice.
    List<Integer> widths = new CopyOnWriteArrayList<>();
    Subscriptions subs = bob.subscriptions();
    StepVerifier.create(subs.subscribe(local.sid())).expectComplete().verify(IO);
    RemoteTrack remote = bob.subscribedTrack("alice", TrackSource.CAMERA).block(IO);
    assertThat(remote).isNotNull();
    Disposable frames = bob.videoFrames(remote.sid(), VideoStreamOptions.defaults())
        .subscribe(f -> widths.add(f.width()));
    rooms.closeAfter(frames::dispose);
    // Bandwidth estimation starts low: wait until the full-size layer arrives.
    awaitWidth(widths, w -> w == W, "the full " + W + "-pixel layer");

    StepVerifier.create(subs.setVideoQuality(local.sid(), VideoQuality.LOW)).expectComplete().verify(IO);
    awaitWidth(widths, w -> w < W, "a smaller layer after LOW");

    StepVerifier.create(subs.setVideoQuality(local.sid(), VideoQuality.HIGH)).expectComplete().verify(IO);
    awaitWidth(widths, w -> w == W, "the full layer again after HIGH");

    StepVerifier.create(subs.setVideoDimensions(local.sid(), 320, 180)).expectComplete().verify(IO);
    awaitWidth(widths, w -> w < W, "a smaller layer after asking for 320x180");
  }

  // Waits (bounded) for a frame whose width matches, looking only at frames that arrive from now.
  private static void awaitWidth(List<Integer> widths, java.util.function.IntPredicate which, String what) {
    int from = widths.size();
    Integer seen = Flux.interval(Duration.ofMillis(50))
        .map(i -> widths.subList(from, widths.size()).stream().filter(which::test).findFirst())
        .filter(java.util.Optional::isPresent).map(java.util.Optional::get).next()
        .timeout(Duration.ofSeconds(45), Mono.error(() -> new AssertionError("no frame with " + what
            + " within 45 s; widths since: " + widths.subList(from, widths.size()).stream().distinct().toList())))
        .block();
    assertThat(seen).isNotNull();
  }

  @Test
  void statsOfTheSentAndTheReceivedTrackCountPacketsEachWayWithTheirCodec() {
    Room bob = rooms.join("bob");
    Room alice = rooms.join("alice");
    ToneTrack tone = rooms.closeAfter(ToneTrack.publish(alice, 440, IO));
    RemoteTrack track = bob.subscribedTrack("alice", TrackSource.MICROPHONE).block(IO);
    assertThat(track).isNotNull();
    StepVerifier.create(bob.audioFrames(track.sid(), AudioStreamOptions.defaults()).take(50))
        .expectNextCount(50).expectComplete().verify(IO);

    // Statistics are sampled by WebRTC: ask until they show the packets that carried those frames.
    TrackStats received = Mono.defer(() -> bob.subscriptions().stats(track.sid())).repeatWhen(done -> done.delayElements(Duration.ofMillis(100)))
        .filter(s -> s.packetsReceived() > 0).next().block(IO);
    assertThat(received).isNotNull();
    assertThat(received.bytesReceived()).isPositive();
    assertThat(received.packetsSent()).isZero();
    assertThat(received.codec()).hasValueSatisfying(c -> assertThat(c).containsIgnoringCase("opus"));
    assertThat(received.frameWidth()).as("audio").isZero();

    TrackStats sent = Mono.defer(() -> tone.track().stats()).repeatWhen(done -> done.delayElements(Duration.ofMillis(100)))
        .filter(s -> s.packetsSent() > 0).next().block(IO);
    assertThat(sent).isNotNull();
    assertThat(sent.bytesSent()).isPositive();
    assertThat(sent.packetsReceived()).isZero();
    assertThat(sent.codec()).hasValueSatisfying(c -> assertThat(c).containsIgnoringCase("opus"));

    StepVerifier.create(bob.subscriptions().setTrackEnabled(track.sid(), false)).expectNext(false)
        .expectComplete().verify(IO);
    StepVerifier.create(bob.subscriptions().setTrackEnabled(track.sid(), true)).expectNext(true)
        .expectComplete().verify(IO);
    StepVerifier.create(bob.subscriptions().stats("TR_not_subscribed"))
        .expectError(NoSuchTrackException.class).verify(IO);
  }

  @Test
  void subscriptionsOfAClosedRoomAreRefused() {
    Room bob = rooms.join("bob", MANUAL);
    Room alice = rooms.join("alice");
    ToneTrack tone = rooms.closeAfter(ToneTrack.publish(alice, 440, IO));
    bob.participant("alice").block(IO);
    bob.disconnect().block(IO);
    StepVerifier.create(bob.subscriptions().subscribe(tone.sid()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RoomClosedException.class)
            .hasMessageContaining("subscribe refused"))
        .verify(IO);
  }
}
