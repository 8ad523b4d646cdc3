package io.roomflux.core;

/**
 * A registration of a listener for one handle's events. Closing it removes the route (events for
 * the handle are then counted as unrouted); idempotent.
 */
public interface EventRoute extends AutoCloseable {
  /**
   * The routed handle id.
   *
   * @return the id
   */
  long handle();

  @Override
  void close();
}
