package io.roomflux.reactor.media;

import static io.roomflux.reactor.PublishedTrack.await;
import static io.roomflux.reactor.PublishedTrack.subscribedTrack;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomFixture;
import io.roomflux.reactor.participant.TrackKind;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Pre-encoded video end to end against a real livekit-server and the real core: an H.264 stream
 * encoded in the test (jcodec, no periodic key frames) is published through an
 * {@link EncodedVideoSource}, passed through by the core without re-encoding, and decoded by
 * RoomFlux subscribers; the encoder feedback asks for the key frames they need, and the producer
 * makes a key frame only when asked.
 */
@LiveKitIntegrationTest
class EncodedVideoTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final int WIDTH = 320;
  private static final int HEIGHT = 240;

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("encoded");

  @Test
  void anH264StreamEncodedInJavaIsDecodedAtItsSizeWithItsPicturesInOrderAndTheirMetadata() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<String> subscribed = subscribedTrack(bob, "alice", TrackKind.VIDEO);

    try (EncodedCamera camera = EncodedCamera.publish(rooms, alice)) {
      assertThat(camera.publication.kind()).isEqualTo(TrackKind.VIDEO);
      String sid = await(subscribed, IO);
      List<VideoFrame> frames = new ArrayList<>();
      StepVerifier.create(bob.videoFrames(sid, VideoStreamOptions.of(VideoBufferType.I420)).take(40))
          .recordWith(() -> frames)
          .expectNextCount(40)
          .expectComplete()
          .verify(IO);

      List<Integer> positions = frames.stream().map(H264Stream::markerPosition).toList();
      int steps = 0;
      int forward = 0;
      for (int i = 1; i < positions.size(); i++) {
        int delta = Math.floorMod(positions.get(i) - positions.get(i - 1), H264Stream.POSITIONS);
        if (positions.get(i) >= 0 && positions.get(i - 1) >= 0 && delta != 0) {
          steps++;
          forward += delta <= H264Stream.POSITIONS / 2 ? 1 : 0;
        }
      }
      System.out.printf("ENCODED: %d frames encoded (%d key), %d taken by the core; received %s; block positions "
              + "%s; feedback %s%n", camera.produced.get(), camera.keys.get(), camera.accepted(),
          frames.stream().map(f -> f.width() + "x" + f.height()).distinct().toList(), positions, camera.feedback);

      assertThat(frames).allSatisfy(f -> {
        assertThat(f.width()).isEqualTo(WIDTH);
        assertThat(f.height()).isEqualTo(HEIGHT);
      });
      assertThat(positions.stream().filter(p -> p >= 0).count()).as("decoded frames showing the block")
          .isGreaterThanOrEqualTo(36);
      assertThat(positions.stream().filter(p -> p >= 0).distinct().count()).as("distinct block positions")
          .isEqualTo(H264Stream.POSITIONS);
      assertThat(forward).as("moves of the block that go forward, of %d", steps).isGreaterThanOrEqualTo(steps * 9 / 10);
      // The metadata of each encoded frame arrives with its decoded picture.
      assertThat(frames).allSatisfy(f -> {
        FrameMetadata metadata = f.metadata().orElseThrow();
        int n = (int) (long) metadata.frameId().orElseThrow() - 1;
        assertThat(metadata).isEqualTo(FrameMetadataTest.metadataOf(n));
        int position = H264Stream.markerPosition(f);
        assertThat(position).as("block of the frame that carried frame id %d", n + 1)
            .isIn(-1, H264Stream.position(n));
      });
      // Published as H.264 although the options said VP8: the source's codec wins.
      assertThat(camera.track.stats().block(IO).codec()).contains("video/H264");
      assertThat(camera.feedback).as("rate targets of WebRTC's congestion control")
          .anySatisfy(f -> assertThat(f).isInstanceOfSatisfying(EncoderFeedback.RateControl.class,
              r -> assertThat(r.targetBitrateBps()).isPositive()));
    }
  }

  @Test
  void aLateSubscriberMakesTheFeedbackAskForAKeyFrameAndDecodesFromIt() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    CompletableFuture<String> bobSubscribed = subscribedTrack(bob, "alice", TrackKind.VIDEO);

    try (EncodedCamera camera = EncodedCamera.publish(rooms, alice)) {
      String sid = await(bobSubscribed, IO);
      StepVerifier.create(bob.videoFrames(sid, VideoStreamOptions.defaults()).take(20))
          .expectNextCount(20).expectComplete().verify(IO);
      // The stream is running and decoded; from now on a key frame is made only when asked.
      camera.feedback.clear();
      int keysBefore = camera.keys.get();

      Room carol = rooms.join("carol");
      String carolSid = await(subscribedTrack(carol, "alice", TrackKind.VIDEO), IO);
      List<VideoFrame> frames = new ArrayList<>();
      StepVerifier.create(carol.videoFrames(carolSid, VideoStreamOptions.defaults()).take(10))
          .recordWith(() -> frames).expectNextCount(10).expectComplete().verify(IO);
      System.out.printf("ENCODED late subscriber: key frames %d before carol, %d after; feedback since %s%n",
          keysBefore, camera.keys.get(), camera.feedback);

      assertThat(camera.feedback).as("feedback after carol joined").contains(new EncoderFeedback.KeyFrameRequest());
      assertThat(camera.keys.get()).as("key frames made, all on request, after carol joined").isGreaterThan(keysBefore);
      assertThat(frames).allSatisfy(f -> assertThat(List.of(f.width(), f.height())).containsExactly(WIDTH, HEIGHT));
    }
  }

  /**
   * An encoded source fed by {@link H264Stream} through {@link EncodedVideoSource#capture} at 15
   * frames per second (paced by the frames' timestamps), with a key frame whenever the feedback
   * asks for one.
   */
  private static final class EncodedCamera implements AutoCloseable {
    final H264Stream stream = new H264Stream(WIDTH, HEIGHT);
    final ConcurrentLinkedQueue<EncoderFeedback> feedback = new ConcurrentLinkedQueue<>();
    final AtomicBoolean keyRequested = new AtomicBoolean();
    final AtomicInteger produced = new AtomicInteger();
    final AtomicInteger keys = new AtomicInteger();
    final Sinks.Empty<Void> stop = Sinks.empty();
    final EncodedVideoSource source;
    final LocalEncodedVideoTrack track;
    TrackPublication publication;
    Disposable feedbackSubscription;
    CompletableFuture<Long> captured;

    private EncodedCamera(EncodedVideoSource source, LocalEncodedVideoTrack track) {
      this.source = source;
      this.track = track;
    }

    static EncodedCamera publish(RoomFixture rooms, Room room) {
      EncodedVideoSource source = rooms.lk().media().encodedVideoSource(WIDTH, HEIGHT, VideoCodec.H264);
      LocalEncodedVideoTrack track = rooms.lk().media().encodedVideoTrack("encoded-camera", source);
      EncodedCamera camera = new EncodedCamera(source, track);
      camera.feedbackSubscription = source.feedback().subscribe(f -> {
        camera.feedback.add(f);
        if (f instanceof EncoderFeedback.KeyFrameRequest) {
          camera.keyRequested.set(true);
        }
      });
      // The options ask for VP8 with simulcast: an encoded track is published with its source's
      // codec, one layer, whatever they say.
      camera.publication = room.localParticipant().publishTrack(track, TrackPublishOptions.camera()
          .withFrameMetadataFeatures(EnumSet.allOf(FrameMetadataFeature.class))).block(IO);
      Flux<EncodedVideoFrame> frames = Flux.<EncodedVideoFrame, Integer>generate(() -> 0, (n, sink) -> {
        // Frame n shows the block at H264Stream.position(n) and carries the metadata of frame n.
        EncodedVideoFrame frame = camera.stream.next(camera.keyRequested.getAndSet(false), Duration.ofMillis(66L * (n + 1)))
            .withMetadata(FrameMetadataTest.metadataOf(n));
        camera.produced.incrementAndGet();
        if (frame.keyFrame()) {
          camera.keys.incrementAndGet();
        }
        sink.next(frame);
        return n + 1;
      }).takeUntilOther(camera.stop.asMono());
      camera.captured = source.capture(frames).toFuture();
      return camera;
    }

    long accepted() {
      return captured.getNow(-1L);
    }

    /** Stops the producer, waits for its last capture, then releases track and source. */
    @Override
    public void close() {
      stop.tryEmitEmpty();
      try {
        long accepted = captured.get(IO.toMillis(), TimeUnit.MILLISECONDS);
        System.out.printf("ENCODED: the core took %d of %d frames%n", accepted, produced.get());
      } catch (Exception e) {
        throw new AssertionError("the producer did not stop", e);
      } finally {
        feedbackSubscription.dispose();
        track.closeLater().then(source.closeLater()).block(IO);
      }
    }
  }
}
