package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskpool.SimpleTaskPool;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * How a {@link Worker} settles the item in hand however it is stopped: an interrupt during the
 * work hands the item back, an interrupt right after the work still records it, once.
 */
class WorkerTest {

    @Test
    void processesEveryItemOnceThenReturns() throws Exception {
        WorkQueue queue = new WorkQueue(5);
        AtomicIntegerArray processed = new AtomicIntegerArray(5);

        new Worker(queue, item -> {
            processed.incrementAndGet((int) item);
            return item;
        }).run();

        assertThat(queue.doneCount()).isEqualTo(5);
        assertThat(queue.resultSum()).isEqualTo(0 + 1 + 2 + 3 + 4);
        for (int item = 0; item < 5; item++) {
            assertThat(processed.get(item)).isEqualTo(1);
        }
        assertThat(queue.doneByWorker()).containsOnlyKeys(Thread.currentThread().getName());
    }

    @Test
    void interruptedDuringTheWorkItHandsTheItemBack() {
        WorkQueue queue = new WorkQueue(3);
        Worker worker = new Worker(queue, item -> {
            throw new InterruptedException("stopped in the middle of item " + item);
        });

        assertThatThrownBy(worker::run).isInstanceOf(InterruptedException.class);

        assertThat(queue.doneCount()).isZero();
        assertThat(queue.inProgressCount()).isZero();
        assertThat(queue.waitingCount()).isEqualTo(3);
        assertThat(queue.releasedCount()).isEqualTo(1);
    }

    @Test
    void interruptedRightAfterTheWorkItRecordsTheItemOnceAndStops() throws Exception {
        // The race: the interrupt arrives once the item is finished but before it is recorded.
        WorkQueue queue = new WorkQueue(3);
        AtomicIntegerArray processed = new AtomicIntegerArray(3);
        Worker worker = new Worker(queue, item -> {
            processed.incrementAndGet((int) item);
            Thread.currentThread().interrupt();
            return 7;
        });

        assertThatThrownBy(worker::run).isInstanceOf(InterruptedException.class);

        assertThat(queue.isDone(0)).isTrue();
        assertThat(queue.doneCount()).isEqualTo(1);
        assertThat(queue.releasedCount()).isZero();
        assertThat(queue.resultSum()).isEqualTo(7);
        assertThat(processed.get(0)).isEqualTo(1);
        // It took no second item: the others still wait, for another worker.
        assertThat(queue.waitingCount()).isEqualTo(2);
        new Worker(queue, item -> 0).run();
        assertThat(queue.doneCount()).isEqualTo(3);
        assertThat(processed.get(0)).isEqualTo(1);
    }

    @Test
    void whenItsQueueClosesItFinishesTheItemInHandAndReturns() throws Exception {
        WorkQueue queue = new WorkQueue(10);
        Worker worker = new Worker(queue, item -> {
            queue.close();
            return 5;
        });

        worker.run();

        assertThat(queue.isDone(0)).isTrue();
        assertThat(queue.doneCount()).isEqualTo(1);
        assertThat(queue.releasedCount()).isZero();
        assertThat(queue.waitingCount()).isEqualTo(9);
    }

    @Test
    void aFailingItemGoesBackAndTheFailureReachesThePool() {
        WorkQueue queue = new WorkQueue(2);
        Worker worker = new Worker(queue, item -> {
            throw new IllegalStateException("item " + item + " is broken");
        });

        assertThatThrownBy(worker::run).isInstanceOf(IllegalStateException.class);

        assertThat(queue.waitingCount()).isEqualTo(2);
        assertThat(queue.releasedCount()).isEqualTo(1);
    }

    @Test
    void aWorkerStoppedThroughItsPoolHandsBackItsItemAndAnotherFinishesIt() throws Exception {
        WorkQueue queue = new WorkQueue(1);
        CountDownLatch inTheMiddle = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        SimpleTaskPool stuck = SimpleTaskPool.builder(new Worker(queue, item -> {
            inTheMiddle.countDown();
            // Until the stop interrupts it; without one it gives up and the item is done, failing the test.
            never.await(30, TimeUnit.SECONDS);
            return 0;
        })).name("stuck").build();
        stuck.start(1);
        assertThat(inTheMiddle.await(30, TimeUnit.SECONDS)).as("the worker is in the middle of its item").isTrue();

        List<Long> stopped = stuck.stop(1);
        stuck.gatherAndClose();

        assertThat(stopped).hasSize(1);
        assertThat(queue.isDone(0)).isFalse();
        assertThat(queue.releasedCount()).isEqualTo(1);
        SimpleTaskPool fresh = SimpleTaskPool.builder(new Worker(queue, item -> 1)).name("fresh").build();
        fresh.start(2);
        await().until(() -> queue.allDone().isDone());
        fresh.gatherAndClose();
        assertThat(queue.doneByWorker()).hasSize(1);
        assertThat(queue.doneByWorker().keySet()).isSubsetOf("fresh_Task-0", "fresh_Task-1");
    }
}
