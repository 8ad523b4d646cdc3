package io.roomflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomflux.reactor.data.DataKind;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.reactor.data.DataPacket;
import io.roomflux.reactor.data.PayloadTooLargeException;
import io.roomflux.reactor.internal.room.DefaultRoom;
import io.roomflux.reactor.participant.LocalParticipant;
import io.roomflux.testkit.LiveKitIntegrationTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Pipelined data packets ({@code publishData(Publisher, ...)}), the ordering of concurrent plain
 * {@code publishData} calls and the data channel's buffered-amount-low threshold, against a real
 * livekit-server with two participants.
 */
@LiveKitIntegrationTest
class PipelinedDataTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final int KIB = 1024;

  @RegisterExtension
  final RoomFixture rooms = new RoomFixture("pipe");

  /** {@code size} bytes: the sequence number, then bytes derived from it (so a mixed-up copy shows). */
  private static byte[] payload(int seq, int size) {
    byte[] bytes = new byte[size];
    ByteBuffer.wrap(bytes).putInt(seq);
    for (int i = Integer.BYTES; i < size; i++) {
      bytes[i] = (byte) (seq * 31 + i);
    }
    return bytes;
  }

  /** The packet's sequence number, or -1 if its bytes are not what {@link #payload} made. */
  private static int check(DataPacket packet, int size) {
    ByteBuffer p = packet.payload();
    if (p.remaining() != size) {
      return -1;
    }
    int seq = p.getInt(p.position());
    for (int i = Integer.BYTES; i < size; i++) {
      if (p.get(p.position() + i) != (byte) (seq * 31 + i)) {
        return -1;
      }
    }
    return seq;
  }

  private static List<Integer> upTo(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void fiveHundredPipelinedPacketsArriveOnceIntactAndInOrder() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    DataOptions options = DataOptions.reliable().withTopic("pipe");
    long sentBefore = ((DefaultRoom) alice).operationsSent();

    StepVerifier.create(bob.dataPackets("pipe").map(p -> check(p, KIB)).take(500).collectList())
        .then(() -> StepVerifier.create(alice.localParticipant()
                .publishData(Flux.range(0, 500).map(i -> payload(i, KIB)), options))
            .expectNext(500L)
            .expectComplete()
            .verify(IO))
        .assertNext(seqs -> assertThat(seqs).isEqualTo(upTo(500)))
        .expectComplete()
        .verify(IO);
    assertThat(((DefaultRoom) alice).operationsSent() - sentBefore).as("one request per packet").isEqualTo(500);
  }

  @Test
  void concurrentPlainPublishDataCallsArriveInSubscriptionOrder() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    DataOptions options = DataOptions.reliable().withTopic("plain");
    LocalParticipant me = alice.localParticipant();

    // flatMap with a concurrency of 300 subscribes to all 300 sends at once, one after the other
    // on this thread, without waiting for any to complete.
    StepVerifier.create(bob.dataPackets("plain").map(p -> check(p, 512)).take(300).collectList())
        .then(() -> Flux.range(0, 300).flatMap(i -> me.publishData(payload(i, 512), options), 300)
            .then().block(IO))
        .assertNext(seqs -> assertThat(seqs).isEqualTo(upTo(300)))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void cancellingMidwayStopsSendingAndReleasesEverything() throws InterruptedException {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    DataOptions options = DataOptions.reliable().withTopic("cancel");
    long sentBefore = ((DefaultRoom) alice).operationsSent();
    AtomicInteger emitted = new AtomicInteger();
    AtomicBoolean cancelled = new AtomicBoolean();
    java.util.Set<String> emittedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    CountDownLatch fifty = new CountDownLatch(50);
    List<Integer> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch marker = new CountDownLatch(1);
    Disposable receiver = bob.dataPackets("cancel").subscribe(p -> {
      if (p.payload().remaining() == 1) {
        marker.countDown();
      } else {
        received.add(check(p, KIB));
        fifty.countDown();
      }
    });
    Disposable sending = alice.localParticipant()
        .publishData(Flux.range(0, 1_000_000).map(i -> payload(i, KIB)).doOnNext(p -> {
          emitted.incrementAndGet();
          emittedOn.add(Thread.currentThread().getName());
        })
            .doOnCancel(() -> cancelled.set(true)), options, 8)
        .subscribe();
    assertThat(fifty.await(IO.toSeconds(), TimeUnit.SECONDS)).as("50 packets received").isTrue();
    sending.dispose();
    assertThat(cancelled).as("the publisher was cancelled").isTrue();

    // Whatever the pipeline handed to the core goes out before a packet sent after it.
    alice.localParticipant().publishData(new byte[1], options).block(IO);
    assertThat(marker.await(IO.toSeconds(), TimeUnit.SECONDS)).as("the marker arrived").isTrue();
    long sentAfterMarker = ((DefaultRoom) alice).operationsSent();

    // Nothing more goes out: a second marker is the only request sent since.
    CountDownLatch second = new CountDownLatch(1);
    Disposable secondReceiver = bob.dataPackets("marker-2").subscribe(p -> second.countDown());
    alice.localParticipant().publishData(new byte[1], DataOptions.reliable().withTopic("marker-2")).block(IO);
    assertThat(second.await(IO.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(((DefaultRoom) alice).operationsSent()).as("requests since the first marker")
        .isEqualTo(sentAfterMarker + 1);
    long pipelined = sentAfterMarker - sentBefore - 1;
    assertThat(received).as("every packet the pipeline sent arrived, in order, intact, once")
        .isEqualTo(upTo((int) pipelined));
    assertThat(pipelined).as("packets sent").isLessThan(1_000_000);
    assertThat(emitted.get()).as("payloads taken from the publisher, at most 2 * 8 beyond those sent")
        .isLessThanOrEqualTo((int) pipelined + 2 * 8);
    assertThat(emittedOn).as("threads the publisher ran on").allMatch(name -> !name.contains("dispatch"));
    receiver.dispose();
    secondReceiver.dispose();

    // Every packet handed to the core released its lease: the disconnect waits for none.
    StepVerifier.create(alice.disconnect()).expectComplete().verify(IO);
    assertThat(rooms.lk().diagnostics().callbacksAbandoned()).isZero();
  }

  @Test
  void anOversizePayloadFailsWithPayloadTooLargeAfterSendingThoseBeforeIt() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    DataOptions options = DataOptions.reliable().withTopic("big");
    long sentBefore = ((DefaultRoom) alice).operationsSent();

    StepVerifier.create(bob.dataPackets("big").map(p -> check(p, KIB)).take(2).collectList())
        .then(() -> StepVerifier.create(alice.localParticipant().publishData(
                Flux.just(payload(0, KIB), payload(1, KIB), new byte[64_000], payload(3, KIB)), options))
            .expectError(PayloadTooLargeException.class)
            .verify(IO))
        .assertNext(seqs -> assertThat(seqs).containsExactly(0, 1))
        .expectComplete()
        .verify(IO);
    assertThat(((DefaultRoom) alice).operationsSent() - sentBefore).as("the packets before the oversize one")
        .isEqualTo(2);
  }

  @Test
  void aRoomDisconnectFailsThePipelineWithRoomClosedException() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");
    DataOptions options = DataOptions.reliable().withTopic("closing");
    AtomicBoolean cancelled = new AtomicBoolean();

    StepVerifier.create(alice.localParticipant().publishData(
            Flux.range(0, 1_000_000).map(i -> payload(i, KIB)).doOnCancel(() -> cancelled.set(true)), options))
        .then(() -> bob.dataPackets("closing").take(20).then(alice.disconnect()).block(IO))
        .expectError(RoomClosedException.class)
        .verify(IO);
    assertThat(cancelled).as("the publisher was cancelled").isTrue();
  }

  @Test
  void theThresholdSetterReachesTheCoreWhichReportsTheChange() {
    Room alice = rooms.join("alice");
    Room bob = rooms.join("bob");

    StepVerifier.create(alice.events().ofType(RoomEvent.DataChannelLowThresholdChanged.class).next())
        .then(() -> alice.localParticipant().setDataChannelBufferedAmountLowThreshold(DataKind.RELIABLE, 4 * KIB)
            .block(IO))
        .expectNext(new RoomEvent.DataChannelLowThresholdChanged(DataKind.RELIABLE, 4 * KIB))
        .expectComplete()
        .verify(IO);
    assertThat(alice.info().reliableBufferedAmountLowThreshold()).isEqualTo(4 * KIB);

    // With a 4 KiB threshold the core holds packets back more often; all still arrive, in order.
    StepVerifier.create(bob.dataPackets("low").map(p -> check(p, 16 * KIB)).take(200).collectList())
        .then(() -> alice.localParticipant().publishData(Flux.range(0, 200).map(i -> payload(i, 16 * KIB)),
            DataOptions.reliable().withTopic("low")).block(IO))
        .assertNext(seqs -> assertThat(seqs).isEqualTo(upTo(200)))
        .expectComplete()
        .verify(IO);
  }

  @Test
  void invalidArgumentsAreRefusedAtOnce() {
    LocalParticipant me = rooms.join("alice").localParticipant();
    assertThatThrownBy(() -> me.publishData(Flux.<byte[]>empty(), DataOptions.reliable(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> me.setDataChannelBufferedAmountLowThreshold(DataKind.LOSSY, -1))
        .isInstanceOf(IllegalArgumentException.class);
    StepVerifier.create(me.publishData(Flux.<byte[]>empty(), DataOptions.reliable()))
        .expectNext(0L)
        .expectComplete()
        .verify(IO);
  }
}
