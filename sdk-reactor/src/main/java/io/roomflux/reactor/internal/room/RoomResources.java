package io.roomflux.reactor.internal.room;

import io.roomflux.core.HandleKind;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.ConnectCallback;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.data.DataTrackInfo;
import io.roomflux.reactor.internal.media.MediaStreams;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.internal.participant.LocalTracks;
import io.roomflux.reactor.internal.wire.ParticipantWire;
import io.roomflux.reactor.internal.wire.RoomWire;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.TrackPublication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The native handles a room owns for what it knows about: remote participants, their
 * publications and subscribed tracks, and remote data tracks. Each event that hands a handle over
 * or makes one obsolete is applied here on the dispatcher thread, before the room emits the event;
 * {@link #dispose()} closes what is left once the room is gone and returns when each was dropped.
 * Readers on other threads (operations leasing a handle) see the maps as they are.
 */
public final class RoomResources {
  /**
   * A remote data track and the handle the room owns for it.
   *
   * @param publisherIdentity who published it
   * @param info its description
   * @param handle the room's handle of it
   */
  public record RemoteDataTrack(String publisherIdentity, DataTrackInfo info, OwnedHandle handle) {
  }

  private final MediaStreams media;
  private final LocalTracks localTracks;
  private final ConcurrentHashMap<String, OwnedHandle> participants = new ConcurrentHashMap<>();
  /** Owned handles by track sid (sids are unique in a room): publications and subscribed tracks. */
  private final ConcurrentHashMap<String, OwnedHandle> publications = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, OwnedHandle> tracks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RemoteDataTrack> dataTracks = new ConcurrentHashMap<>();

  RoomResources(MediaStreams media, LocalTracks localTracks) {
    this.media = media;
    this.localTracks = localTracks;
  }

  /**
   * Takes over the handles of the participants present at join time, and returns the room's
   * first state.
   *
   * @param core the core, which owns handles
   * @param result what the core reported on joining
   * @return the state right after joining
   */
  RoomState joined(Core core, ConnectCallback.Result result) {
    Map<String, Participant> remotes = new HashMap<>();
    Map<String, Map<String, TrackPublication>> published = new HashMap<>();
    for (ConnectCallback.ParticipantWithTracks p : result.getParticipantsList()) {
      Participant participant = ParticipantWire.participant(p.getParticipant().getInfo());
      Map<String, TrackPublication> byTrack = new HashMap<>();
      for (io.roomflux.proto.OwnedTrackPublication pub : p.getPublicationsList()) {
        TrackPublication publication = ParticipantWire.publication(pub.getInfo());
        byTrack.put(publication.sid(), publication);
        replace(publications, publication.sid(), core.handles().own(pub.getHandle().getId(), HandleKind.TRACK_PUBLICATION));
      }
      remotes.put(participant.identity(), participant);
      published.put(participant.identity(), byTrack);
      participants.put(participant.identity(), core.handles().own(p.getParticipant().getHandle().getId(),
          HandleKind.PARTICIPANT));
    }
    return RoomState.joined(RoomWire.roomInfo(result.getRoom().getInfo()),
        ParticipantWire.participant(result.getLocalParticipant().getInfo()), remotes, published);
  }

  /**
   * The handle of a remote participant.
   *
   * @param identity the participant
   * @return its handle, while it is in the room
   */
  public Optional<OwnedHandle> participant(String identity) {
    return Optional.ofNullable(participants.get(identity));
  }

  /**
   * The handle of a remote publication.
   *
   * @param trackSid the track
   * @return its handle, while it is published
   */
  public Optional<OwnedHandle> publication(String trackSid) {
    return Optional.ofNullable(publications.get(trackSid));
  }

  /**
   * The handle of a subscribed remote track.
   *
   * @param trackSid the track
   * @return its handle, while subscribed
   */
  public Optional<OwnedHandle> track(String trackSid) {
    return Optional.ofNullable(tracks.get(trackSid));
  }

  /**
   * The handle of a remote data track.
   *
   * @param sid the data track
   * @return its handle, while published
   */
  public Optional<OwnedHandle> dataTrack(String sid) {
    return Optional.ofNullable(dataTracks.get(sid)).map(RemoteDataTrack::handle);
  }

  /**
   * A remote data track the room keeps.
   *
   * @param sid the data track
   * @return it and its handle, while published
   */
  public Optional<RemoteDataTrack> dataTrackEntry(String sid) {
    return Optional.ofNullable(dataTracks.get(sid));
  }

  /**
   * The remote data tracks the room keeps now.
   *
   * @return a snapshot
   */
  public List<RemoteDataTrack> dataTrackEntries() {
    return List.copyOf(dataTracks.values());
  }

  /**
   * Applies an event to the handles: keeps {@code owned} (the handle the event handed over) where
   * the event says, and closes the handles the event makes obsolete.
   *
   * @param event the event
   * @param owned the handle it handed over, already owned, or null
   * @param before the room's state before the event (which publications a participant had)
   */
  void apply(RoomEvent event, @Nullable OwnedHandle owned, RoomState before) {
    switch (event) {
      case RoomEvent.ParticipantConnected c -> {
        // A participant that comes back under the same identity starts afresh.
        forget(c.participant().identity(), before);
        participants.put(c.participant().identity(), Objects.requireNonNull(owned));
      }
      case RoomEvent.ParticipantDisconnected d -> forget(d.participant().identity(), before);
      case RoomEvent.LocalTrackUnpublished u -> localTracks.unpublished(u.trackSid());
      case RoomEvent.LocalTrackRepublished r -> localTracks.republished(r.previousSid(), r.publication().sid(), owned);
      case RoomEvent.TrackPublished p -> replace(publications, p.publication().sid(), Objects.requireNonNull(owned));
      case RoomEvent.TrackUnpublished u -> closeTrack(u.publication().sid());
      case RoomEvent.TrackSubscribed s -> replace(tracks, s.track().sid(), Objects.requireNonNull(owned));
      case RoomEvent.TrackUnsubscribed u -> {
        media.trackEnded(u.trackSid());
        close(tracks.remove(u.trackSid()));
      }
      case RoomEvent.DataTrackPublished p -> {
        RemoteDataTrack previous = dataTracks.put(p.track().sid(),
            new RemoteDataTrack(p.publisherIdentity(), p.track(), Objects.requireNonNull(owned)));
        if (previous != null) {
          previous.handle().close();
        }
      }
      case RoomEvent.DataTrackUnpublished u -> {
        RemoteDataTrack gone = dataTracks.remove(u.sid());
        if (gone != null) {
          gone.handle().close();
        }
      }
      // Nothing else hands over a handle the room keeps.
      default -> close(owned);
    }
  }

  /** Drops everything kept for a remote participant: its handle, publications, tracks, data tracks. */
  private void forget(String identity, RoomState before) {
    media.participantLeft(identity);
    close(participants.remove(identity));
    Map<String, TrackPublication> published = before.publications().get(identity);
    if (published != null) {
      published.keySet().forEach(this::closeTrack);
    }
    dataTracks.values().removeIf(t -> {
      if (t.publisherIdentity().equals(identity)) {
        t.handle().close();
        return true;
      }
      return false;
    });
  }

  private void closeTrack(String trackSid) {
    media.trackEnded(trackSid);
    close(publications.remove(trackSid));
    close(tracks.remove(trackSid));
  }

  /**
   * Closes every handle still kept.
   *
   * @return one future per handle, completing once it was dropped
   */
  List<CompletableFuture<Void>> dispose() {
    List<CompletableFuture<Void>> drops = new ArrayList<>();
    participants.values().forEach(h -> drops.add(dropped(h)));
    participants.clear();
    publications.values().forEach(h -> drops.add(dropped(h)));
    publications.clear();
    tracks.values().forEach(h -> drops.add(dropped(h)));
    tracks.clear();
    dataTracks.values().forEach(t -> drops.add(dropped(t.handle())));
    dataTracks.clear();
    return drops;
  }

  static CompletableFuture<Void> dropped(OwnedHandle h) {
    h.close();
    return h.onDropped();
  }

  private static void close(@Nullable OwnedHandle h) {
    if (h != null) {
      h.close();
    }
  }

  private static void replace(Map<String, OwnedHandle> handles, String sid, OwnedHandle owned) {
    OwnedHandle previous = handles.put(sid, owned);
    if (previous != null && previous != owned) {
      previous.close();
    }
  }
}
