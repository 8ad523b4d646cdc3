package io.roomflux.reactor.internal.participant;

import io.roomflux.reactor.internal.wire.MediaWire;
import io.roomflux.reactor.internal.wire.ParticipantWire;
import io.roomflux.reactor.ResourceClosedException;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.media.LocalTrack;
import io.roomflux.reactor.internal.media.DefaultLocalTrack;
import io.roomflux.reactor.NoSuchTrackException;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.participant.TrackPublication;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.OwnedTrackPublication;
import io.roomflux.proto.PublishTrackRequest;
import io.roomflux.proto.UnpublishTrackRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The local participant's published tracks: publishing, unpublishing and muting them, and the
 * publication handles the core hands over, which the room keeps until the track is unpublished
 * or the room is disposed. The tracks themselves (and their handles) belong to the application.
 */
public final class LocalTracks {
  /** A published track and the handle of its publication, by track sid. */
  private record Published(LocalTrack track, OwnedHandle publication) {
  }

  private final DefaultRoom room;
  private final OwnedHandle participant;
  private final ConcurrentHashMap<String, Published> published = new ConcurrentHashMap<>();
  /** Tracks published or being published here: the core would wait 10 s and fail a second publish. */
  private final Set<LocalTrack> claimed = ConcurrentHashMap.newKeySet();
  private boolean closed; // guarded by this

  public LocalTracks(DefaultRoom room, OwnedHandle participant) {
    this.room = room;
    this.participant = participant;
  }

  public Mono<TrackPublication> publish(LocalTrack track, TrackPublishOptions options) {
    Objects.requireNonNull(track, "track");
    io.roomflux.proto.TrackPublishOptions proto = DefaultLocalTrack.publishOptions(track,
        MediaWire.toProto(Objects.requireNonNull(options, "options")));
    return Mono.defer(() -> {
      if (!claimed.add(track)) {
        return Mono.error(new OperationFailedException("publishTrack", "refused, nothing sent: " + track
            + " is already published or being published in room '" + room.name() + "'; unpublish it first"));
      }
      // The core looks the track up only once it runs the publish: lease it until the callback.
      Lease lease;
      try {
        lease = DefaultLocalTrack.handle(track).lease();
      } catch (HandleClosedException e) {
        claimed.remove(track);
        return Mono.error(new ResourceClosedException("publishTrack refused: " + track + " is closed"));
      }
      return room.operations().<TrackPublication>operate("publishTrack", participant, (p, asyncId) -> FfiRequest.newBuilder()
          .setPublishTrack(PublishTrackRequest.newBuilder().setLocalParticipantHandle(p).setTrackHandle(lease.id())
              .setOptions(proto).setRequestAsyncId(asyncId)).build(), event -> {
                // Owned first, kept even if the subscriber is gone: unpublish or disposal drops it.
                OwnedTrackPublication pub = event.getPublishTrack().getPublication();
                OwnedHandle handle = room.ffi().handles().own(pub.getHandle().getId(), HandleKind.TRACK_PUBLICATION);
                TrackPublication publication = ParticipantWire.publication(pub.getInfo());
                keep(publication.sid(), new Published(track, handle));
                return publication;
              }, lease)
          .doOnError(e -> claimed.remove(track));
    });
  }

  public Mono<Void> unpublish(String trackSid) {
    Objects.requireNonNull(trackSid, "trackSid");
    return room.operations().<Void>operate("unpublishTrack", participant, (p, asyncId) -> FfiRequest.newBuilder()
        .setUnpublishTrack(UnpublishTrackRequest.newBuilder().setLocalParticipantHandle(p).setTrackSid(trackSid)
            .setStopOnUnpublish(false).setRequestAsyncId(asyncId)).build(), event -> {
              unpublished(trackSid);
              return null;
            }, null);
  }

  public Mono<Void> setMuted(String trackSid, boolean muted) {
    Objects.requireNonNull(trackSid, "trackSid");
    return Mono.<Void>defer(() -> {
      if (!room.isOpen()) {
        return Mono.error(new RoomClosedException("setMuted refused: room '" + room.name()
            + "' is closed or disconnecting"));
      }
      Published p = published.get(trackSid);
      if (p == null) {
        return Mono.error(new NoSuchTrackException("the local participant has no published track " + trackSid
            + " (published through this RoomFlux room)"));
      }
      try {
        p.track().setMuted(muted);
        return Mono.empty();
      } catch (OperationFailedException e) {
        return Mono.fromFuture(room.ffi().explain(e)).flatMap(Mono::error);
      } catch (RuntimeException e) {
        return Mono.error(e);
      }
    }).publishOn(room.options().scheduler());
  }

  /** The track was unpublished (our request, or the server): its publication handle is dropped. */
  public void unpublished(String trackSid) {
    Published gone = published.remove(trackSid);
    if (gone != null) {
      claimed.remove(gone.track());
      gone.publication().close();
    }
  }

  /**
   * After a full reconnect the core published the track again under a new sid. {@code fresh} is
   * a publication handle the core handed over in place of the one the room held (null when it
   * kept the old one): it replaces the old one, which is dropped; unknown to the room, it is
   * dropped at once.
   */
  public void republished(String previousSid, String newSid, @Nullable OwnedHandle fresh) {
    Published p = published.remove(previousSid);
    if (p == null) {
      if (fresh != null) {
        fresh.close();
      }
      return;
    }
    if (fresh == null) {
      keep(newSid, p);
    } else {
      keep(newSid, new Published(p.track(), fresh));
      p.publication().close();
    }
  }

  /**
   * Part of the room's disposal: drops every publication handle.
   *
   * @return the drops to wait for
   */
  public List<CompletableFuture<Void>> dispose() {
    synchronized (this) {
      closed = true;
    }
    List<CompletableFuture<Void>> drops = new ArrayList<>();
    for (String sid : List.copyOf(published.keySet())) {
      Published p = published.remove(sid);
      if (p != null) {
        p.publication().close();
        drops.add(p.publication().onDropped());
      }
    }
    return drops;
  }

  private void keep(String sid, Published p) {
    synchronized (this) {
      if (!closed) {
        Published previous = published.put(sid, p);
        if (previous != null && previous.publication() != p.publication()) {
          previous.publication().close();
        }
        return;
      }
    }
    p.publication().close();
  }
}
