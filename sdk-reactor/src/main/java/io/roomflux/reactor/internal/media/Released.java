package io.roomflux.reactor.internal.media;

import io.roomflux.core.OwnedHandle;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** The {@code closeLater()} of the media resources: close, then complete once the handle is dropped. */
public final class Released {
  private Released() {
  }

  /**
   * Closes on subscription and completes once {@code handle} was given back to the core, on
   * {@code scheduler}: the drop may happen on the dispatcher thread, which runs no user code.
   */
  public static Mono<Void> closeLater(Runnable close, OwnedHandle handle, Scheduler scheduler) {
    return Mono.defer(() -> {
      close.run();
      return handle.isDropped() ? Mono.<Void>empty()
          : Mono.fromFuture(handle.onDropped(), true).publishOn(scheduler).then();
    });
  }
}
