package io.roomflux.reactor.internal.data;

import io.roomflux.reactor.data.DataStreamException;
import io.roomflux.reactor.internal.room.RoomRequest;
import io.roomflux.reactor.RoomClosedException;
import io.roomflux.reactor.data.StreamBufferOverflowException;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.core.EventRoute;
import io.roomflux.reactor.internal.core.Core;
import io.roomflux.core.FfiEventListener;
import io.roomflux.reactor.OperationFailedException;
import io.roomflux.core.HandleClosedException;
import io.roomflux.core.Lease;
import io.roomflux.core.OwnedHandle;
import io.roomflux.RoomFluxException;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * What text and byte stream readers share: the reader handle, read exactly once.
 *
 * <p>The core takes the reader over with the first read request (it removes the handle from its
 * table), so from then on the handle is marked consumed and never dropped by us. Until then we
 * own it: {@link #discard()}, an overflowing or cancelled delivery, and the room's disposal drop
 * it, and the core abandons the stream.
 *
 * <p>An incremental read routes the reader's events (dispatcher thread) into a {@link FluxSink};
 * the chunks wait in a bounded buffer and reach the subscriber on the room's scheduler.
 *
 * @param <T> the chunk type
 */
public abstract class AbstractStreamReader<T> implements DataStreams.StreamResource, FfiEventListener {
  private enum State { UNREAD, READING, DONE }

  /** One reader event: a chunk, or the end of the stream with or without an error. */
  public record Decoded<T>(@Nullable T chunk, boolean end, @Nullable String error) {
    static <T> Decoded<T> chunk(T chunk) {
      return new Decoded<>(chunk, false, null);
    }

    static <T> Decoded<T> end(@Nullable String error) {
      return new Decoded<>(null, true, error);
    }

    static <T> Decoded<T> nothing() {
      return new Decoded<>(null, false, null);
    }
  }

  private final DataStreams streams;
  private final OwnedHandle handle;
  private final StreamInfo info;
  private State state = State.UNREAD; // guarded by this
  private @Nullable RoomFluxException releasedBy; // guarded by this
  private boolean discarded; // guarded by this
  private @Nullable EventRoute route; // guarded by this
  // Written before the route is registered, read on the dispatcher thread.
  private volatile @Nullable FluxSink<T> sink;

  public AbstractStreamReader(DataStreams streams, OwnedHandle handle, StreamInfo info) {
    this.streams = streams;
    this.handle = handle;
    this.info = info;
  }

  /** "text stream" or "byte stream", for messages. */
  public abstract String kind();

  public abstract FfiRequest readIncrementalRequest(long readerHandle);

  public abstract Decoded<T> decode(FfiEvent event);

  public final StreamInfo info() {
    return info;
  }

  public final OwnedHandle handle() {
    return handle;
  }

  public final Flux<T> readChunks(int maxBufferedChunks) {
    if (maxBufferedChunks < 1) {
      throw new IllegalArgumentException("maxBufferedChunks must be at least 1");
    }
    return Flux.<T>create(this::start)
        .onBackpressureBuffer(maxBufferedChunks)
        .onErrorMap(Exceptions::isOverflow, e -> new StreamBufferOverflowException(info.id(), maxBufferedChunks))
        // delayError false: a failed stream reports its error without first delivering the
        // chunks still queued for the hop; completion always waits for them.
        .publishOn(streams.room().options().scheduler(), false, Math.min(maxBufferedChunks, 32));
  }

  private void start(FluxSink<T> target) {
    Core ffi = streams.room().ffi();
    synchronized (this) {
      if (state != State.UNREAD) {
        target.error(notReadable());
        return;
      }
      state = State.READING;
      sink = target;
      route = ffi.route(handle.id(), this);
    }
    target.onDispose(this::endRead);
    Lease lease;
    try {
      lease = handle.lease();
    } catch (HandleClosedException e) {
      target.error(closedError("chunks"));
      return;
    }
    try {
      if (!streams.room().isOpen()) {
        target.error(closedError("chunks"));
        return;
      }
      ffi.request(readIncrementalRequest(lease.id()));
      handle.consumed();
    } catch (OperationFailedException e) {
      ffi.explain(e).whenComplete((explained, t) -> target.error(explained != null ? explained : e));
    } catch (RuntimeException e) {
      target.error(e);
    } finally {
      lease.close();
    }
  }

  // On completion, error or cancel of an incremental read; on the dispatcher for an end the core
  // reported, on the cancelling thread otherwise.
  private void endRead() {
    EventRoute r;
    synchronized (this) {
      state = State.DONE;
      r = route;
    }
    if (r != null) {
      r.close();
    }
    streams.untrack(this);
    // A no-op once the core took the reader over; drops it if the read never started.
    handle.close();
  }

  /** Dispatcher thread. */
  @Override
  public final void onEvent(FfiEvent event) {
    FluxSink<T> target = sink;
    if (target == null) {
      return;
    }
    Decoded<T> d = decode(event);
    T chunk = d.chunk();
    if (chunk != null) {
      target.next(chunk);
    } else if (d.end()) {
      String error = d.error();
      if (error != null && !streams.room().isOpen()) {
        // Our own disconnect cut the stream off; the core reports that before the room closes.
        target.error(closedError("reading"));
      } else if (error != null) {
        target.error(new DataStreamException(kind() + " " + info.id() + " from '" + info.senderIdentity()
            + "' ended with an error: " + error));
      } else {
        target.complete();
      }
    }
  }

  @Override
  public final void onTerminated(RoomFluxException error) {
    FluxSink<T> target = sink;
    if (target != null) {
      target.error(error);
    }
  }

  /**
   * A read answered by one callback (read all, write to file): the request hands the reader to
   * the core; the result arrives through the room's operation machinery.
   */
  public final <R> Mono<R> readOnce(String operation, RoomRequest request, Function<FfiEvent, R> result) {
    return Mono.defer(() -> {
      synchronized (this) {
        if (state != State.UNREAD) {
          return Mono.error(notReadable());
        }
        state = State.READING;
      }
      return streams.room().operations().<R>operate(operation, handle, (readerHandle, asyncId) -> {
        // The core removes the reader from its table when it accepts this request.
        handle.consumed();
        return request.build(readerHandle, asyncId);
      }, result, null).doFinally(signal -> {
        synchronized (this) {
          state = State.DONE;
        }
        streams.untrack(this);
        // Drops the reader if the request was never sent (room closing).
        handle.close();
      });
    });
  }

  public final DataStreamException streamError(String operation, String description) {
    return new DataStreamException(operation + " of " + kind() + " " + info.id() + " failed: " + description);
  }

  public final void discard() {
    synchronized (this) {
      if (state != State.UNREAD) {
        return;
      }
      state = State.DONE;
      discarded = true;
    }
    streams.untrack(this);
    handle.close();
  }

  @Override
  public final CompletableFuture<Void> release(RoomFluxException error) {
    State was;
    FluxSink<T> target;
    EventRoute r;
    synchronized (this) {
      was = state;
      state = State.DONE;
      releasedBy = error;
      target = sink;
      r = route;
    }
    if (r != null) {
      r.close();
    }
    handle.close();
    if (was == State.READING && target != null) {
      target.error(error);
    }
    return handle.onDropped();
  }

  private RuntimeException notReadable() {
    synchronized (this) {
      if (releasedBy != null) {
        return releasedBy instanceof RoomClosedException
            ? new RoomClosedException("reading " + kind() + " " + info.id() + " refused: room '"
                + streams.room().name() + "' closed")
            : releasedBy;
      }
      return new IllegalStateException(kind() + " " + info.id()
          + (discarded ? " was discarded" : " is already being read or was read: a reader reads once"));
    }
  }

  private RoomClosedException closedError(String operation) {
    return new RoomClosedException(operation + " of " + kind() + " " + info.id() + " refused: room '"
        + streams.room().name() + "' is closed or disconnecting");
  }

  @Override
  public String toString() {
    return kind() + " " + info.id() + " (topic '" + info.topic() + "', from '" + info.senderIdentity() + "')";
  }
}
