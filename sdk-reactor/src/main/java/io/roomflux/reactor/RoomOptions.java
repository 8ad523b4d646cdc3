package io.roomflux.reactor;

import io.roomflux.reactor.e2ee.EncryptionOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How to join a room: every option of the core's {@code RoomOptions}. Immutable and
 * thread-safe; start from {@link #defaults()} or {@link #builder()}, or change one setting with a
 * {@code with*} method. Options left unset leave the core's default in place. New options are
 * added as builder methods, so code that builds options keeps compiling and linking.
 */
public final class RoomOptions {
  /** The default of {@link #operationTimeout()}, in seconds. */
  public static final int DEFAULT_OPERATION_TIMEOUT_SECONDS = 30;

  private final Settings s;

  /** The settings, in one value: its equals, hashCode and toString are the options'. */
  private record Settings(boolean autoSubscribe, boolean adaptiveStream, boolean dynacast, int joinRetries,
                          Duration connectTimeout, boolean singlePeerConnection, Optional<EncryptionOptions> encryption,
                          List<IceServer> iceServers, Optional<IceTransportPolicy> iceTransportPolicy,
                          Optional<Boolean> continualIceGathering, OptionalLong dataStreamMaxPayloadBytes,
                          boolean legacyDataStreams, Duration operationTimeout) {
  }

  private RoomOptions(Settings s) {
    this.s = s;
  }

  /** {@return the defaults, described on each accessor} */
  public static RoomOptions defaults() {
    return builder().build();
  }

  /** {@return a new builder, starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a new builder, starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.autoSubscribe = s.autoSubscribe;
    b.adaptiveStream = s.adaptiveStream;
    b.dynacast = s.dynacast;
    b.joinRetries = s.joinRetries;
    b.connectTimeout = s.connectTimeout;
    b.singlePeerConnection = s.singlePeerConnection;
    b.encryption = s.encryption;
    b.iceServers = s.iceServers;
    b.iceTransportPolicy = s.iceTransportPolicy;
    b.continualIceGathering = s.continualIceGathering;
    b.dataStreamMaxPayloadBytes = s.dataStreamMaxPayloadBytes;
    b.legacyDataStreams = s.legacyDataStreams;
    b.operationTimeout = s.operationTimeout;
    return b;
  }

  /** {@return whether every remote track is subscribed to as it is published} Default true. */
  public boolean autoSubscribe() {
    return s.autoSubscribe;
  }

  /** {@return whether the server adapts video quality to what is rendered} Default false. */
  public boolean adaptiveStream() {
    return s.adaptiveStream;
  }

  /** {@return whether video layers nobody subscribes to are paused} Default false. */
  public boolean dynacast() {
    return s.dynacast;
  }

  /** {@return how often the core retries a failed join, 0 or more} Default 1. */
  public int joinRetries() {
    return s.joinRetries;
  }

  /**
   * {@return how long {@link LiveKit#connect} waits for the room, retries included} Also given to
   * the core for each attempt. Positive; default 15 s.
   */
  public Duration connectTimeout() {
    return s.connectTimeout;
  }

  /** {@return whether one peer connection is used for publishing and subscribing} Default false. */
  public boolean singlePeerConnection() {
    return s.singlePeerConnection;
  }

  /**
   * {@return the end-to-end encryption of the room's media, if any} Default none. See
   * {@link #withEncryption(EncryptionOptions)}.
   */
  public Optional<EncryptionOptions> encryption() {
    return s.encryption;
  }

  /** {@return the STUN/TURN servers added to those the LiveKit server announces} Immutable; default none. */
  public List<IceServer> iceServers() {
    return s.iceServers;
  }

  /** {@return which ICE candidates may be used, if set} Default empty: the core's (all). */
  public Optional<IceTransportPolicy> iceTransportPolicy() {
    return s.iceTransportPolicy;
  }

  /**
   * {@return whether ICE candidates keep being gathered as networks change, if set} Default empty:
   * the core's (gather once).
   */
  public Optional<Boolean> continualIceGathering() {
    return s.continualIceGathering;
  }

  /** {@return the largest data stream chunk to send, in bytes, if set} Default empty: the core's (15 000). */
  public OptionalLong dataStreamMaxPayloadBytes() {
    return s.dataStreamMaxPayloadBytes;
  }

  /** {@return whether data streams are sent the way pre-2025 clients expect} Default false. */
  public boolean legacyDataStreams() {
    return s.legacyDataStreams;
  }

  /**
   * {@return how long an operation of the room (a data packet, a publish, an RPC call, a stream
   * send, a participant update...) may wait for the core's answer} Default {@value #DEFAULT_OPERATION_TIMEOUT_SECONDS}
   * seconds. An operation that has had no answer by then fails with {@link OperationTimeoutException};
   * the room is not affected. It bounds above all operations started while the room is
   * reconnecting, which the core otherwise holds for the whole attempt. RPC calls wait at least
   * their own response timeout plus this; large stream sends may need a longer setting.
   */
  public Duration operationTimeout() {
    return s.operationTimeout;
  }

  /**
   * {@return these options with another auto-subscribe setting}
   *
   * @param value the setting
   */
  public RoomOptions withAutoSubscribe(boolean value) {
    return toBuilder().autoSubscribe(value).build();
  }

  /**
   * {@return these options with another connect timeout}
   *
   * @param value the timeout, positive
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public RoomOptions withConnectTimeout(Duration value) {
    return toBuilder().connectTimeout(value).build();
  }

  /**
   * {@return these options with another number of join retries}
   *
   * @param value the retries, 0 or more
   * @throws IllegalArgumentException if negative
   */
  public RoomOptions withJoinRetries(int value) {
    return toBuilder().joinRetries(value).build();
  }

  /**
   * {@return these options with end-to-end encryption} The room's media is encrypted with these
   * keys, and only participants holding them can play it. The keys can be changed while connected
   * through {@link Room#e2ee()}. {@link #toString()} never shows them.
   *
   * @param value the encryption settings and keys
   */
  public RoomOptions withEncryption(EncryptionOptions value) {
    return toBuilder().encryption(value).build();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RoomOptions o && o.s.equals(s);
  }

  @Override
  public int hashCode() {
    return s.hashCode();
  }

  /** {@return a description, e.g. {@code RoomOptions[autoSubscribe=true, ...]}; never a key or password} */
  @Override
  public String toString() {
    return "RoomOptions" + s.toString().substring("Settings".length());
  }

  /**
   * Builds {@link RoomOptions}; each setting's meaning and default is on the accessor of the same
   * name. Each setter checks its value at once. Not thread-safe; reusable.
   */
  public static final class Builder {
    private boolean autoSubscribe = true;
    private boolean adaptiveStream;
    private boolean dynacast;
    private int joinRetries = 1;
    private Duration connectTimeout = Duration.ofSeconds(15);
    private boolean singlePeerConnection;
    private Optional<EncryptionOptions> encryption = Optional.empty();
    private List<IceServer> iceServers = List.of();
    private Optional<IceTransportPolicy> iceTransportPolicy = Optional.empty();
    private Optional<Boolean> continualIceGathering = Optional.empty();
    private OptionalLong dataStreamMaxPayloadBytes = OptionalLong.empty();
    private boolean legacyDataStreams;
    private Duration operationTimeout = Duration.ofSeconds(DEFAULT_OPERATION_TIMEOUT_SECONDS);

    private Builder() {
    }

    /**
     * {@return this builder, with {@link RoomOptions#autoSubscribe()} set}
     *
     * @param value the setting
     */
    public Builder autoSubscribe(boolean value) {
      autoSubscribe = value;
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#adaptiveStream()} set}
     *
     * @param value the setting
     */
    public Builder adaptiveStream(boolean value) {
      adaptiveStream = value;
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#dynacast()} set}
     *
     * @param value the setting
     */
    public Builder dynacast(boolean value) {
      dynacast = value;
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#joinRetries()} set}
     *
     * @param value 0 or more
     * @throws IllegalArgumentException if negative
     */
    public Builder joinRetries(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("joinRetries must not be negative, was " + value);
      }
      joinRetries = value;
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#connectTimeout()} set}
     *
     * @param value positive
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration value) {
      Objects.requireNonNull(value, "connectTimeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive, was " + value);
      }
      connectTimeout = value;
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#singlePeerConnection()} set}
     *
     * @param value the setting
     */
    public Builder singlePeerConnection(boolean value) {
      singlePeerConnection = value;
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#encryption()} set} See
     * {@link RoomOptions#withEncryption}.
     *
     * @param value the encryption settings and keys
     */
    public Builder encryption(EncryptionOptions value) {
      encryption = Optional.of(Objects.requireNonNull(value, "encryption"));
      return this;
    }

    /** {@return this builder, for an unencrypted room (the default)} Undoes {@link #encryption(EncryptionOptions)}. */
    public Builder noEncryption() {
      encryption = Optional.empty();
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#iceServers()} set}
     *
     * @param value the servers; copied
     */
    public Builder iceServers(List<IceServer> value) {
      iceServers = List.copyOf(value);
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#iceTransportPolicy()} set}
     *
     * @param value the policy
     */
    public Builder iceTransportPolicy(IceTransportPolicy value) {
      iceTransportPolicy = Optional.of(Objects.requireNonNull(value, "iceTransportPolicy"));
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#continualIceGathering()} set}
     *
     * @param value the setting
     */
    public Builder continualIceGathering(boolean value) {
      continualIceGathering = Optional.of(value);
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#dataStreamMaxPayloadBytes()} set}
     *
     * @param value positive
     * @throws IllegalArgumentException if not positive
     */
    public Builder dataStreamMaxPayloadBytes(long value) {
      if (value <= 0) {
        throw new IllegalArgumentException("dataStreamMaxPayloadBytes must be positive, was " + value);
      }
      dataStreamMaxPayloadBytes = OptionalLong.of(value);
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#legacyDataStreams()} set}
     *
     * @param value the setting
     */
    public Builder legacyDataStreams(boolean value) {
      legacyDataStreams = value;
      return this;
    }

    /**
     * {@return this builder, with {@link RoomOptions#operationTimeout()} set}
     *
     * @param value positive
     * @throws IllegalArgumentException if not positive
     */
    public Builder operationTimeout(Duration value) {
      Objects.requireNonNull(value, "operationTimeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("operationTimeout must be positive, was " + value);
      }
      operationTimeout = value;
      return this;
    }

    /** {@return the options, immutable} */
    public RoomOptions build() {
      return new RoomOptions(new Settings(autoSubscribe, adaptiveStream, dynacast, joinRetries, connectTimeout,
          singlePeerConnection, encryption, iceServers, iceTransportPolicy, continualIceGathering,
          dataStreamMaxPayloadBytes, legacyDataStreams, operationTimeout));
    }
  }
}
