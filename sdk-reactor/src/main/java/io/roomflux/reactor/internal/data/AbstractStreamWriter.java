package io.roomflux.reactor.internal.data;

import io.roomflux.reactor.data.DataStreamException;
import io.roomflux.reactor.internal.room.RoomRequest;
import io.roomflux.reactor.data.StreamInfo;
import io.roomflux.core.OwnedHandle;
import io.roomflux.RoomFluxException;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.StreamError;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What text and byte stream writers share: the writer handle, and the queue that sends writes
 * and the close one after another.
 *
 * <p>The core runs each write as its own task, so two writes in flight at once could reach the
 * receivers out of order; each request is therefore sent only after the previous one's callback.
 * The close request hands the writer to the core (it removes the handle from its table), so the
 * handle is marked consumed when it is sent.
 */
public abstract class AbstractStreamWriter implements DataStreams.StreamResource {
  private final DataStreams streams;
  private final OwnedHandle handle;
  private final StreamInfo info;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null); // guarded by this
  private @Nullable CompletableFuture<Void> closed; // guarded by this

  public AbstractStreamWriter(DataStreams streams, OwnedHandle handle, StreamInfo info) {
    this.streams = streams;
    this.handle = handle;
    this.info = info;
  }

  /** "text stream" or "byte stream", for messages. */
  public abstract String kind();

  public final StreamInfo info() {
    return info;
  }

  public final Mono<Void> enqueueWrite(String operation, RoomRequest request,
                                Function<FfiEvent, Optional<StreamError>> error) {
    return Mono.defer(() -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      CompletableFuture<Void> previous;
      synchronized (this) {
        if (closed != null) {
          return Mono.error(new DataStreamException(operation + " refused: " + kind() + " " + info.id()
              + " is closed"));
        }
        previous = tail;
        tail = done;
      }
      previous.whenComplete((v, t) -> send(operation, request, error, done));
      return Mono.fromFuture(done, true);
    });
  }

  public final Mono<Void> enqueueClose(String operation, RoomRequest request,
                                Function<FfiEvent, Optional<StreamError>> error) {
    return Mono.defer(() -> {
      CompletableFuture<Void> outcome;
      CompletableFuture<Void> previous = null;
      synchronized (this) {
        if (closed == null) {
          closed = new CompletableFuture<>();
          previous = tail;
          tail = closed;
        }
        outcome = closed;
      }
      if (previous != null) {
        previous.whenComplete((v, t) -> send(operation, (writerHandle, asyncId) -> {
          // The core removes the writer from its table when it accepts this request.
          handle.consumed();
          return request.build(writerHandle, asyncId);
        }, error, outcome));
        outcome.whenComplete((v, t) -> {
          streams.untrack(this);
          // Drops the writer if the close was never sent (room closing).
          handle.close();
        });
      }
      return Mono.fromFuture(outcome, true);
    });
  }

  private void send(String operation, RoomRequest request,
                    Function<FfiEvent, Optional<StreamError>> error, CompletableFuture<Void> done) {
    streams.room().operations().<Void>operate(operation, handle, request, event -> {
      Optional<StreamError> failure = error.apply(event);
      if (failure.isPresent()) {
        throw new DataStreamException(operation + " of " + kind() + " " + info.id() + " failed: "
            + failure.get().getDescription());
      }
      return null;
    }, null).subscribe(null, done::completeExceptionally, () -> done.complete(null));
  }

  /** Drops the writer without ending the stream: for a writer nobody received, or at disposal. */
  public final void discard() {
    streams.untrack(this);
    handle.close();
  }

  @Override
  public final CompletableFuture<Void> release(RoomFluxException error) {
    handle.close();
    return handle.onDropped();
  }

  @Override
  public String toString() {
    return kind() + " writer " + info.id() + " (topic '" + info.topic() + "')";
  }
}
