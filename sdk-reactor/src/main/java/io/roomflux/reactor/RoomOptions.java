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
  private final boolean autoSubscribe;
  private final boolean adaptiveStream;
  private final boolean dynacast;
  private final int joinRetries;
  private final Duration connectTimeout;
  private final boolean singlePeerConnection;
  private final Optional<EncryptionOptions> encryption;
  private final List<IceServer> iceServers;
  private final Optional<IceTransportPolicy> iceTransportPolicy;
  private final Optional<Boolean> continualIceGathering;
  private final OptionalLong dataStreamMaxPayloadBytes;
  private final boolean legacyDataStreams;

  private RoomOptions(Builder b) {
    this.autoSubscribe = b.autoSubscribe;
    this.adaptiveStream = b.adaptiveStream;
    this.dynacast = b.dynacast;
    this.joinRetries = b.joinRetries;
    this.connectTimeout = b.connectTimeout;
    this.singlePeerConnection = b.singlePeerConnection;
    this.encryption = b.encryption;
    this.iceServers = b.iceServers;
    this.iceTransportPolicy = b.iceTransportPolicy;
    this.continualIceGathering = b.continualIceGathering;
    this.dataStreamMaxPayloadBytes = b.dataStreamMaxPayloadBytes;
    this.legacyDataStreams = b.legacyDataStreams;
  }

  /**
   * The defaults described on each accessor.
   *
   * @return default options
   */
  public static RoomOptions defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.autoSubscribe = autoSubscribe;
    b.adaptiveStream = adaptiveStream;
    b.dynacast = dynacast;
    b.joinRetries = joinRetries;
    b.connectTimeout = connectTimeout;
    b.singlePeerConnection = singlePeerConnection;
    b.encryption = encryption;
    b.iceServers = iceServers;
    b.iceTransportPolicy = iceTransportPolicy;
    b.continualIceGathering = continualIceGathering;
    b.dataStreamMaxPayloadBytes = dataStreamMaxPayloadBytes;
    b.legacyDataStreams = legacyDataStreams;
    return b;
  }

  /**
   * Whether every remote track is subscribed to as it is published. Default true.
   *
   * @return the setting
   */
  public boolean autoSubscribe() {
    return autoSubscribe;
  }

  /**
   * Whether the server adapts video quality to what is rendered. Default false.
   *
   * @return the setting
   */
  public boolean adaptiveStream() {
    return adaptiveStream;
  }

  /**
   * Whether video layers nobody subscribes to are paused. Default false.
   *
   * @return the setting
   */
  public boolean dynacast() {
    return dynacast;
  }

  /**
   * How often the core retries a failed join. Default 1.
   *
   * @return the retries, 0 or more
   */
  public int joinRetries() {
    return joinRetries;
  }

  /**
   * How long {@link LiveKit#connect} waits for the room, retries included; also given to the
   * core for each attempt. Default 15 s.
   *
   * @return the timeout, positive
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Whether one peer connection is used for publishing and subscribing. Default false.
   *
   * @return the setting
   */
  public boolean singlePeerConnection() {
    return singlePeerConnection;
  }

  /**
   * End-to-end encryption of the room's media. Default none. See
   * {@link #withEncryption(EncryptionOptions)}.
   *
   * @return the encryption settings and keys, if the room is encrypted
   */
  public Optional<EncryptionOptions> encryption() {
    return encryption;
  }

  /**
   * STUN/TURN servers added to those the LiveKit server announces. Default none.
   *
   * @return an immutable list
   */
  public List<IceServer> iceServers() {
    return iceServers;
  }

  /**
   * Which ICE candidates may be used. Default empty: the core's (all).
   *
   * @return the policy, if set
   */
  public Optional<IceTransportPolicy> iceTransportPolicy() {
    return iceTransportPolicy;
  }

  /**
   * Whether ICE candidates keep being gathered as networks change. Default empty: the core's
   * (gather once).
   *
   * @return the setting, if set
   */
  public Optional<Boolean> continualIceGathering() {
    return continualIceGathering;
  }

  /**
   * The largest data stream chunk to send. Default empty: the core's (15 000 bytes).
   *
   * @return the size in bytes, positive, if set
   */
  public OptionalLong dataStreamMaxPayloadBytes() {
    return dataStreamMaxPayloadBytes;
  }

  /**
   * Whether data streams are sent the way pre-2025 clients expect. Default false.
   *
   * @return the setting
   */
  public boolean legacyDataStreams() {
    return legacyDataStreams;
  }

  /**
   * With another auto-subscribe setting.
   *
   * @param value the setting
   * @return new options
   */
  public RoomOptions withAutoSubscribe(boolean value) {
    return toBuilder().autoSubscribe(value).build();
  }

  /**
   * With another connect timeout.
   *
   * @param value the timeout, positive
   * @return new options
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public RoomOptions withConnectTimeout(Duration value) {
    return toBuilder().connectTimeout(value).build();
  }

  /**
   * With another number of join retries.
   *
   * @param value the retries, 0 or more
   * @return new options
   * @throws IllegalArgumentException if negative
   */
  public RoomOptions withJoinRetries(int value) {
    return toBuilder().joinRetries(value).build();
  }

  /**
   * With end-to-end encryption: the room's media is encrypted with these keys, and only
   * participants holding them can play it. The keys can be changed while connected through
   * {@link Room#e2ee()}. {@link #toString()} never shows them.
   *
   * @param value the encryption settings and keys
   * @return new options
   */
  public RoomOptions withEncryption(EncryptionOptions value) {
    return toBuilder().encryption(value).build();
  }

  /**
   * Equal if every setting is.
   *
   * @param other another object
   * @return whether the options are equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RoomOptions o && o.autoSubscribe == autoSubscribe && o.adaptiveStream == adaptiveStream
        && o.dynacast == dynacast && o.joinRetries == joinRetries && o.connectTimeout.equals(connectTimeout)
        && o.singlePeerConnection == singlePeerConnection && o.encryption.equals(encryption)
        && o.iceServers.equals(iceServers) && o.iceTransportPolicy.equals(iceTransportPolicy)
        && o.continualIceGathering.equals(continualIceGathering)
        && o.dataStreamMaxPayloadBytes.equals(dataStreamMaxPayloadBytes) && o.legacyDataStreams == legacyDataStreams;
  }

  @Override
  public int hashCode() {
    return Objects.hash(autoSubscribe, adaptiveStream, dynacast, joinRetries, connectTimeout, singlePeerConnection,
        encryption, iceServers, iceTransportPolicy, continualIceGathering, dataStreamMaxPayloadBytes,
        legacyDataStreams);
  }

  /**
   * Describes the options; keys and TURN passwords are never shown.
   *
   * @return e.g. {@code RoomOptions[autoSubscribe=true, ...]}
   */
  @Override
  public String toString() {
    return "RoomOptions[autoSubscribe=" + autoSubscribe + ", adaptiveStream=" + adaptiveStream + ", dynacast="
        + dynacast + ", joinRetries=" + joinRetries + ", connectTimeout=" + connectTimeout + ", singlePeerConnection="
        + singlePeerConnection + ", encryption=" + encryption + ", iceServers=" + iceServers + ", iceTransportPolicy="
        + iceTransportPolicy + ", continualIceGathering=" + continualIceGathering + ", dataStreamMaxPayloadBytes="
        + dataStreamMaxPayloadBytes + ", legacyDataStreams=" + legacyDataStreams + "]";
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

    private Builder() {
    }

    /**
     * See {@link RoomOptions#autoSubscribe()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder autoSubscribe(boolean value) {
      autoSubscribe = value;
      return this;
    }

    /**
     * See {@link RoomOptions#adaptiveStream()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder adaptiveStream(boolean value) {
      adaptiveStream = value;
      return this;
    }

    /**
     * See {@link RoomOptions#dynacast()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder dynacast(boolean value) {
      dynacast = value;
      return this;
    }

    /**
     * See {@link RoomOptions#joinRetries()}.
     *
     * @param value 0 or more
     * @return this builder
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
     * See {@link RoomOptions#connectTimeout()}.
     *
     * @param value positive
     * @return this builder
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
     * See {@link RoomOptions#singlePeerConnection()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder singlePeerConnection(boolean value) {
      singlePeerConnection = value;
      return this;
    }

    /**
     * See {@link RoomOptions#encryption()} and {@link RoomOptions#withEncryption}.
     *
     * @param value the encryption settings and keys
     * @return this builder
     */
    public Builder encryption(EncryptionOptions value) {
      encryption = Optional.of(Objects.requireNonNull(value, "encryption"));
      return this;
    }

    /**
     * An unencrypted room (the default): undoes {@link #encryption(EncryptionOptions)}.
     *
     * @return this builder
     */
    public Builder noEncryption() {
      encryption = Optional.empty();
      return this;
    }

    /**
     * See {@link RoomOptions#iceServers()}.
     *
     * @param value the servers; copied
     * @return this builder
     */
    public Builder iceServers(List<IceServer> value) {
      iceServers = List.copyOf(value);
      return this;
    }

    /**
     * See {@link RoomOptions#iceTransportPolicy()}.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder iceTransportPolicy(IceTransportPolicy value) {
      iceTransportPolicy = Optional.of(Objects.requireNonNull(value, "iceTransportPolicy"));
      return this;
    }

    /**
     * See {@link RoomOptions#continualIceGathering()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder continualIceGathering(boolean value) {
      continualIceGathering = Optional.of(value);
      return this;
    }

    /**
     * See {@link RoomOptions#dataStreamMaxPayloadBytes()}.
     *
     * @param value positive
     * @return this builder
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
     * See {@link RoomOptions#legacyDataStreams()}.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder legacyDataStreams(boolean value) {
      legacyDataStreams = value;
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
     */
    public RoomOptions build() {
      return new RoomOptions(this);
    }
  }
}
