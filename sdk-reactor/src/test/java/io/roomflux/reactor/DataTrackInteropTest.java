package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.data.DataTrackFrame;
import io.roomflux.reactor.data.LocalDataTrack;
import io.roomflux.reactor.data.RemoteDataTrack;
import io.roomflux.testkit.LiveKitIntegrationTest;
import io.roomflux.testkit.PythonPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Data tracks between RoomFlux and LiveKit's own Python SDK 1.2.1 ({@link PythonPeer}), which
 * has {@code publish_data_track}, on the real livekit-server: frames each way, in order, with
 * their user timestamps; unpublishing ends the other side's stream.
 */
@LiveKitIntegrationTest
class DataTrackInteropTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final int FRAMES = 10;

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("dtrack-interop");

  @Test
  void framesOfAPythonDataTrackReachRoomFluxInOrderWithTheirTimestamps() throws Exception {
    Room java = rooms.join("java");
    CompletableFuture<RemoteDataTrack> seen = DataTrackTest.remoteTrack(java, "py-telemetry");
    PythonPeer py = rooms.startPeer(rooms.peer("py").publishDataTrack("py-telemetry"));
    PythonPeer.Report published = py.awaitReport(r -> r.is("data_track_published"), IO);

    RemoteDataTrack remote = seen.get(IO.toSeconds(), TimeUnit.SECONDS);
    assertThat(published.text("sid")).contains(remote.info().sid());
    assertThat(remote.publisherIdentity()).isEqualTo("py");
    assertThat(remote.isPublished()).isTrue();
    List<DataTrackFrame> frames = remote.subscribe().take(FRAMES).collectList().block(IO);
    assertThat(frames).hasSize(FRAMES);
    System.out.println("INTEROP python -> java data track: " + frames.stream().map(DataTrackTest::text).toList());
    long previous = -1;
    for (DataTrackFrame frame : frames) {
      String text = DataTrackTest.text(frame);
      assertThat(text).startsWith("py-");
      long index = Long.parseLong(text.substring(3));
      assertThat(frame.userTimestamp()).as("timestamp of " + text).isEqualTo(Optional.of(index));
      assertThat(index).as("frames in push order").isGreaterThan(previous);
      previous = index;
    }
  }

  @Test
  void framesOfARoomFluxDataTrackReachThePythonSdkAndUnpublishEndsItsStream() {
    Room java = rooms.join("java");
    PythonPeer py = rooms.startPeer(rooms.peer("py").subscribeDataTracks("java"));
    LocalDataTrack track = java.localParticipant().publishDataTrack("java-telemetry").block(IO);
    assertThat(track).isNotNull();
    PythonPeer.Report subscribed = py.awaitReport(r -> r.is("data_track_subscribed"), IO);
    assertThat(subscribed.text("sid")).contains(track.info().sid());
    assertThat(subscribed.text("name")).contains("java-telemetry");

    // Frames pushed before the peer's subscription reached the server are not delivered: push
    // until it has reported enough.
    Disposable pusher = track.push(Flux.interval(Duration.ofMillis(20))
        .map(i -> DataTrackFrame.of(("java-" + i).getBytes(StandardCharsets.UTF_8), i))).subscribe();
    List<PythonPeer.Report> frames;
    try {
      AtomicInteger seenFrames = new AtomicInteger();
      py.awaitReport(r -> r.is("data_frame") && seenFrames.incrementAndGet() >= FRAMES, IO);
      frames = py.reports().stream().filter(r -> r.is("data_frame")).limit(FRAMES).toList();
    } finally {
      pusher.dispose();
    }
    System.out.println("INTEROP java -> python data track: " + frames);
    double previous = -1;
    for (PythonPeer.Report frame : frames) {
      String text = frame.text("payload").orElseThrow();
      assertThat(text).startsWith("java-");
      long index = Long.parseLong(text.substring(5));
      assertThat(frame.number("user_timestamp")).as("timestamp of " + text).isEqualTo((double) index);
      assertThat((double) index).as("frames in push order").isGreaterThan(previous);
      previous = index;
    }

    track.unpublish().block(IO);
    py.awaitReport(r -> r.is("data_track_ended"), IO);
  }
}
