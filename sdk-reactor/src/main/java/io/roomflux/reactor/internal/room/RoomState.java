package io.roomflux.reactor.internal.room;

import io.roomflux.reactor.ConnectionQuality;
import io.roomflux.reactor.ConnectionState;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomInfo;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.TrackPublication;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a room knows, as one immutable snapshot, and the pure reducer that takes it from one event
 * to the next: {@code reduce(state, event)} returns the state after the event and changes nothing
 * else. The room replaces its snapshot before it emits the event, so a subscriber that reads the
 * room while handling an event sees the state the event produced. Native handles are not part of
 * the state; {@link RoomResources} owns them.
 *
 * @param info the room's info
 * @param connectionState the connection's state
 * @param activeSpeakers identities speaking now, loudest first
 * @param qualities connection quality by identity, as last reported
 * @param local the local participant
 * @param localTrackSids sids of the tracks the local participant publishes
 * @param remotes remote participants by identity
 * @param publications remote publications: identity to track sid to publication
 */
public record RoomState(RoomInfo info, ConnectionState connectionState, List<String> activeSpeakers,
                        Map<String, ConnectionQuality> qualities, Participant local, Set<String> localTrackSids,
                        Map<String, Participant> remotes, Map<String, Map<String, TrackPublication>> publications) {
  /** Copies every collection, so a snapshot never changes. */
  public RoomState {
    activeSpeakers = List.copyOf(activeSpeakers);
    qualities = Map.copyOf(qualities);
    localTrackSids = Set.copyOf(localTrackSids);
    remotes = Map.copyOf(remotes);
    Map<String, Map<String, TrackPublication>> copy = new HashMap<>();
    publications.forEach((identity, byTrack) -> copy.put(identity, Map.copyOf(byTrack)));
    publications = Map.copyOf(copy);
  }

  /**
   * The state right after joining.
   *
   * @param info the room's info
   * @param local the local participant
   * @param remotes the remote participants present
   * @param publications their publications
   * @return the state
   */
  public static RoomState joined(RoomInfo info, Participant local, Map<String, Participant> remotes,
                                 Map<String, Map<String, TrackPublication>> publications) {
    return new RoomState(info, ConnectionState.CONNECTED, List.of(), Map.of(), local, Set.of(), remotes, publications);
  }

  /**
   * A participant of the room by identity, the local one included.
   *
   * @param identity the identity
   * @return the participant, if present
   */
  public Optional<Participant> participant(String identity) {
    return identity.equals(local.identity()) ? Optional.of(local) : Optional.ofNullable(remotes.get(identity));
  }

  /**
   * A remote participant's publication.
   *
   * @param identity the publisher
   * @param trackSid the track
   * @return the publication, if known
   */
  public Optional<TrackPublication> publication(String identity, String trackSid) {
    return Optional.ofNullable(publications.getOrDefault(identity, Map.of()).get(trackSid));
  }

  /**
   * The state after an event.
   *
   * @param s the state before it
   * @param event the event
   * @return the state after it ({@code s} itself for events that change nothing)
   */
  public static RoomState reduce(RoomState s, RoomEvent event) {
    return switch (event) {
      // A participant that comes back under the same identity starts afresh.
      case RoomEvent.ParticipantConnected c -> s.without(c.participant().identity())
          .withRemote(c.participant().identity(), c.participant())
          .withPublicationsOf(c.participant().identity(), Map.of());
      case RoomEvent.ParticipantDisconnected d -> s.without(d.participant().identity());
      case RoomEvent.ParticipantsUpdated u -> {
        RoomState next = s;
        for (Participant p : u.participants()) {
          next = next.update(p.identity(), old -> p);
        }
        yield next;
      }
      case RoomEvent.ParticipantActive a -> s.update(a.identity(), p -> p.withActive(true));
      case RoomEvent.ParticipantMetadataChanged c -> s.update(c.identity(), p -> p.withMetadata(c.metadata()));
      case RoomEvent.ParticipantNameChanged c -> s.update(c.identity(), p -> p.withName(c.name()));
      case RoomEvent.ParticipantAttributesChanged c -> s.update(c.identity(), p -> p.withAttributes(c.attributes()));
      case RoomEvent.ParticipantPermissionChanged c -> s.update(c.identity(), p -> p.withPermission(c.permission()));
      case RoomEvent.ParticipantEncryptionStatusChanged c -> s.update(c.identity(), p -> p.withEncrypted(c.encrypted()));
      case RoomEvent.ConnectionQualityChanged q -> s.withQuality(q.identity(), q.quality());
      case RoomEvent.ActiveSpeakersChanged a -> new RoomState(s.info, s.connectionState, a.identities(), s.qualities,
          s.local, s.localTrackSids, s.remotes, s.publications);
      case RoomEvent.LocalTrackPublished p -> s.withLocalTracks(sids -> sids.add(p.trackSid()));
      case RoomEvent.LocalTrackUnpublished u -> s.withLocalTracks(sids -> sids.remove(u.trackSid()));
      case RoomEvent.LocalTrackRepublished r -> s.withLocalTracks(sids -> {
        sids.remove(r.previousSid());
        sids.add(r.publication().sid());
      });
      case RoomEvent.TrackPublished p -> s.withPublication(p.identity(), p.publication().sid(), old -> p.publication());
      case RoomEvent.TrackUnpublished u -> s.withPublication(u.identity(), u.publication().sid(), old -> null);
      case RoomEvent.TrackSubscribed t -> s.updatePublication(t.identity(), t.track().sid(),
          p -> p.withTrack(Optional.of(t.track())));
      case RoomEvent.TrackUnsubscribed t -> s.updatePublication(t.identity(), t.trackSid(),
          p -> p.withTrack(Optional.empty()));
      case RoomEvent.TrackMuted m -> s.updatePublication(m.identity(), m.trackSid(), p -> p.withMuted(true));
      case RoomEvent.TrackUnmuted m -> s.updatePublication(m.identity(), m.trackSid(), p -> p.withMuted(false));
      case RoomEvent.RoomMetadataChanged m -> s.withInfo(s.info.withMetadata(m.metadata()));
      case RoomEvent.RoomSidChanged r -> s.withInfo(s.info.withSid(r.sid()));
      case RoomEvent.RoomUpdated u -> s.withInfo(u.info());
      case RoomEvent.RoomMoved m -> s.withInfo(m.info());
      case RoomEvent.DataChannelLowThresholdChanged t ->
          s.withInfo(s.info.withBufferedAmountLowThreshold(t.kind(), t.threshold()));
      case RoomEvent.ConnectionStateChanged c -> s.withConnectionState(c.state());
      case RoomEvent.Reconnecting r -> s.withConnectionState(ConnectionState.RECONNECTING);
      case RoomEvent.Reconnected r -> s.withConnectionState(ConnectionState.CONNECTED);
      case RoomEvent.Disconnected d -> s.withConnectionState(ConnectionState.DISCONNECTED);
      // Messages and notices (data, chat, transcription, DTMF, token, e2ee state, subscription
      // failures, data tracks, a remote subscribing to a local track) change no state.
      default -> s;
    };
  }

  private RoomState withInfo(RoomInfo value) {
    return new RoomState(value, connectionState, activeSpeakers, qualities, local, localTrackSids, remotes, publications);
  }

  private RoomState withConnectionState(ConnectionState value) {
    return new RoomState(info, value, activeSpeakers, qualities, local, localTrackSids, remotes, publications);
  }

  private RoomState withQuality(String identity, ConnectionQuality quality) {
    Map<String, ConnectionQuality> next = new HashMap<>(qualities);
    next.put(identity, quality);
    return new RoomState(info, connectionState, activeSpeakers, next, local, localTrackSids, remotes, publications);
  }

  private RoomState withLocalTracks(java.util.function.Consumer<Set<String>> change) {
    Set<String> next = new HashSet<>(localTrackSids);
    change.accept(next);
    return new RoomState(info, connectionState, activeSpeakers, qualities, local, next, remotes, publications);
  }

  private RoomState withRemote(String identity, Participant participant) {
    Map<String, Participant> next = new HashMap<>(remotes);
    next.put(identity, participant);
    return new RoomState(info, connectionState, activeSpeakers, qualities, local, localTrackSids, next, publications);
  }

  private RoomState withPublicationsOf(String identity, Map<String, TrackPublication> byTrack) {
    Map<String, Map<String, TrackPublication>> next = new HashMap<>(publications);
    next.put(identity, byTrack);
    return new RoomState(info, connectionState, activeSpeakers, qualities, local, localTrackSids, remotes, next);
  }

  /** Forgets a remote participant: its snapshot, publications and quality. */
  private RoomState without(String identity) {
    Map<String, Participant> nextRemotes = new HashMap<>(remotes);
    nextRemotes.remove(identity);
    Map<String, Map<String, TrackPublication>> nextPublications = new HashMap<>(publications);
    nextPublications.remove(identity);
    Map<String, ConnectionQuality> nextQualities = new HashMap<>(qualities);
    nextQualities.remove(identity);
    return new RoomState(info, connectionState, activeSpeakers, nextQualities, local, localTrackSids, nextRemotes,
        nextPublications);
  }

  private RoomState update(String identity, Function<Participant, Participant> change) {
    if (identity.equals(local.identity())) {
      return new RoomState(info, connectionState, activeSpeakers, qualities, change.apply(local), localTrackSids,
          remotes, publications);
    }
    Participant remote = remotes.get(identity);
    return remote == null ? this : withRemote(identity, change.apply(remote));
  }

  /** Adds, replaces ({@code change} returns the new one) or removes ({@code change} returns null) a publication. */
  private RoomState withPublication(String identity, String trackSid,
                                    Function<TrackPublication, TrackPublication> change) {
    Map<String, TrackPublication> byTrack = new HashMap<>(publications.getOrDefault(identity, Map.of()));
    TrackPublication next = change.apply(byTrack.get(trackSid));
    if (next == null) {
      byTrack.remove(trackSid);
    } else {
      byTrack.put(trackSid, next);
    }
    return withPublicationsOf(identity, byTrack);
  }

  private RoomState updatePublication(String identity, String trackSid,
                                      Function<TrackPublication, TrackPublication> change) {
    return publication(identity, trackSid).isEmpty() ? this
        : withPublication(identity, trackSid, change);
  }
}
