package io.roomflux.reactor;

import java.time.Duration;
import java.util.Objects;

/**
 * How to join a room. Immutable; start from {@link #defaults()} and change what you need with
 * the {@code with*} methods.
 *
 * @param autoSubscribe subscribe to every remote track as it is published. Default true.
 * @param adaptiveStream let the server adapt video quality to what is rendered. Default false.
 * @param dynacast pause publishing video layers nobody subscribes to. Default false.
 * @param joinRetries how often the core retries a failed join. Default 1.
 * @param connectTimeout how long {@link LiveKit#connect} waits for the room, retries included;
 *     also given to the core for each attempt. Default 15 s.
 * @param singlePeerConnection use one peer connection for publishing and subscribing. Default false.
 */
public record RoomOptions(boolean autoSubscribe, boolean adaptiveStream, boolean dynacast, int joinRetries,
                          Duration connectTimeout, boolean singlePeerConnection) {
  /** Validates the options. */
  public RoomOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (joinRetries < 0) {
      throw new IllegalArgumentException("joinRetries must not be negative");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
  }

  /**
   * The defaults described on each component.
   *
   * @return default options
   */
  public static RoomOptions defaults() {
    return new RoomOptions(true, false, false, 1, Duration.ofSeconds(15), false);
  }

  /**
   * With another auto-subscribe setting.
   *
   * @param value the setting
   * @return new options
   */
  public RoomOptions withAutoSubscribe(boolean value) {
    return new RoomOptions(value, adaptiveStream, dynacast, joinRetries, connectTimeout, singlePeerConnection);
  }

  /**
   * With another connect timeout.
   *
   * @param value the timeout
   * @return new options
   */
  public RoomOptions withConnectTimeout(Duration value) {
    return new RoomOptions(autoSubscribe, adaptiveStream, dynacast, joinRetries, value, singlePeerConnection);
  }

  /**
   * With another number of join retries.
   *
   * @param value the retries
   * @return new options
   */
  public RoomOptions withJoinRetries(int value) {
    return new RoomOptions(autoSubscribe, adaptiveStream, dynacast, value, connectTimeout, singlePeerConnection);
  }

  io.roomflux.proto.RoomOptions toProto() {
    return io.roomflux.proto.RoomOptions.newBuilder()
        .setAutoSubscribe(autoSubscribe)
        .setAdaptiveStream(adaptiveStream)
        .setDynacast(dynacast)
        .setJoinRetries(joinRetries)
        .setConnectTimeoutMs(connectTimeout.toMillis())
        .setSinglePeerConnection(singlePeerConnection)
        .build();
  }
}
