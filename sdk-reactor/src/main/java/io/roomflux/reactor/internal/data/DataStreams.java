package io.roomflux.reactor.internal.data;

import io.roomflux.reactor.internal.wire.DataWire;
import io.roomflux.reactor.data.ByteStreamReader;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.reactor.data.TextStreamReader;
import io.roomflux.core.HandleKind;
import io.roomflux.core.OwnedHandle;
import io.roomflux.RoomFluxException;
import io.roomflux.proto.ByteStreamOpened;
import io.roomflux.proto.TextStreamOpened;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The data streams of one room: who receives incoming streams, by topic, and every reader and
 * writer that still holds a native handle or an event route, so the room's disposal releases
 * them.
 *
 * <p>Rule for incoming streams: a stream whose topic has no subscriber of
 * {@link Room#textStreams} / {@link Room#byteStreams} at the moment the core announces it is
 * released at once (the core abandons it); there is at most one subscriber per topic and kind.
 */
public final class DataStreams {
  private static final Logger log = LoggerFactory.getLogger(DataStreams.class);

  /** Something that holds a native handle or an event route of this room's streams. */
  public interface StreamResource {
    /**
     * Releases it because the room closed; terminates a read in progress with {@code error}.
     *
     * @return completes when its handle was given back (or consumed by the core)
     */
    CompletableFuture<Void> release(RoomFluxException error);
  }

  private final DefaultRoom room;
  private final Map<String, FluxSink<TextStreamReader>> textTopics = new ConcurrentHashMap<>();
  private final Map<String, FluxSink<ByteStreamReader>> byteTopics = new ConcurrentHashMap<>();
  private final Set<StreamResource> live = ConcurrentHashMap.newKeySet();
  private boolean closed; // guarded by this

  public DataStreams(DefaultRoom room) {
    this.room = room;
  }

  public DefaultRoom room() {
    return room;
  }

  public Flux<TextStreamReader> textStreams(String topic) {
    return readers("text", topic, textTopics, TextStreamReader::discard)
        .doOnDiscard(TextStreamReader.class, TextStreamReader::discard);
  }

  public Flux<ByteStreamReader> byteStreams(String topic) {
    return readers("byte", topic, byteTopics, ByteStreamReader::discard)
        .doOnDiscard(ByteStreamReader.class, ByteStreamReader::discard);
  }

  private <R> Flux<R> readers(String kind, String topic, Map<String, FluxSink<R>> topics,
                              Consumer<R> discard) {
    Objects.requireNonNull(topic, "topic");
    // Emitted on the dispatcher thread only (one emitting thread per sink); the bounded buffer
    // below keeps a slow subscriber from holding the dispatcher, and the readers it has to
    // drop are released (their streams abandoned), never leaked.
    return Flux.<R>create(sink -> {
      synchronized (this) {
        if (closed) {
          sink.complete();
          return;
        }
        if (topics.putIfAbsent(topic, sink) != null) {
          sink.error(new IllegalStateException(kind + " streams of topic '" + topic
              + "' already have a subscriber in room '" + room.name() + "'"));
          return;
        }
      }
      sink.onDispose(() -> topics.remove(topic, sink));
    })
        .onBackpressureBuffer(room.options().eventBufferSize(), dropped -> {
          log.warn("a {} stream reader of topic '{}' was dropped: its subscriber fell more than {} streams "
              + "behind; the stream is abandoned", kind, topic, room.options().eventBufferSize());
          discard.accept(dropped);
        }, BufferOverflowStrategy.DROP_LATEST)
        .publishOn(room.options().scheduler(), 32);
  }

  /** Dispatcher thread. */
  public void textOpened(TextStreamOpened opened) {
    OwnedHandle handle = room.ffi().handles()
        .own(opened.getReader().getHandle().getId(), HandleKind.TEXT_STREAM_READER);
    deliver("text", handle, DataWire.streamInfo(opened.getReader().getInfo(), opened.getParticipantIdentity()),
        textTopics, DefaultTextStreamReader::new);
  }

  /** Dispatcher thread. */
  public void byteOpened(ByteStreamOpened opened) {
    OwnedHandle handle = room.ffi().handles()
        .own(opened.getReader().getHandle().getId(), HandleKind.BYTE_STREAM_READER);
    deliver("byte", handle, DataWire.streamInfo(opened.getReader().getInfo(), opened.getParticipantIdentity()),
        byteTopics, DefaultByteStreamReader::new);
  }

  private interface ReaderFactory<R extends AbstractStreamReader<?>> {
    R create(DataStreams streams, OwnedHandle handle, StreamInfo info);
  }

  /** Hands a new reader to its topic's subscriber, or releases it when the topic has none. */
  private <R extends AbstractStreamReader<?>> void deliver(String kind, OwnedHandle handle, StreamInfo info,
                                                           Map<String, ? extends FluxSink<? super R>> topics,
                                                           ReaderFactory<R> factory) {
    FluxSink<? super R> sink = topics.get(info.topic());
    if (sink == null) {
      log.debug("{} stream {} of topic '{}' has no subscriber; released", kind, info.id(), info.topic());
      handle.close();
      return;
    }
    R reader = factory.create(this, handle, info);
    if (track(reader)) {
      sink.next(reader);
    }
  }

  /**
   * Registers a resource for release at disposal; if the room is closed already, releases it
   * now instead.
   *
   * @return false if it was released because the room is closed
   */
  public boolean track(StreamResource resource) {
    synchronized (this) {
      if (!closed) {
        live.add(resource);
        return true;
      }
    }
    resource.release(new RoomClosedException("room '" + room.name() + "' closed"));
    return false;
  }

  public void untrack(StreamResource resource) {
    live.remove(resource);
  }

  /**
   * Part of the room's disposal: completes the topic subscriptions (or fails them with the
   * core's panic), and releases every reader and writer.
   *
   * @param error the panic or client close, or null for an ordinary end
   * @return the drops to wait for
   */
  public List<CompletableFuture<Void>> dispose(@Nullable RoomFluxException error) {
    synchronized (this) {
      closed = true;
    }
    for (FluxSink<?> sink : List.copyOf(textTopics.values())) {
      terminate(sink, error);
    }
    for (FluxSink<?> sink : List.copyOf(byteTopics.values())) {
      terminate(sink, error);
    }
    textTopics.clear();
    byteTopics.clear();
    RoomFluxException cause = error != null ? error : new RoomClosedException("room '" + room.name() + "' closed");
    List<CompletableFuture<Void>> drops = new ArrayList<>();
    for (StreamResource r : List.copyOf(live)) {
      live.remove(r);
      drops.add(r.release(cause));
    }
    return drops;
  }

  private static void terminate(FluxSink<?> sink, @Nullable RoomFluxException error) {
    if (error != null) {
      sink.error(error);
    } else {
      sink.complete();
    }
  }
}
