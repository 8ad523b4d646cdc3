package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.media.AudioStreamOptions;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link Room#subscriptions()} against the real server: with auto-subscribe off, the local client
 * receives exactly the publications it subscribes to, until it unsubscribes; pausing forwarding and
 * choosing a video layer or size are taken by the core; unknown tracks and bad sizes are refused.
 */
@LiveKitIntegrationTest
class SubscriptionsTest {
  private static final Duration IO = Duration.ofSeconds(30);
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
