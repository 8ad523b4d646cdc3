package io.roomflux.samples.hello.docs;

import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.data.DataTrackException;
import io.roomflux.reactor.data.DataTrackFrame;
import io.roomflux.reactor.data.DataTrackFrameEncoding;
import io.roomflux.reactor.data.DataTrackOptions;
import io.roomflux.reactor.data.DataTrackSchemaEncoding;
import io.roomflux.reactor.data.DataTrackSchemaId;
import io.roomflux.reactor.data.DataTrackSubscribeOptions;
import io.roomflux.reactor.data.LocalDataTrack;
import io.roomflux.reactor.data.RemoteDataTrack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The code that docs/data-tracks.md shows, between {@code tag::NAME[]} markers. */
final class DataTrackSnippets {
  private DataTrackSnippets() {}

  /** Publishes a data track. */
  static Mono<LocalDataTrack> publish(Room room) {
    // tag::publish[]
    Mono<LocalDataTrack> published = room.localParticipant().publishDataTrack("telemetry");
    // end::publish[]
    return published;
  }

  /** Pushes one frame. */
  static boolean pushOne(LocalDataTrack track, long millis) {
    // tag::push[]
    byte[] reading = ("{\"t\":" + millis + ",\"temp\":21.5}").getBytes(StandardCharsets.UTF_8);
    boolean queued = track.tryPush(DataTrackFrame.of(reading, millis));
    // false: the core's send queue was full and this frame was dropped (push later, or skip it)
    // end::push[]
    return queued;
  }

  /** Pushes a frame every 50 ms until disposed. */
  static Disposable pushPaced(LocalDataTrack track) {
    // tag::push-paced[]
    Disposable pushing = Flux.interval(Duration.ofMillis(50))
        .subscribe(i -> track.tryPush(DataTrackFrame.of(("tick " + i).getBytes(StandardCharsets.UTF_8), i)));
    // end::push-paced[]
    return pushing;
  }

  /** The frames of the first data track named "telemetry" that someone publishes. */
  static Flux<String> receive(Room room) {
    // tag::subscribe[]
    Flux<String> readings = room.events()
        .ofType(RoomEvent.DataTrackPublished.class)
        .filter(e -> e.track().name().equals("telemetry"))
        .next()
        .flatMapMany(e -> room.remoteDataTrack(e.track().sid()).map(RemoteDataTrack::subscribe)
            .orElse(Flux.empty()))
        .map(frame -> frame.userTimestamp().orElse(-1L) + " " + new String(frame.bytes(), StandardCharsets.UTF_8));
    // end::subscribe[]
    return readings;
  }

  /** Subscribing with a larger buffer and more reassembly slots. */
  static Flux<DataTrackFrame> subscribeWithOptions(RemoteDataTrack track) {
    // tag::subscribe-options[]
    Flux<DataTrackFrame> frames = track.subscribe(DataTrackSubscribeOptions.defaults()
        .withBufferSize(64)          // frames the core keeps while the subscriber is busy; oldest dropped
        .withMaxPartialFrames(4));   // frames reassembled at once (interleaved packets)
    // end::subscribe-options[]
    return frames;
  }

  /** Unpublishes. */
  static Mono<Void> unpublish(LocalDataTrack track) {
    // tag::unpublish[]
    Mono<Void> unpublished = track.unpublish(); // subscribers' Flux completes; the handle is released
    // end::unpublish[]
    return unpublished;
  }

  /** A second track of the same name is refused. */
  static Mono<LocalDataTrack> publishOrReuse(Room room, LocalDataTrack existing) {
    // tag::duplicate[]
    Mono<LocalDataTrack> track = room.localParticipant().publishDataTrack("telemetry")
        .onErrorResume(DataTrackException.class, e -> e.reason() == DataTrackException.Reason.DUPLICATE_NAME
            ? Mono.just(existing) : Mono.error(e));
    // end::duplicate[]
    return track;
  }

  /** Defines a schema and publishes a track that names it. */
  static Mono<LocalDataTrack> publishWithSchema(Room room) {
    // tag::schema-define[]
    DataTrackSchemaId pose = DataTrackSchemaId.of("Pose",
        DataTrackSchemaEncoding.of(DataTrackSchemaEncoding.WellKnown.JSON_SCHEMA));
    Mono<LocalDataTrack> track = room.localParticipant()
        .defineSchema(pose, "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\"}}}")
        .then(room.localParticipant().publishDataTrack("pose", DataTrackOptions.defaults()
            .withSchema(pose)
            .withFrameEncoding(DataTrackFrameEncoding.of(DataTrackFrameEncoding.WellKnown.JSON))));
    // end::schema-define[]
    return track;
  }

  /** Fetches the schema a remote track names. */
  static Mono<String> fetchSchema(Room room, RemoteDataTrack track) {
    // tag::schema-get[]
    Mono<String> definition = Mono.justOrEmpty(track.info().schema())
        .flatMap(id -> room.localParticipant().schema(track.publisherIdentity(), id));
    // end::schema-get[]
    return definition;
  }
}
