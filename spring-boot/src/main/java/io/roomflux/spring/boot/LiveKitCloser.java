package io.roomflux.spring.boot;

import io.roomflux.reactor.LiveKit;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Releases the auto-configured {@link LiveKit} when the context closes: disconnects its rooms, then
 * closes it, each within the shutdown timeout. It depends on the {@code LiveKit} bean, so Spring
 * destroys it first, after the lifecycle beans (agent worker) have stopped. Runs on the thread that
 * closes the context, which may block.
 */
final class LiveKitCloser implements DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(LiveKitCloser.class);

  private final LiveKit liveKit;
  private final Duration timeout;

  LiveKitCloser(LiveKit liveKit, Duration timeout) {
    this.liveKit = liveKit;
    this.timeout = timeout;
  }

  @Override
  public void destroy() {
    try {
      liveKit.closeRooms().block(timeout);
      liveKit.close(timeout);
    } catch (RuntimeException e) {
      LOG.warn("RoomFlux: the LiveKit bean's rooms were not all released within {}", timeout, e);
    }
  }
}
