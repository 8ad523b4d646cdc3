package io.roomflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The ownership rules of {@link OwnedHandle} and {@link Lease}, against a {@link HandleRegistry}
 * whose "native" drop only records the ids it is given.
 */
class OwnedHandleTest {

  /** The native side: records every id it is asked to drop. */
  private final ConcurrentLinkedQueue<Long> nativeDrops = new ConcurrentLinkedQueue<>();
  private final HandleRegistry registry = new HandleRegistry(id -> {
    nativeDrops.add(id);
    return true;
  });

  @Test
  void closeWithoutLeasesDropsOnceAndIsIdempotent() {
    OwnedHandle handle = registry.own(11, HandleKind.ROOM);
    assertThat(registry.isLive(11)).isTrue();

    handle.close();
    handle.close();

    assertThat(nativeDrops).containsExactly(11L);
    assertThat(handle.isClosed()).isTrue();
    assertThat(handle.isDropped()).isTrue();
    assertThat(registry.isLive(11)).isFalse();
    assertThat(registry.dropped()).isEqualTo(1);
    assertThat(registry.leaked()).isZero();
    assertThat(registry.dropFailures()).isZero();
  }

  @Test
  void closeWithOpenLeasesDropsOnlyWhenTheLastLeaseIsReleased() {
    OwnedHandle handle = registry.own(12, HandleKind.TRACK);
    Lease first = handle.lease();
    Lease second = handle.lease();
    assertThat(first.id()).isEqualTo(12);
    assertThat(first.handle()).isSameAs(handle);

    handle.close();
    assertThat(handle.isClosed()).isTrue();
    assertThat(handle.isDropped()).isFalse();
    assertThat(handle.leases()).isEqualTo(2);
    assertThat(nativeDrops).isEmpty();

    first.close();
    assertThat(nativeDrops).isEmpty();
    assertThat(registry.isLive(12)).isTrue();

    second.close();
    assertThat(nativeDrops).containsExactly(12L);
    assertThat(handle.isDropped()).isTrue();
    assertThat(registry.isLive(12)).isFalse();
  }

  @Test
  void leaseAfterCloseThrowsAndSendsNothing() {
    OwnedHandle handle = registry.own(13, HandleKind.AUDIO_SOURCE);
    handle.close();
    List<Long> sent = new ArrayList<>();

    assertThatThrownBy(() -> {
      try (Lease lease = handle.lease()) {
        sent.add(lease.id());
      }
    }).isInstanceOf(HandleClosedException.class)
        .hasMessageContaining("13")
        .hasMessageContaining("AUDIO_SOURCE");

    assertThat(sent).isEmpty();
    assertThat(nativeDrops).containsExactly(13L);
    assertThat(handle.leases()).isZero();
  }

  @Test
  void closingALeaseTwiceReleasesItOnce() {
    OwnedHandle handle = registry.own(14, HandleKind.VIDEO_STREAM);
    Lease first = handle.lease();
    Lease second = handle.lease();

    first.close();
    first.close();
    assertThat(handle.leases()).isEqualTo(1);

    handle.close();
    assertThat(nativeDrops).as("the second lease is still open").isEmpty();

    second.close();
    second.close();
    assertThat(nativeDrops).containsExactly(14L);
    assertThat(handle.leases()).isZero();
  }

  @Test
  void consumedHandleIsClosedWithoutANativeDrop() {
    OwnedHandle handle = registry.own(15, HandleKind.TEXT_STREAM_WRITER);

    handle.consumed();

    assertThat(handle.isClosed()).isTrue();
    assertThat(handle.isDropped()).isTrue();
    assertThat(nativeDrops).isEmpty();
    assertThat(registry.liveCount()).isZero();
    assertThat(registry.dropped()).isEqualTo(1);
    assertThat(registry.dropFailures()).isZero();
  }

  @Test
  void consumedHandleWithAnOpenLeaseIsReleasedWithoutANativeDrop() {
    OwnedHandle handle = registry.own(16, HandleKind.BYTE_STREAM_READER);
    Lease lease = handle.lease();

    handle.consumed();
    assertThat(registry.isLive(16)).as("still leased").isTrue();

    lease.close();
    assertThat(registry.isLive(16)).isFalse();
    assertThat(nativeDrops).isEmpty();
  }

  @Test
  void zeroIsRefusedAsAHandle() {
    assertThatThrownBy(() -> registry.own(0, HandleKind.OTHER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(registry.liveCount()).isZero();
  }

  @Test
  void liveCountAndLiveByKindReturnToZeroWhenEverythingIsClosed() {
    List<OwnedHandle> handles = List.of(
        registry.own(21, HandleKind.ROOM),
        registry.own(22, HandleKind.ROOM),
        registry.own(23, HandleKind.PARTICIPANT),
        registry.own(24, HandleKind.AUDIO_RESAMPLER));

    assertThat(registry.liveCount()).isEqualTo(4);
    assertThat(registry.liveByKind()).isEqualTo(Map.of(
        HandleKind.ROOM, 2L, HandleKind.PARTICIPANT, 1L, HandleKind.AUDIO_RESAMPLER, 1L));
    assertThat(registry.liveIds(HandleKind.ROOM)).containsExactlyInAnyOrder(21L, 22L);

    handles.forEach(OwnedHandle::close);

    assertThat(registry.liveCount()).isZero();
    assertThat(registry.liveByKind()).isEmpty();
    assertThat(registry.liveIds(HandleKind.ROOM)).isEmpty();
    assertThat(nativeDrops).containsExactlyInAnyOrder(21L, 22L, 23L, 24L);
  }

  /**
   * Eight threads take and release leases while a ninth closes the handle at a random moment;
   * repeated over a few hundred handles. Every id must be dropped exactly once, and never while
   * a lease on it is open or after a lease on it was granted and not yet released.
   */
  @Test
  void concurrentLeasesRacingCloseDropEachHandleExactlyOnceAndNeverUnderALease() throws Exception {
    int handleCount = 300;
    int threads = 8;
    int cycles = 10_000;
    Map<Long, AtomicInteger> openLeases = new ConcurrentHashMap<>();
    Map<Long, AtomicInteger> drops = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    HandleRegistry stressed = new HandleRegistry(id -> {
      int open = openLeases.get(id).get();
      if (open != 0) {
        violations.add("handle " + id + " dropped with " + open + " lease(s) open");
      }
      drops.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      return true;
    });

    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      for (long id = 1; id <= handleCount; id++) {
        OwnedHandle handle = stressed.own(id, HandleKind.TRACK);
        AtomicInteger open = new AtomicInteger();
        openLeases.put(id, open);
        AtomicInteger progress = new AtomicInteger();
        int closeAfter = ThreadLocalRandom.current().nextInt(threads * cycles);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          workers.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < cycles; i++) {
              Lease lease;
              try {
                lease = handle.lease();
              } catch (HandleClosedException closed) {
                return null;
              }
              open.incrementAndGet();
              if (drops.containsKey(lease.id())) {
                violations.add("handle " + lease.id() + " leased after it was dropped");
              }
              progress.incrementAndGet();
              open.decrementAndGet();
              lease.close();
            }
            return null;
          }));
        }
        List<Future<?>> allWorkers = List.copyOf(workers);
        Future<?> closer = pool.submit(() -> {
          start.await();
          // Close at a random point of the workers' progress, so the race hits every phase.
          while (progress.get() < closeAfter && !allDone(allWorkers)) {
            Thread.onSpinWait();
          }
          handle.close();
          return null;
        });
        start.countDown();
        for (Future<?> worker : allWorkers) {
          worker.get(30, TimeUnit.SECONDS);
        }
        closer.get(30, TimeUnit.SECONDS);
        assertThat(handle.isDropped()).as("handle %d dropped once its workers are done", id).isTrue();
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(violations).isEmpty();
    assertThat(drops).hasSize(handleCount);
    assertThat(drops.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    assertThat(stressed.dropped()).isEqualTo(handleCount);
    assertThat(stressed.liveCount()).isZero();
    assertThat(stressed.liveByKind()).isEmpty();
    assertThat(stressed.leaked()).isZero();
  }

  private static boolean allDone(List<Future<?>> workers) {
    return workers.stream().allMatch(Future::isDone);
  }

  @Test
  void forgottenHandleIsReclaimedByTheCleanerAsALeakAndDroppedOnce() throws Exception {
    CountDownLatch dropped = new CountDownLatch(1);
    ConcurrentLinkedQueue<Long> leakedDrops = new ConcurrentLinkedQueue<>();
    HandleRegistry leaky = new HandleRegistry(id -> {
      leakedDrops.add(id);
      dropped.countDown();
      return true;
    });
    ownAndForget(leaky, 77);
    assertThat(leaky.liveByKind()).isEqualTo(Map.of(HandleKind.VIDEO_SOURCE, 1L));

    // The cleaner runs only after a collection has found the handle unreachable: ask for one
    // until the drop is seen, within a bound.
    for (int i = 0; i < 200 && dropped.getCount() > 0; i++) {
      System.gc();
      dropped.await(50, TimeUnit.MILLISECONDS);
    }

    assertThat(dropped.getCount()).as("the cleaner dropped the forgotten handle").isZero();
    assertThat(leakedDrops).containsExactly(77L);
    assertThat(leaky.leaked()).isEqualTo(1);
    assertThat(leaky.dropped()).isEqualTo(1);
    assertThat(leaky.liveCount()).isZero();
    assertThat(leaky.liveByKind()).isEmpty();
  }

  // A separate frame, so no local variable keeps the handle reachable afterwards.
  private static void ownAndForget(HandleRegistry registry, long id) {
    OwnedHandle handle = registry.own(id, HandleKind.VIDEO_SOURCE);
    assertThat(handle.isClosed()).isFalse();
  }
}
