package io.roomflux.core.internal;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound that the RoomFlux dispatcher thread must never block, apart from parking
 * while it has no work. Found through {@code META-INF/services} and the module's
 * {@code provides} clause when BlockHound is installed.
 */
public final class CoreBlockHoundIntegration implements BlockHoundIntegration {
  /** Creates the integration; BlockHound instantiates it through the service loader. */
  public CoreBlockHoundIntegration() {
  }

  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder.nonBlockingThreadPredicate(current ->
        current.or(t -> Dispatcher.THREAD_NAME.equals(t.getName())));
    builder.allowBlockingCallsInside(Dispatcher.class.getName(), "awaitWork");
  }
}
