package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.data.PayloadTooLargeException;
import io.roomflux.reactor.media.TrackPublishOptions;
import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * Operations the SDK must refuse itself, at once and with a typed error, because the core would
 * refuse them late or with its own wording: data packets over the data channel's maximum message
 * size (at the boundary, against the real core and server) and publishing a track twice.
 */
@LiveKitIntegrationTest
class RefusedOperationsTest {
  private static final Duration IO = Duration.ofSeconds(30);

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("refused");

  @Test
  void aPacketOfTheLargestAcceptedPayloadArrivesWholeAndOneByteMoreIsRefusedWithPayloadTooLargeException() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    LocalParticipant sender = alice.localParticipant();
    DataOptions options = DataOptions.reliable().withTopic("limit").to("bob");
    int largest = sender.maxDataPayloadBytes(options);
    assertThat(largest).as("topic, destination and sender take their share of the 64 000 bytes")
        .isBetween(63_900, 63_990);
    byte[] payload = new byte[largest];
    Arrays.fill(payload, (byte) 7);

    StepVerifier.create(bob.dataPackets("limit").next().map(DataPacket::bytes))
        .then(() -> sender.publishData(payload, options).block(IO))
        .assertNext(received -> assertThat(received).hasSize(largest).containsOnly((byte) 7))
        .expectComplete()
        .verify(IO);

    StepVerifier.create(sender.publishData(new byte[largest + 1], options))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PayloadTooLargeException.class)
            .hasMessageContaining("exceeds the limit of 64000 bytes"))
        .verify(IO);
  }

  @Test
  void theFormerlyDocumentedMaximumOf64000BytesIsRefusedWithPayloadTooLargeExceptionAndNothingIsSent() {
    Room alice = rooms.join("alice");
    for (DataOptions options : List.of(DataOptions.reliable(), DataOptions.lossy())) {
      StepVerifier.create(alice.localParticipant().publishData(new byte[64_000], options))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PayloadTooLargeException.class)
              .hasMessageContaining("publishData"))
          .verify(IO);
    }
    // A packet under the limit still goes out afterwards: nothing was broken by the refusals.
    alice.localParticipant().publishData(new byte[1_000], DataOptions.reliable()).block(IO);
  }

  @Test
  void publishingAPublishedTrackAgainIsRefusedAtOnceWithAClearError() {
    Room alice = rooms.join("alice");
    ToneTrack tone = rooms.closeAfter(ToneTrack.publish(alice, 440, IO));

    long sent = ((DefaultRoom) alice).operationsSent();
    StepVerifier.create(alice.localParticipant().publishTrack(tone.track(), TrackPublishOptions.microphone()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OperationFailedException.class)
            .hasMessageContaining("already published"))
        .verify(IO);
    // Refused before anything reached the core, so it cannot wait for the core's 10 s publication
    // timeout; and the first publication is left as it was.
    assertThat(((DefaultRoom) alice).operationsSent()).as("requests sent for the second publish").isEqualTo(sent);
    assertThat(tone.track().isClosed()).isFalse();
  }
}
