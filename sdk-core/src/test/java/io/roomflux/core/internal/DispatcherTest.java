package io.roomflux.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.proto.FfiEvent;
import io.roomflux.proto.RoomEvent;
import io.roomflux.proto.RoomSidChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

/**
 * The dispatcher thread: order per producer, survival of failing handlers and bad bytes,
 * {@link Dispatcher#inDispatcher()}, and BlockHound's watch over it.
 */
class DispatcherTest {
  private Dispatcher dispatcher;

  @AfterEach
  void stop() throws InterruptedException {
    if (dispatcher != null) {
      dispatcher.stop();
      dispatcher.join(5_000);
    }
  }

  @Test
  void eventsFromConcurrentProducersAllArriveInEachProducersOrder() throws Exception {
    int producers = 4;
    int perProducer = 20_000;
    // Written only by the dispatcher thread; read after the latch, which orders the writes first.
    List<List<Integer>> seen = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      seen.add(new ArrayList<>());
    }
    ConcurrentLinkedQueue<String> wrongThread = new ConcurrentLinkedQueue<>();
    CountDownLatch all = new CountDownLatch(producers * perProducer);
    AtomicReference<Dispatcher> self = new AtomicReference<>();
    dispatcher = start(event -> {
      if (!self.get().inDispatcher()) {
        wrongThread.add(Thread.currentThread().getName());
      }
      RoomEvent room = event.getRoomEvent();
      seen.get((int) room.getRoomHandle()).add(Integer.parseInt(room.getRoomSidChanged().getSid()));
      all.countDown();
    }, self);

    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        long producer = p;
        sent.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < perProducer; i++) {
            dispatcher.offer(sidChanged(producer, Integer.toString(i)));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertThat(all.await(30, TimeUnit.SECONDS)).as("every event was handled").isTrue();
    } finally {
      pool.shutdownNow();
    }

    List<Integer> expected = IntStream.range(0, perProducer).boxed().toList();
    for (int p = 0; p < producers; p++) {
      assertThat(seen.get(p)).as("events of producer %d", p).isEqualTo(expected);
    }
    assertThat(wrongThread).isEmpty();
    assertThat(dispatcher.received()).isEqualTo((long) producers * perProducer);
  }

  @Test
  void handlerThatThrowsDoesNotStopTheDispatcher() throws Exception {
    CountDownLatch afterFailure = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
    dispatcher = start(event -> {
      String sid = event.getRoomEvent().getRoomSidChanged().getSid();
      handled.add(sid);
      if (sid.equals("boom")) {
        throw new IllegalStateException("listener failure (expected by the test)");
      }
      afterFailure.countDown();
    }, new AtomicReference<>());

    dispatcher.offer(sidChanged(1, "boom"));
    dispatcher.offer(sidChanged(1, "next"));

    assertThat(afterFailure.await(10, TimeUnit.SECONDS)).as("the event after the failure").isTrue();
    assertThat(handled).containsExactly("boom", "next");
  }

  @Test
  void undecodableBytesAreDroppedAndTheNextEventIsHandled() throws Exception {
    CountDownLatch next = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
    dispatcher = start(event -> {
      handled.add(event.getRoomEvent().getRoomSidChanged().getSid());
      next.countDown();
    }, new AtomicReference<>());

    dispatcher.offer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    dispatcher.offer(sidChanged(2, "after-garbage"));

    assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(handled).containsExactly("after-garbage");
  }

  @Test
  void inDispatcherIsTrueOnlyOnTheDispatcherThread() throws Exception {
    AtomicReference<Dispatcher> self = new AtomicReference<>();
    AtomicReference<Boolean> onHandler = new AtomicReference<>();
    AtomicReference<String> handlerThread = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    dispatcher = start(event -> {
      onHandler.set(self.get().inDispatcher());
      handlerThread.set(Thread.currentThread().getName());
      done.countDown();
    }, self);

    dispatcher.offer(sidChanged(3, "x"));

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(onHandler.get()).isTrue();
    assertThat(handlerThread.get()).isEqualTo(Dispatcher.THREAD_NAME);
    assertThat(dispatcher.inDispatcher()).as("on the test thread").isFalse();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      assertThat(other.submit(dispatcher::inDispatcher).get(10, TimeUnit.SECONDS))
          .as("on another thread").isFalse();
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void blockingCallOnTheDispatcherThreadIsReportedByBlockHound() throws Exception {
    AtomicReference<Throwable> caught = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    dispatcher = start(event -> {
      try {
        // A blocking call the handler must never make: BlockHound (installed in every test JVM,
        // told by CoreBlockHoundIntegration that this thread is non-blocking) has to refuse it.
        LockSupport.parkNanos(1_000);
      } catch (Throwable t) {
        caught.set(t);
      } finally {
        done.countDown();
      }
    }, new AtomicReference<>());

    dispatcher.offer(sidChanged(4, "blocking"));

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(caught.get()).isInstanceOf(BlockingOperationError.class);
  }

  private static Dispatcher start(Consumer<FfiEvent> handler, AtomicReference<Dispatcher> self) {
    Dispatcher d = new Dispatcher(handler);
    self.set(d);
    return d;
  }

  private static byte[] sidChanged(long roomHandle, String sid) {
    return FfiEvent.newBuilder()
        .setRoomEvent(RoomEvent.newBuilder()
            .setRoomHandle(roomHandle)
            .setRoomSidChanged(RoomSidChanged.newBuilder().setSid(sid)))
        .build()
        .toByteArray();
  }
}
