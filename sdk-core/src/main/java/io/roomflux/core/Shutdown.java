package io.roomflux.core;

import io.roomflux.RoomFluxException;
import io.roomflux.core.internal.Dispatcher;
import io.roomflux.proto.DisconnectReason;
import io.roomflux.proto.DisconnectRequest;
import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.FfiRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the core ends: disconnect the rooms still open (a dropped room handle alone does
 * not leave the room), wait for them up to a timeout, dispose the core, tell the handle registry
 * (later drops are forgotten, not sent), terminate routing with {@link FfiClosedException} and
 * stop the dispatcher. Runs once; blocking.
 */
final class Shutdown {
  // Under FfiClient's name, where these lines were logged before the split.
  private static final Logger log = LoggerFactory.getLogger(FfiClient.class);

  private final Duration timeout;
  private final HandleRegistry handles;
  private final Router router;
  private final Transport transport;
  private final Runnable disposeCore;
  private final Dispatcher dispatcher;
  private final AtomicBoolean closing;

  /**
   * @param timeout how long to wait for rooms to disconnect, and for the dispatcher to finish
   * @param handles the registry whose live rooms are disconnected
   * @param router carries the disconnect calls and is terminated
   * @param transport sends the disconnects
   * @param disposeCore disposes the native core; blocks until it is done
   * @param dispatcher stopped last
   * @param closing set when shutdown begins; shared with what must refuse work from then on
   */
  Shutdown(Duration timeout, HandleRegistry handles, Router router, Transport transport,
           Runnable disposeCore, Dispatcher dispatcher, AtomicBoolean closing) {
    this.timeout = timeout;
    this.handles = handles;
    this.router = router;
    this.transport = transport;
    this.disposeCore = disposeCore;
    this.dispatcher = dispatcher;
    this.closing = closing;
  }

  /** Whether shutdown began. */
  boolean started() {
    return closing.get();
  }

  /** Shuts down; idempotent, blocking. See {@link FfiClient#close()}. */
  void run() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    awaitDisconnects(disconnectOpenRooms());
    disposeCore.run();
    handles.coreDisposed();
    router.terminate(new FfiClosedException("the livekit-ffi core was disposed"));
    dispatcher.stop();
    try {
      dispatcher.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<CompletableFuture<FfiEvent>> disconnectOpenRooms() {
    List<CompletableFuture<FfiEvent>> disconnects = new ArrayList<>();
    if (router.terminated() != null) {
      return disconnects;
    }
    for (long room : handles.liveIds(HandleKind.ROOM)) {
      try {
        disconnects.add(router.call(id -> FfiRequest.newBuilder().setDisconnect(DisconnectRequest.newBuilder()
            .setRoomHandle(room).setRequestAsyncId(id).setReason(DisconnectReason.CLIENT_INITIATED))
            .build(), transport::request).callback());
      } catch (RoomFluxException e) {
        log.debug("room {} could not be disconnected at shutdown: {}", room, e.getMessage());
      }
    }
    return disconnects;
  }

  private void awaitDisconnects(List<CompletableFuture<FfiEvent>> disconnects) {
    try {
      CompletableFuture.allOf(disconnects.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("{} room(s) did not confirm their disconnect within {}", disconnects.size(), timeout);
    } catch (ExecutionException e) {
      log.debug("a room failed to disconnect at shutdown", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
