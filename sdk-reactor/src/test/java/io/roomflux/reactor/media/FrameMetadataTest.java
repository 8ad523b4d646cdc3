package io.roomflux.reactor.media;

import static io.roomflux.reactor.PublishedTrack.await;
import static io.roomflux.reactor.PublishedTrack.subscribedTrack;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomFixture;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Frame metadata end to end against a real livekit-server and the real core: a publication that
 * enables the metadata features carries each captured frame's {@link FrameMetadata} to its
 * subscribers, who find it on the decoded frames.
 */
@LiveKitIntegrationTest
class FrameMetadataTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final int WIDTH = 160;
  private static final int HEIGHT = 120;

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("metadata");

  /** The metadata of frame {@code n}: frame id n + 1 (0 is "unset"), a timestamp and a text. */
  static FrameMetadata metadataOf(int n) {
    return FrameMetadata.empty().withFrameId(n + 1).withUserTimestamp(1_700_000_000_000_000L + n)
        .withUserData(("frame-" + n).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void metadataCapturedWithRawFramesArrivesWithTheDecodedFrames() {
    List<VideoFrame> frames = publishAndReceive(EnumSet.allOf(FrameMetadataFeature.class), 20);

    List<Optional<FrameMetadata>> received = frames.stream().map(VideoFrame::metadata).toList();
    System.out.printf("METADATA received: %s%n", received.stream()
        .map(m -> m.map(x -> x.frameId() + "/" + x.userTimestamp() + "/"
            + new String(x.userDataBytes(), StandardCharsets.UTF_8)).orElse("none")).toList());
    assertThat(received).allSatisfy(m -> assertThat(m).isPresent());
    long last = 0;
    for (Optional<FrameMetadata> m : received) {
      FrameMetadata metadata = m.orElseThrow();
      long id = metadata.frameId().orElseThrow();
      int n = (int) id - 1;
      assertThat(metadata).as("the metadata sent with frame %d", n).isEqualTo(metadataOf(n));
      assertThat(id).as("frame ids in capture order").isGreaterThan(last);
      last = id;
    }
  }

  @Test
  void anyFeatureTurnsTheTrailerOnAndTheBundledCoreThenSendsEveryFieldSet() {
    List<VideoFrame> frames = publishAndReceive(EnumSet.of(FrameMetadataFeature.FRAME_ID), 10);

    // livekit-ffi 0.13.2 does not filter the fields by feature: documented on FrameMetadataFeature.
    assertThat(frames).allSatisfy(f -> {
      FrameMetadata metadata = f.metadata().orElseThrow();
      assertThat(metadata).isEqualTo(metadataOf((int) (long) metadata.frameId().orElseThrow() - 1));
    });
  }

  @Test
  void aPublicationWithoutFeaturesCarriesNoMetadata() {
    List<VideoFrame> frames = publishAndReceive(Set.of(), 10);

    assertThat(frames).allSatisfy(f -> assertThat(f.metadata()).isEmpty());
  }

  private List<VideoFrame> publishAndReceive(Set<FrameMetadataFeature> features, int count) {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<String> subscribed = subscribedTrack(bob, "alice", TrackKind.VIDEO);
    VideoSource source = rooms.closeAfter(rooms.lk().media().videoSource(WIDTH, HEIGHT));
    LocalVideoTrack track = rooms.closeAfter(rooms.lk().media().videoTrack("camera", source));
    TrackPublishOptions options = TrackPublishOptions.camera().withSimulcast(false)
        .withFrameMetadataFeatures(features);
    assertThat(options.frameMetadataFeatures()).isEqualTo(features);
    alice.localParticipant().publishTrack(track, options).block(IO);
    ByteBuffer pixels = ByteBuffer.allocateDirect(VideoBufferType.I420.frameSize(WIDTH, HEIGHT));
    AtomicInteger n = new AtomicInteger();
    Disposable feed = Flux.interval(Duration.ofMillis(50), Schedulers.single()).subscribe(tick -> {
      int k = n.getAndIncrement();
      source.captureFrame(VideoFrame.i420(WIDTH, HEIGHT, pixels).withTimestamp(Duration.ofMillis(50L * (k + 1)))
          .withMetadata(metadataOf(k)));
    });
    try {
      String sid = await(subscribed, IO);
      List<VideoFrame> frames = new ArrayList<>();
      StepVerifier.create(bob.videoFrames(sid, VideoStreamOptions.defaults()).take(count))
          .recordWith(() -> frames).expectNextCount(count).expectComplete().verify(IO);
      return frames;
    } finally {
      feed.dispose();
    }
  }
}
