package io.roomflux.reactor.internal.room;

import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.EnableRemoteTrackPublicationRequest;
import io.roomflux.proto.EnableRemoteTrackRequest;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.GetStatsRequest;
import io.roomflux.proto.SetRemoteTrackPublicationQualityRequest;
import io.roomflux.proto.SetSubscribedRequest;
import io.roomflux.proto.UpdateRemoteTrackPublicationDimensionRequest;
import io.roomflux.reactor.NoSuchTrackException;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.internal.wire.ParticipantWire;
import io.roomflux.reactor.media.TrackStats;
import io.roomflux.reactor.participant.Subscriptions;
import io.roomflux.reactor.participant.VideoQuality;
import java.util.Objects;
import java.util.function.LongFunction;
import reactor.core.publisher.Mono;

/**
 * {@link Subscriptions} of a room: each call leases the remote publication's handle that
 * {@link RoomResources} keeps and sends one synchronous request through the {@link OperationRunner}.
 */
final class DefaultSubscriptions implements Subscriptions {
  private final String room;
  private final RoomResources resources;
  private final OperationRunner operations;

  DefaultSubscriptions(String room, RoomResources resources, OperationRunner operations) {
    this.room = room;
    this.resources = resources;
    this.operations = operations;
  }

  @Override
  public Mono<Void> subscribe(String trackSid) {
    return setSubscribed("subscribe", trackSid, true);
  }

  @Override
  public Mono<Void> unsubscribe(String trackSid) {
    return setSubscribed("unsubscribe", trackSid, false);
  }

  private Mono<Void> setSubscribed(String operation, String trackSid, boolean subscribe) {
    return send(operation, trackSid, h -> FfiRequest.newBuilder()
        .setSetSubscribed(SetSubscribedRequest.newBuilder().setPublicationHandle(h).setSubscribe(subscribe))
        .build());
  }

  @Override
  public Mono<Void> setEnabled(String trackSid, boolean enabled) {
    return send("setEnabled", trackSid, h -> FfiRequest.newBuilder()
        .setEnableRemoteTrackPublication(EnableRemoteTrackPublicationRequest.newBuilder()
            .setTrackPublicationHandle(h).setEnabled(enabled))
        .build());
  }

  @Override
  public Mono<Void> setVideoDimensions(String trackSid, int width, int height) {
    if (width < 1 || height < 1) {
      return Mono.error(new IllegalArgumentException(
          "video dimensions must be positive, got " + width + "x" + height));
    }
    return send("setVideoDimensions", trackSid, h -> FfiRequest.newBuilder()
        .setUpdateRemoteTrackPublicationDimension(UpdateRemoteTrackPublicationDimensionRequest.newBuilder()
            .setTrackPublicationHandle(h).setWidth(width).setHeight(height))
        .build());
  }

  @Override
  public Mono<Void> setVideoQuality(String trackSid, VideoQuality quality) {
    io.roomflux.proto.VideoQuality wire = ParticipantWire.toProto(Objects.requireNonNull(quality, "quality"));
    return send("setVideoQuality", trackSid, h -> FfiRequest.newBuilder()
        .setSetRemoteTrackPublicationQuality(SetRemoteTrackPublicationQualityRequest.newBuilder()
            .setTrackPublicationHandle(h).setQuality(wire))
        .build());
  }

  @Override
  public Mono<TrackStats> stats(String trackSid) {
    return subscribed("stats", trackSid).flatMap(track -> operations.operate("stats", track,
        (h, asyncId) -> FfiRequest.newBuilder().setGetStats(GetStatsRequest.newBuilder()
            .setTrackHandle(h).setRequestAsyncId(asyncId)).build(),
        event -> {
          if (event.getGetStats().hasError()) {
            throw new OperationFailedException("stats", event.getGetStats().getError());
          }
          return MediaWire.trackStats(event.getGetStats().getStatsList());
        }, null));
  }

  @Override
  public Mono<Boolean> setTrackEnabled(String trackSid, boolean enabled) {
    return subscribed("setTrackEnabled", trackSid).flatMap(track -> operations.requestSync("setTrackEnabled",
        track, h -> FfiRequest.newBuilder().setEnableRemoteTrack(EnableRemoteTrackRequest.newBuilder()
            .setTrackHandle(h).setEnabled(enabled)).build(),
        response -> response.getEnableRemoteTrack().getEnabled()));
  }

  private Mono<OwnedHandle> subscribed(String operation, String trackSid) {
    Objects.requireNonNull(trackSid, "trackSid");
    return Mono.defer(() -> {
      if (!operations.isOpen()) {
        return Mono.error(new RoomClosedException(operation + " refused: room '" + room
            + "' is closed or disconnecting"));
      }
      return resources.track(trackSid).map(Mono::just).orElseGet(() -> Mono.error(new NoSuchTrackException(
          operation + " refused: room '" + room + "' is not subscribed to track " + trackSid)));
    });
  }

  private Mono<Void> send(String operation, String trackSid, LongFunction<FfiRequest> request) {
    Objects.requireNonNull(trackSid, "trackSid");
    return Mono.defer(() -> {
      if (!operations.isOpen()) {
        return Mono.error(new RoomClosedException(operation + " refused: room '" + room
            + "' is closed or disconnecting"));
      }
      OwnedHandle publication = resources.publication(trackSid).orElse(null);
      if (publication == null) {
        return Mono.error(new NoSuchTrackException(operation + " refused: room '" + room
            + "' has no remote publication " + trackSid + " (never published, or unpublished meanwhile)"));
      }
      return operations.<Void>requestSync(operation, publication, request, response -> null);
    });
  }
}
