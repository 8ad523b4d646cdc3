package io.roomflux.reactor;

import io.roomflux.reactor.e2ee.EncryptionOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How to join a room: every option of the core's {@code RoomOptions}. Immutable; start from
 * {@link #defaults()} or {@link #builder()}, or change one setting with a {@code with*} method.
 * Options left unset leave the core's default in place.
 *
 * @param autoSubscribe subscribe to every remote track as it is published. Default true.
 * @param adaptiveStream let the server adapt video quality to what is rendered. Default false.
 * @param dynacast pause publishing video layers nobody subscribes to. Default false.
 * @param joinRetries how often the core retries a failed join. Default 1.
 * @param connectTimeout how long {@link LiveKit#connect} waits for the room, retries included;
 *     also given to the core for each attempt. Default 15 s.
 * @param singlePeerConnection use one peer connection for publishing and subscribing. Default false.
 * @param encryption end-to-end encryption of the room's media; default none. See
 *     {@link #withEncryption(EncryptionOptions)}.
 * @param iceServers STUN/TURN servers added to those the LiveKit server announces. Default none.
 * @param iceTransportPolicy which ICE candidates may be used; default: the core's (all).
 * @param continualIceGathering keep gathering ICE candidates as networks change; default: the
 *     core's (gather once).
 * @param dataStreamMaxPayloadBytes the largest data stream chunk to send; default: the core's
 *     (15 000 bytes).
 * @param legacyDataStreams send data streams the way pre-2025 clients expect. Default false.
 */
public record RoomOptions(boolean autoSubscribe, boolean adaptiveStream, boolean dynacast, int joinRetries,
                          Duration connectTimeout, boolean singlePeerConnection,
                          Optional<EncryptionOptions> encryption, List<IceServer> iceServers,
                          Optional<IceTransportPolicy> iceTransportPolicy, Optional<Boolean> continualIceGathering,
                          OptionalLong dataStreamMaxPayloadBytes, boolean legacyDataStreams) {
  /** Validates the options. */
  public RoomOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(encryption, "encryption");
    iceServers = List.copyOf(iceServers);
    Objects.requireNonNull(iceTransportPolicy, "iceTransportPolicy");
    Objects.requireNonNull(continualIceGathering, "continualIceGathering");
    Objects.requireNonNull(dataStreamMaxPayloadBytes, "dataStreamMaxPayloadBytes");
    if (joinRetries < 0) {
      throw new IllegalArgumentException("joinRetries must not be negative");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
    if (dataStreamMaxPayloadBytes.isPresent() && dataStreamMaxPayloadBytes.getAsLong() <= 0) {
      throw new IllegalArgumentException("dataStreamMaxPayloadBytes must be positive");
    }
  }

  /**
   * The defaults described on each component.
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
   * @param value the timeout
   * @return new options
   */
  public RoomOptions withConnectTimeout(Duration value) {
    return toBuilder().connectTimeout(value).build();
  }

  /**
   * With another number of join retries.
   *
   * @param value the retries
   * @return new options
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

  /** Builds {@link RoomOptions}; each setter's meaning is on the matching record component. */
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

    /** @param value see {@link RoomOptions#autoSubscribe()} @return this builder */
    public Builder autoSubscribe(boolean value) {
      autoSubscribe = value;
      return this;
    }

    /** @param value see {@link RoomOptions#adaptiveStream()} @return this builder */
    public Builder adaptiveStream(boolean value) {
      adaptiveStream = value;
      return this;
    }

    /** @param value see {@link RoomOptions#dynacast()} @return this builder */
    public Builder dynacast(boolean value) {
      dynacast = value;
      return this;
    }

    /** @param value see {@link RoomOptions#joinRetries()} @return this builder */
    public Builder joinRetries(int value) {
      joinRetries = value;
      return this;
    }

    /** @param value see {@link RoomOptions#connectTimeout()} @return this builder */
    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    /** @param value see {@link RoomOptions#singlePeerConnection()} @return this builder */
    public Builder singlePeerConnection(boolean value) {
      singlePeerConnection = value;
      return this;
    }

    /** @param value see {@link RoomOptions#encryption()} @return this builder */
    public Builder encryption(EncryptionOptions value) {
      encryption = Optional.of(value);
      return this;
    }

    /** @param value see {@link RoomOptions#iceServers()} @return this builder */
    public Builder iceServers(List<IceServer> value) {
      iceServers = List.copyOf(value);
      return this;
    }

    /** @param value see {@link RoomOptions#iceTransportPolicy()} @return this builder */
    public Builder iceTransportPolicy(IceTransportPolicy value) {
      iceTransportPolicy = Optional.of(value);
      return this;
    }

    /** @param value see {@link RoomOptions#continualIceGathering()} @return this builder */
    public Builder continualIceGathering(boolean value) {
      continualIceGathering = Optional.of(value);
      return this;
    }

    /** @param value see {@link RoomOptions#dataStreamMaxPayloadBytes()} @return this builder */
    public Builder dataStreamMaxPayloadBytes(long value) {
      dataStreamMaxPayloadBytes = OptionalLong.of(value);
      return this;
    }

    /** @param value see {@link RoomOptions#legacyDataStreams()} @return this builder */
    public Builder legacyDataStreams(boolean value) {
      legacyDataStreams = value;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException if a value is out of range
     */
    public RoomOptions build() {
      return new RoomOptions(autoSubscribe, adaptiveStream, dynacast, joinRetries, connectTimeout,
          singlePeerConnection, encryption, iceServers, iceTransportPolicy, continualIceGathering,
          dataStreamMaxPayloadBytes, legacyDataStreams);
    }
  }
}
