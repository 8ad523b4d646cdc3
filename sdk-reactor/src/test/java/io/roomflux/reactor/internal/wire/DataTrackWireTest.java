package io.roomflux.reactor.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.proto.LocalDataTrackTryPushError;
import io.roomflux.proto.LocalDataTrackTryPushErrorCode;
import io.roomflux.proto.PublishDataTrackError;
import io.roomflux.proto.PublishDataTrackErrorCode;
import io.roomflux.reactor.data.DataTrackException;
import io.roomflux.reactor.data.DataTrackFrame;
import io.roomflux.reactor.data.DataTrackFrameEncoding;
import io.roomflux.reactor.data.DataTrackInfo;
import io.roomflux.reactor.data.DataTrackOptions;
import io.roomflux.reactor.data.DataTrackSchemaEncoding;
import io.roomflux.reactor.data.DataTrackSchemaId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The data track mapping to and from the core's protocol. */
class DataTrackWireTest {
  @Test
  void everyWellKnownSchemaLanguageIsTheProtocolValueOfTheSameName() {
    for (DataTrackSchemaEncoding.WellKnown w : DataTrackSchemaEncoding.WellKnown.values()) {
      io.roomflux.proto.DataTrackSchemaId proto = DataTrackWire.toProto(DataTrackSchemaId.of("s", DataTrackSchemaEncoding.of(w)));
      assertThat(proto.getEncoding().getWellKnown().name()).isEqualTo("WELL_KNOWN_SCHEMA_ENCODING_" + w.name());
      assertThat(DataTrackWire.schemaId(proto)).isEqualTo(DataTrackSchemaId.of("s", DataTrackSchemaEncoding.of(w)));
    }
  }

  @Test
  void everyWellKnownFrameFormatIsTheProtocolValueOfTheSameName() {
    for (DataTrackFrameEncoding.WellKnown w : DataTrackFrameEncoding.WellKnown.values()) {
      io.roomflux.proto.DataTrackFrameEncoding proto = DataTrackWire.toProto(DataTrackFrameEncoding.of(w));
      assertThat(proto.getWellKnown().name()).isEqualTo("WELL_KNOWN_FRAME_ENCODING_" + w.name());
      assertThat(DataTrackWire.frameEncoding(proto)).contains(DataTrackFrameEncoding.of(w));
    }
  }

  @Test
  void optionsInfoAndFramesKeepTheirValues() {
    DataTrackSchemaId schema = DataTrackSchemaId.of("Pose", DataTrackSchemaEncoding.custom("my-idl"));
    io.roomflux.proto.DataTrackOptions options = DataTrackWire.toProto("pose", DataTrackOptions.defaults()
        .withSchema(schema).withFrameEncoding(DataTrackFrameEncoding.custom("my-bin")));
    assertThat(options.getName()).isEqualTo("pose");
    io.roomflux.proto.DataTrackInfo info = io.roomflux.proto.DataTrackInfo.newBuilder().setName("pose").setSid("DT_1")
        .setUsesE2Ee(true).setSchema(options.getSchema()).setFrameEncoding(options.getFrameEncoding()).build();
    assertThat(DataTrackWire.info(info)).isEqualTo(new DataTrackInfo("DT_1", "pose", true, Optional.of(schema),
        Optional.of(DataTrackFrameEncoding.custom("my-bin"))));

    DataTrackFrame frame = DataTrackFrame.of(new byte[] {1, 2, 3}, -1L);
    assertThat(DataTrackWire.frame(DataTrackWire.toProto(frame))).isEqualTo(frame);
    DataTrackFrame untimed = DataTrackFrame.of(new byte[0]);
    assertThat(DataTrackWire.toProto(untimed).hasUserTimestamp()).isFalse();
    assertThat(DataTrackWire.frame(DataTrackWire.toProto(untimed))).isEqualTo(untimed);
  }

  @Test
  void theCoresErrorCodesBecomeReasons() {
    assertThat(DataTrackWire.publishError("t", PublishDataTrackError.newBuilder()
        .setCode(PublishDataTrackErrorCode.PUBLISH_DATA_TRACK_ERROR_CODE_DUPLICATE_NAME).setMessage("dup").build()).reason())
        .isEqualTo(DataTrackException.Reason.DUPLICATE_NAME);
    LocalDataTrackTryPushError full = LocalDataTrackTryPushError.newBuilder()
        .setCode(LocalDataTrackTryPushErrorCode.LOCAL_DATA_TRACK_TRY_PUSH_ERROR_CODE_QUEUE_FULL).setMessage("full").build();
    assertThat(DataTrackWire.queueFull(full)).isTrue();
    assertThat(DataTrackWire.pushError("t", LocalDataTrackTryPushError.newBuilder()
        .setCode(LocalDataTrackTryPushErrorCode.LOCAL_DATA_TRACK_TRY_PUSH_ERROR_CODE_TRACK_UNPUBLISHED).setMessage("gone")
        .build()).reason()).isEqualTo(DataTrackException.Reason.UNPUBLISHED);
  }

  @Test
  void encodingsAreEitherWellKnownOrCustomOfOneTo25Characters() {
    assertThatThrownBy(() -> DataTrackSchemaEncoding.custom("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DataTrackFrameEncoding.custom("x".repeat(26))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DataTrackFrameEncoding(Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DataTrackSchemaId.of("")).isInstanceOf(IllegalArgumentException.class);
  }
}
