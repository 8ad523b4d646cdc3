package io.roomflux.reactor.internal.wire;

import com.google.protobuf.ByteString;
import io.roomflux.proto.DataTrackStreamEOS;
import io.roomflux.proto.LocalDataTrackTryPushError;
import io.roomflux.proto.PublishDataTrackError;
import io.roomflux.proto.SubscribeDataTrackError;
import io.roomflux.reactor.data.DataTrackException;
import io.roomflux.reactor.data.DataTrackException.Reason;
import io.roomflux.reactor.data.DataTrackFrame;
import io.roomflux.reactor.data.DataTrackFrameEncoding;
import io.roomflux.reactor.data.DataTrackInfo;
import io.roomflux.reactor.data.DataTrackOptions;
import io.roomflux.reactor.data.DataTrackSchemaEncoding;
import io.roomflux.reactor.data.DataTrackSchemaId;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Data tracks to and from the core's protocol: descriptions, frames, options, schema ids and
 * encodings, and the core's error codes as {@link DataTrackException}s. The well-known enums of
 * the API name the protocol's values without their prefix, in the same order from 1.
 */
public final class DataTrackWire {
  private DataTrackWire() {
  }

  /**
   * A data track's description.
   *
   * @param info the core's info
   * @return the description
   */
  public static DataTrackInfo info(io.roomflux.proto.DataTrackInfo info) {
    return new DataTrackInfo(info.getSid(), info.getName(), info.getUsesE2Ee(),
        info.hasSchema() ? Optional.of(schemaId(info.getSchema())) : Optional.empty(),
        info.hasFrameEncoding() ? frameEncoding(info.getFrameEncoding()) : Optional.empty());
  }

  /**
   * A received frame. The payload is copied to the heap.
   *
   * @param frame the core's frame
   * @return the frame
   */
  public static DataTrackFrame frame(io.roomflux.proto.DataTrackFrame frame) {
    return new DataTrackFrame(ByteBuffer.wrap(frame.getPayload().toByteArray()),
        frame.hasUserTimestamp() ? Optional.of(frame.getUserTimestamp()) : Optional.empty());
  }

  /**
   * A frame to push.
   *
   * @param frame the frame
   * @return the core's frame
   */
  public static io.roomflux.proto.DataTrackFrame toProto(DataTrackFrame frame) {
    io.roomflux.proto.DataTrackFrame.Builder b = io.roomflux.proto.DataTrackFrame.newBuilder()
        .setPayload(ByteString.copyFrom(frame.payload().duplicate()));
    frame.userTimestamp().ifPresent(b::setUserTimestamp);
    return b.build();
  }

  /**
   * Publishing options.
   *
   * @param name the track's name
   * @param options the declared schema and frame encoding
   * @return the core's options
   */
  public static io.roomflux.proto.DataTrackOptions toProto(String name, DataTrackOptions options) {
    io.roomflux.proto.DataTrackOptions.Builder b = io.roomflux.proto.DataTrackOptions.newBuilder().setName(name);
    options.schema().ifPresent(s -> b.setSchema(toProto(s)));
    options.frameEncoding().ifPresent(e -> b.setFrameEncoding(toProto(e)));
    return b.build();
  }

  /**
   * A schema id.
   *
   * @param id the id
   * @return the core's id
   */
  public static io.roomflux.proto.DataTrackSchemaId toProto(DataTrackSchemaId id) {
    io.roomflux.proto.DataTrackSchemaId.Builder b = io.roomflux.proto.DataTrackSchemaId.newBuilder().setName(id.name());
    id.encoding().ifPresent(e -> {
      io.roomflux.proto.DataTrackSchemaEncoding.Builder enc = io.roomflux.proto.DataTrackSchemaEncoding.newBuilder();
      e.wellKnown().ifPresent(w -> enc.setWellKnown(
          io.roomflux.proto.DataTrackSchemaEncoding.WellKnownSchemaEncoding.forNumber(w.ordinal() + 1)));
      e.custom().ifPresent(enc::setCustom);
      b.setEncoding(enc);
    });
    return b.build();
  }

  static io.roomflux.proto.DataTrackFrameEncoding toProto(DataTrackFrameEncoding encoding) {
    io.roomflux.proto.DataTrackFrameEncoding.Builder b = io.roomflux.proto.DataTrackFrameEncoding.newBuilder();
    encoding.wellKnown().ifPresent(w -> b.setWellKnown(
        io.roomflux.proto.DataTrackFrameEncoding.WellKnownFrameEncoding.forNumber(w.ordinal() + 1)));
    encoding.custom().ifPresent(b::setCustom);
    return b.build();
  }

  static DataTrackSchemaId schemaId(io.roomflux.proto.DataTrackSchemaId id) {
    Optional<DataTrackSchemaEncoding> encoding = Optional.empty();
    if (id.hasEncoding()) {
      io.roomflux.proto.DataTrackSchemaEncoding e = id.getEncoding();
      DataTrackSchemaEncoding.WellKnown[] known = DataTrackSchemaEncoding.WellKnown.values();
      if (e.hasCustom() && !e.getCustom().isEmpty() && e.getCustom().length() <= 25) {
        encoding = Optional.of(DataTrackSchemaEncoding.custom(e.getCustom()));
      } else if (e.hasWellKnown() && e.getWellKnown().getNumber() >= 1 && e.getWellKnown().getNumber() <= known.length) {
        encoding = Optional.of(DataTrackSchemaEncoding.of(known[e.getWellKnown().getNumber() - 1]));
      }
    }
    // A name the server accepted is not empty; a malformed one is described as best it can be.
    return new DataTrackSchemaId(id.getName().isEmpty() ? "?" : id.getName(), encoding);
  }

  static Optional<DataTrackFrameEncoding> frameEncoding(io.roomflux.proto.DataTrackFrameEncoding e) {
    DataTrackFrameEncoding.WellKnown[] known = DataTrackFrameEncoding.WellKnown.values();
    if (e.hasCustom() && !e.getCustom().isEmpty() && e.getCustom().length() <= 25) {
      return Optional.of(DataTrackFrameEncoding.custom(e.getCustom()));
    }
    if (e.hasWellKnown() && e.getWellKnown().getNumber() >= 1 && e.getWellKnown().getNumber() <= known.length) {
      return Optional.of(DataTrackFrameEncoding.of(known[e.getWellKnown().getNumber() - 1]));
    }
    return Optional.empty();
  }

  // ---- errors -------------------------------------------------------------------------------

  /**
   * A refused publish.
   *
   * @param name the track's name
   * @param error the core's error
   * @return the exception
   */
  public static DataTrackException publishError(String name, PublishDataTrackError error) {
    Reason reason = switch (error.getCode()) {
      case PUBLISH_DATA_TRACK_ERROR_CODE_DUPLICATE_NAME -> Reason.DUPLICATE_NAME;
      case PUBLISH_DATA_TRACK_ERROR_CODE_INVALID_NAME -> Reason.INVALID_NAME;
      case PUBLISH_DATA_TRACK_ERROR_CODE_INVALID_SCHEMA -> Reason.INVALID_SCHEMA;
      case PUBLISH_DATA_TRACK_ERROR_CODE_NOT_ALLOWED -> Reason.NOT_ALLOWED;
      case PUBLISH_DATA_TRACK_ERROR_CODE_LIMIT_REACHED -> Reason.LIMIT_REACHED;
      case PUBLISH_DATA_TRACK_ERROR_CODE_TIMEOUT -> Reason.TIMEOUT;
      case PUBLISH_DATA_TRACK_ERROR_CODE_DISCONNECTED -> Reason.DISCONNECTED;
      default -> Reason.OTHER;
    };
    return new DataTrackException(reason, "publishDataTrack '" + name + "' failed (" + error.getCode() + "): "
        + error.getMessage());
  }

  /**
   * Whether a refused push only means the send queue was full.
   *
   * @param error the core's error
   * @return true for a full queue
   */
  public static boolean queueFull(LocalDataTrackTryPushError error) {
    return error.getCode() == io.roomflux.proto.LocalDataTrackTryPushErrorCode.LOCAL_DATA_TRACK_TRY_PUSH_ERROR_CODE_QUEUE_FULL;
  }

  /**
   * A refused push, other than a full queue.
   *
   * @param name the track's name
   * @param error the core's error
   * @return the exception
   */
  public static DataTrackException pushError(String name, LocalDataTrackTryPushError error) {
    Reason reason = switch (error.getCode()) {
      case LOCAL_DATA_TRACK_TRY_PUSH_ERROR_CODE_TRACK_UNPUBLISHED, LOCAL_DATA_TRACK_TRY_PUSH_ERROR_CODE_INVALID_HANDLE ->
          Reason.UNPUBLISHED;
      default -> Reason.OTHER;
    };
    return new DataTrackException(reason, "tryPush to data track '" + name + "' failed (" + error.getCode() + "): "
        + error.getMessage());
  }

  /**
   * The error an end of stream carries, if any.
   *
   * @param what the subscription, for the message
   * @param eos the core's end of stream
   * @return the exception, or empty for a normal end
   */
  public static Optional<DataTrackException> streamError(String what, DataTrackStreamEOS eos) {
    if (!eos.hasError()) {
      return Optional.empty();
    }
    SubscribeDataTrackError error = eos.getError();
    Reason reason = switch (error.getCode()) {
      case SUBSCRIBE_DATA_TRACK_ERROR_CODE_UNPUBLISHED, SUBSCRIBE_DATA_TRACK_ERROR_CODE_INVALID_HANDLE -> Reason.UNPUBLISHED;
      case SUBSCRIBE_DATA_TRACK_ERROR_CODE_TIMEOUT -> Reason.TIMEOUT;
      case SUBSCRIBE_DATA_TRACK_ERROR_CODE_DISCONNECTED -> Reason.DISCONNECTED;
      default -> Reason.SUBSCRIPTION_FAILED;
    };
    return Optional.of(new DataTrackException(reason, what + " failed (" + error.getCode() + "): " + error.getMessage()));
  }
}
