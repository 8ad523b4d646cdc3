package io.roomflux.reactor.internal.room;

import io.roomflux.RoomFluxException;
import io.roomflux.core.FfiEventListener;
import io.roomflux.core.HandleKind;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.FfiEvent;
import io.roomflux.reactor.DisconnectReason;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.internal.data.DataStreams;
import io.roomflux.reactor.internal.wire.RoomEvents;
import io.roomflux.reactor.internal.wire.RoomWire;
import io.roomflux.reactor.participant.Participant;
import io.roomflux.reactor.participant.TrackPublication;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener of the core's route for one room, on the dispatcher thread: maps each event
 * (reading the state as it was), owns the handle it hands over, applies it to the room's
 * {@link RoomResources} and {@link RoomState}, and only then emits it through the
 * {@link EventHub}. The end of the room (Disconnected, the end of stream, a panic) goes to the
 * room, which runs the disposal.
 */
final class RoomListener implements FfiEventListener {
  private static final Logger log = LoggerFactory.getLogger(RoomListener.class);

  private final RoomDisposal room;
  private final Core core;
  private final RoomResources resources;
  private final EventHub hub;
  private final DataStreams streams;
  private final RoomEvents.Known known;
  // Replaced only here (dispatcher thread) and by the room's own Disconnected, before the event
  // that changed it is emitted; readers on any thread see one immutable snapshot.
  private volatile RoomState state;

  RoomListener(RoomDisposal room, Core core, RoomResources resources, EventHub hub, DataStreams streams,
               RoomState joined) {
    this.room = room;
    this.core = core;
    this.resources = resources;
    this.hub = hub;
    this.streams = streams;
    this.state = joined;
    this.known = new RoomEvents.Known() {
      @Override
      public Optional<Participant> participant(String identity) {
        return state.participant(identity);
      }

      @Override
      public Optional<TrackPublication> publication(String identity, String trackSid) {
        return state.publication(identity, trackSid);
      }

      @Override
      public byte[] takeBuffer(io.roomflux.proto.OwnedBuffer buffer) {
        return core.takeBuffer(buffer);
      }
    };
  }

  RoomState state() {
    return state;
  }

  /**
   * Applies an event the room made itself (its Disconnected) to the state, then emits it. Locked
   * with {@link #onEvent}: the room's own Disconnected may come from a timer thread (a disconnect
   * the core never confirmed), and must neither interleave with an event being applied nor be
   * followed by one.
   */
  synchronized void emitOwn(RoomEvent event) {
    state = RoomState.reduce(state, event);
    hub.emit(event);
  }

  @Override
  public synchronized void onEvent(FfiEvent event) {
    io.roomflux.proto.RoomEvent e = event.getRoomEvent();
    if (room.ended()) {
      core.releaseAll(e);
      return;
    }
    switch (e.getMessageCase()) {
      case DISCONNECTED -> room.onDisconnected(RoomWire.disconnectReason(e.getDisconnected().getReason()));
      // The core's last event for the room. Without a Disconnected before it, it is the end all
      // the same: after our own disconnect request it confirms that, else the reason is unknown.
      case EOS -> room.onDisconnected(room.disconnectRequested() ? DisconnectReason.CLIENT_INITIATED
          : DisconnectReason.UNKNOWN);
      // Incoming data streams go to the topic's subscriber as readers, not to events().
      case TEXT_STREAM_OPENED -> streams.textOpened(e.getTextStreamOpened());
      case BYTE_STREAM_OPENED -> streams.byteOpened(e.getByteStreamOpened());
      default -> {
        if (RoomEvents.NOT_MAPPED.containsKey(e.getMessageCase())) {
          // Not surfaced (low-level data stream packets are not exposed at all), yet they may
          // hand over objects: release their handles at once.
          core.releaseAll(e);
        } else {
          apply(e);
        }
      }
    }
  }

  @Override
  public void onTerminated(RoomFluxException error) {
    room.onTerminated(error);
  }

  private void apply(io.roomflux.proto.RoomEvent e) {
    // Own the handed-over handle first, so that nothing below can leak it.
    OwnedHandle owned = e.hasLocalTrackRepublished()
        ? republishedPublication(e.getLocalTrackRepublished().getPublicationHandle())
        : RoomEvents.handedOver(e).map(h -> core.handles().own(h.id(), h.kind())).orElse(null);
    Optional<RoomEvent> mapped;
    try {
      mapped = RoomEvents.map(e, known);
    } catch (RuntimeException ex) {
      log.error("room '{}': {} could not be mapped; dropped", state.info().name(), e.getMessageCase(), ex);
      mapped = Optional.empty();
    }
    if (mapped.isEmpty()) {
      if (owned != null) {
        owned.close();
      }
      return;
    }
    RoomState before = state;
    resources.apply(mapped.get(), owned, before);
    state = RoomState.reduce(before, mapped.get());
    hub.emit(mapped.get());
  }

  /**
   * The publication handle of a republished local track, if it is one the room does not own yet:
   * the core normally keeps the publication's handle across a full reconnect, but may hand over
   * a new one (then the old one is dropped in its place, see {@code LocalTracks#republished}).
   */
  private @Nullable OwnedHandle republishedPublication(long publication) {
    return publication == 0 || core.handles().isLive(publication) ? null
        : core.handles().own(publication, HandleKind.TRACK_PUBLICATION);
  }
}
