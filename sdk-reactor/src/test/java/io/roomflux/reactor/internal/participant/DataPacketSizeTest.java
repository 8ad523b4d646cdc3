package io.roomflux.reactor.internal.participant;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.data.DataOptions;
import org.junit.jupiter.api.Test;

class DataPacketSizeTest {
  private static final String SID = "PA_abcdefghijkl";

  @Test
  void theSizeIsTheCoresMeasuredSizePlusTheRoomForALargerSequenceNumber() {
    // The core refused 64 000 bytes from "alice", reliable, no topic, as "data packet size
    // (64038 bytes)" (RefusedOperationsTest before the fix): its sequence number took 1 byte.
    assertThat(DataPacketSize.encoded(64_000, DataOptions.reliable(), "alice", SID)).isEqualTo(64_038 + 4);
  }

  @Test
  void topicAndDestinationsCountAndTheLargestPayloadFitsExactly() {
    DataOptions plain = DataOptions.reliable();
    DataOptions addressed = DataOptions.reliable().withTopic("chat").to("bob", "carol");
    assertThat(DataPacketSize.encoded(1_000, addressed, "alice", SID))
        .isEqualTo(DataPacketSize.encoded(1_000, plain, "alice", SID) + (2 + 4) + (2 + 3) + (2 + 5));
    int largest = DataPacketSize.maxPayload(addressed, "alice", SID);
    assertThat(DataPacketSize.encoded(largest, addressed, "alice", SID)).isLessThanOrEqualTo(64_000);
    assertThat(DataPacketSize.encoded(largest + 1, addressed, "alice", SID)).isGreaterThan(64_000);
  }

  @Test
  void optionsTooLargeForAnyPayloadLeaveNone() {
    DataOptions huge = DataOptions.reliable().withTopic("t".repeat(70_000));
    assertThat(DataPacketSize.maxPayload(huge, "alice", SID)).isZero();
  }
}
