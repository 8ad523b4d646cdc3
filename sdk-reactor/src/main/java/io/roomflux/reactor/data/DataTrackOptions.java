package io.roomflux.reactor.data;

import java.util.Objects;
import java.util.Optional;

/**
 * Options for publishing a data track (the name is given to
 * {@link io.roomflux.reactor.participant.LocalParticipant#publishDataTrack(String, DataTrackOptions)}).
 * Immutable; each {@code with} method returns a copy. Subscribers see both values in
 * {@link DataTrackInfo}.
 */
public final class DataTrackOptions {
  private static final DataTrackOptions DEFAULTS = new DataTrackOptions(Optional.empty(), Optional.empty());

  private final Optional<DataTrackSchemaId> schema;
  private final Optional<DataTrackFrameEncoding> frameEncoding;

  private DataTrackOptions(Optional<DataTrackSchemaId> schema, Optional<DataTrackFrameEncoding> frameEncoding) {
    this.schema = schema;
    this.frameEncoding = frameEncoding;
  }

  /**
   * No schema and no frame encoding declared.
   *
   * @return the defaults
   */
  public static DataTrackOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Declares the schema of the frames. Define it first with
   * {@link io.roomflux.reactor.participant.LocalParticipant#defineSchema} so subscribers can fetch it.
   *
   * @param id the schema
   * @return a copy with it
   */
  public DataTrackOptions withSchema(DataTrackSchemaId id) {
    return new DataTrackOptions(Optional.of(Objects.requireNonNull(id, "id")), frameEncoding);
  }

  /**
   * Declares how the frames are serialized.
   *
   * @param encoding the encoding
   * @return a copy with it
   */
  public DataTrackOptions withFrameEncoding(DataTrackFrameEncoding encoding) {
    return new DataTrackOptions(schema, Optional.of(Objects.requireNonNull(encoding, "encoding")));
  }

  /**
   * The declared schema.
   *
   * @return it, if set
   */
  public Optional<DataTrackSchemaId> schema() {
    return schema;
  }

  /**
   * The declared frame encoding.
   *
   * @return it, if set
   */
  public Optional<DataTrackFrameEncoding> frameEncoding() {
    return frameEncoding;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataTrackOptions other && schema.equals(other.schema)
        && frameEncoding.equals(other.frameEncoding);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schema, frameEncoding);
  }

  @Override
  public String toString() {
    return "DataTrackOptions[schema=" + schema + ", frameEncoding=" + frameEncoding + "]";
  }

  /**
   * {@return a builder with every option at its default}
   */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /**
   * {@return a builder that starts from these options}
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link DataTrackOptions}; not thread-safe. Each setter is the matching with-method. */
  public static final class Builder {
    private DataTrackOptions options;

    private Builder(DataTrackOptions start) {
      this.options = start;
    }

    /**
     * {@return this builder, with {@link DataTrackOptions#schema()} set}
     *
     * @param id the schema the frames follow
     */
    public Builder schema(DataTrackSchemaId id) {
      options = options.withSchema(id);
      return this;
    }

    /**
     * {@return this builder, with {@link DataTrackOptions#frameEncoding()} set}
     *
     * @param encoding how the frames are encoded
     */
    public Builder frameEncoding(DataTrackFrameEncoding encoding) {
      options = options.withFrameEncoding(encoding);
      return this;
    }

    /**
     * {@return the options}
     */
    public DataTrackOptions build() {
      return options;
    }
  }
}
