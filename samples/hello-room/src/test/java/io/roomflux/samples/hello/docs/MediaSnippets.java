package io.roomflux.samples.hello.docs;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.media.EncodedVideoFrame;
import io.roomflux.reactor.media.EncodedVideoSource;
import io.roomflux.reactor.media.EncoderFeedback;
import io.roomflux.reactor.media.FrameMetadata;
import io.roomflux.reactor.media.FrameMetadataFeature;
import io.roomflux.reactor.media.LocalEncodedVideoTrack;
import io.roomflux.reactor.media.LocalVideoTrack;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.media.VideoCodec;
import io.roomflux.reactor.media.VideoFrame;
import io.roomflux.reactor.media.VideoSource;
import io.roomflux.reactor.media.VideoStreamOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Code that docs/media.md shows, between {@code tag::NAME[]} markers (its other blocks come from ToneSample). */
final class MediaSnippets {
  private MediaSnippets() {}

  /** What the application's encoder must provide: Annex-B access units, a key frame on demand. */
  interface Encoder {
    /** The next access unit; a key frame (an IDR with SPS and PPS) when {@code key} is true. */
    byte[] next(boolean key);

    /** Whether the last access unit was a key frame. */
    boolean lastWasKey();
  }

  /** Publishes a stream of already-encoded H.264 frames, with key frames when asked. */
  static Mono<Long> publishEncoded(LiveKit lk, Room room, Encoder encoder, int frames) {
    // tag::encoded[]
    EncodedVideoSource source = lk.media().encodedVideoSource(1280, 720, VideoCodec.H264);
    LocalEncodedVideoTrack track = lk.media().encodedVideoTrack("camera", source);

    // Receivers that join or lose packets ask for a key frame: the encoder must make one.
    AtomicBoolean keyFrameWanted = new AtomicBoolean(true);
    Disposable feedback = source.feedback().subscribe(f -> {
      switch (f) {
        case EncoderFeedback.KeyFrameRequest _ -> keyFrameWanted.set(true);
        case EncoderFeedback.RateControl r -> System.out.printf("encode at %d bit/s, %.0f fps%n",
            r.targetBitrateBps(), r.framerateFps());
      }
    });

    // Published with the source's codec and one layer, whatever the options say about codec.
    return room.localParticipant().publishTrack(track, TrackPublishOptions.camera())
        .thenMany(Flux.range(0, frames).map(n -> {
          byte[] accessUnit = encoder.next(keyFrameWanted.getAndSet(false));
          return EncodedVideoFrame.of(VideoCodec.H264, encoder.lastWasKey(), 1280, 720,
              Duration.ofMillis(33L * (n + 1)), accessUnit);
        }))
        .as(source::capture) // paced by the timestamps; the count of frames the core took
        .doFinally(signal -> {
          feedback.dispose();
          track.close();
          source.close();
        });
    // end::encoded[]
  }

  /** Publishes raw frames that carry metadata to their receivers. */
  static Mono<Void> publishWithMetadata(LiveKit lk, Room room, Flux<VideoFrame> frames) {
    // tag::metadata-publish[]
    VideoSource source = lk.media().videoSource(640, 360);
    LocalVideoTrack track = lk.media().videoTrack("camera", source);
    TrackPublishOptions options = TrackPublishOptions.camera()
        .withFrameMetadataFeatures(EnumSet.of(FrameMetadataFeature.FRAME_ID, FrameMetadataFeature.USER_TIMESTAMP));

    return room.localParticipant().publishTrack(track, options)
        .then(source.capture(frames.index((n, frame) -> frame.withMetadata(FrameMetadata.empty()
            .withFrameId(n + 1)
            .withUserTimestamp(System.currentTimeMillis() * 1000)))))
        .doFinally(signal -> {
          track.close();
          source.close();
        });
    // end::metadata-publish[]
  }

  /** Reads the metadata of received frames. */
  static Flux<String> receiveMetadata(Room room, String trackSid) {
    // tag::metadata-receive[]
    Flux<String> ids = room.videoFrames(trackSid, VideoStreamOptions.defaults())
        .map(frame -> frame.metadata()
            .flatMap(FrameMetadata::frameId)
            .map(id -> "frame " + id + " at " + frame.width() + "x" + frame.height())
            .orElse("a frame without metadata"));
    // end::metadata-receive[]
    return ids;
  }
}
