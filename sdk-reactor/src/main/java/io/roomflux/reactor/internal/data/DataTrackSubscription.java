package io.roomflux.reactor.internal.data;

import io.roomflux.RoomFluxException;
import io.roomflux.core.EventRoute;
import io.roomflux.core.FfiEventListener;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.HandleKind;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.proto.DataTrackStreamEvent;
import io.roomflux.proto.DataTrackStreamReadRequest;
import io.roomflux.proto.DataTrackStreamReadResponse;
import io.roomflux.proto.DataTrackSubscribeOptions;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import io.roomflux.proto.SubscribeDataTrackRequest;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.data.DataTrackFrame;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.reactor.internal.wire.DataTrackWire;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.FluxSink;

/**
 * One subscription to a remote data track: the native stream it owns, read on demand.
 *
 * <p>The core delivers a frame (as an event of the stream's handle) only after a
 * {@code data_track_stream_read} request, and keeps no count of reads: several reads before a
 * frame arrive count as one. So exactly one read is outstanding at a time, and only while the
 * subscriber has demand; the next is sent when its frame arrived (dispatcher thread) or when the
 * subscriber requests more (its thread). Frames the subscriber does not ask for wait in the core's
 * bounded buffer, which drops the oldest.
 *
 * <p>Ends once, on the core's end of stream (the track was unpublished; with an error if the
 * subscription failed), when the room drops its handle of the track (unpublished, publisher
 * gone), on cancel, or when the room's close releases it: the route is removed
 * and the stream handle closed (dropped after the last read in flight).
 */
final class DataTrackSubscription implements FfiEventListener, DataStreams.StreamResource {
  private static final Logger log = LoggerFactory.getLogger(DataTrackSubscription.class);

  private final DataStreams streams;
  private final String what;
  private final Core core;
  private final OwnedHandle stream;
  private final FluxSink<DataTrackFrame> sink;
  private final AtomicBoolean reading = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile @Nullable EventRoute route;

  private DataTrackSubscription(DataStreams streams, String what, OwnedHandle stream, FluxSink<DataTrackFrame> sink) {
    this.streams = streams;
    this.what = what;
    this.core = streams.room().ffi();
    this.stream = stream;
    this.sink = sink;
  }

  /** Opens the native subscription for one subscriber; on the subscribing thread. */
  static void open(DefaultRemoteDataTrack track, io.roomflux.reactor.data.DataTrackSubscribeOptions options,
                   FluxSink<DataTrackFrame> sink) {
    String what = "subscription to data track '" + track.info().name() + "' of '" + track.publisherIdentity() + "'";
    DataStreams streams = track.room().streams();
    Core core = track.room().ffi();
    OwnedHandle stream;
    OwnedHandle trackHandle;
    try {
      trackHandle = track.handle("subscribe");
      options.maxPartialFrames().ifPresent(track::setMaxPartialFramesNow);
      DataTrackSubscribeOptions.Builder opts = DataTrackSubscribeOptions.newBuilder();
      options.bufferSize().ifPresent(opts::setBufferSize);
      try (Lease lease = track.lease("subscribe")) {
        stream = core.handles().own(core.request(FfiRequest.newBuilder().setSubscribeDataTrack(
            SubscribeDataTrackRequest.newBuilder().setTrackHandle(lease.id()).setOptions(opts)).build())
            .getSubscribeDataTrack().getStream().getHandle().getId(), HandleKind.DATA_TRACK);
      }
    } catch (OperationFailedException e) {
      core.explain(e).whenComplete((explained, t) -> sink.error(explained != null ? explained : e));
      return;
    } catch (RuntimeException e) {
      sink.error(e);
      return;
    }
    DataTrackSubscription s = new DataTrackSubscription(streams, what, stream, sink);
    sink.onDispose(() -> s.end(null));
    if (!streams.track(s)) {
      return; // the room closed meanwhile: released (and ended) already
    }
    // Routed before the first read, so no frame it asks for can arrive unrouted.
    EventRoute r = core.route(stream.id(), s);
    s.route = r;
    if (s.ended.get()) {
      r.close();
      return;
    }
    sink.onRequest(n -> s.readIfWanted());
    // The room drops its handle of the track when the track is unpublished or its publisher
    // leaves: the subscription completes then, even while no read is outstanding (the core
    // reports its end only in answer to a read).
    trackHandle.onDropped().whenComplete((v, t) -> s.end(null));
    s.readIfWanted();
    log.debug("room '{}': {} opened (stream {})", streams.room().name(), what, stream.id());
  }

  /** Sends the one read if the subscriber has demand and none is outstanding. Any thread. */
  private void readIfWanted() {
    if (ended.get() || sink.requestedFromDownstream() == 0 || !reading.compareAndSet(false, true)) {
      return;
    }
    Lease lease;
    try {
      lease = stream.lease();
    } catch (HandleClosedException e) {
      return; // ended meanwhile
    }
    DataTrackStreamReadResponse response;
    try (lease) {
      response = core.request(FfiRequest.newBuilder().setDataTrackStreamRead(
          DataTrackStreamReadRequest.newBuilder().setStreamHandle(lease.id())).build()).getDataTrackStreamRead();
    } catch (RoomFluxException e) {
      end(e);
      return;
    }
    if (response.hasEosEvent()) {
      end(DataTrackWire.streamError(what, response.getEosEvent()).orElse(null));
    }
  }

  @Override
  public void onEvent(FfiEvent event) {
    DataTrackStreamEvent e = event.getDataTrackStreamEvent();
    if (e.hasFrameReceived()) {
      DataTrackFrame frame = DataTrackWire.frame(e.getFrameReceived().getFrame());
      reading.set(false);
      if (!ended.get()) {
        sink.next(frame);
      }
      readIfWanted();
    } else if (e.hasEos()) {
      end(DataTrackWire.streamError(what, e.getEos()).orElse(null));
    }
  }

  @Override
  public void onTerminated(RoomFluxException error) {
    end(error);
  }

  /**
   * Ends the subscription because the room closed: completes it (the room's ordinary close) or
   * fails it with the core's end.
   */
  @Override
  public CompletableFuture<Void> release(RoomFluxException error) {
    end(error instanceof RoomClosedException ? null : error);
    return stream.onDropped();
  }

  /** Removes the route, closes the stream handle and terminates the subscriber; once. */
  private void end(@Nullable Throwable error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    EventRoute r = route;
    if (r != null) {
      r.close();
    }
    stream.close();
    streams.untrack(this);
    if (error != null) {
      sink.error(error);
    } else {
      sink.complete();
    }
  }
}
