package dev.taskpool;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

import java.util.SortedSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Races between room freeing up in a full pool and the cancellation of a group waiting for
 * that room, run many times: whatever the interleaving, no task of the group may start
 * after {@code cancelGroup} returns.
 */
class CancelGroupRaceTest {

    @RepeatedTest(300)
    @Timeout(10) // A task started after the cancellation would never end: fail, don't hang.
    void noQueuedTaskStartsOnceCancelGroupHasReturned() throws Exception {
        Gate holder = new Gate();
        TaskPool pool = new TaskPool(1);
        pool.apply(holder.task(), 1, "holder");
        await().until(() -> holder.started.get() == 1);
        AtomicInteger bodiesAfterCancel = new AtomicInteger();
        CountDownLatch cancelReturned = new CountDownLatch(1);
        pool.apply(() -> {
            if (cancelReturned.getCount() == 0 && !Thread.currentThread().isInterrupted()) {
                bodiesAfterCancel.incrementAndGet();
            }
            Thread.sleep(Long.MAX_VALUE);
        }, 20, "queued");
        CyclicBarrier start = new CyclicBarrier(2);

        Thread freer = Thread.ofPlatform().start(() -> {
            meet(start);
            holder.open();
        });
        meet(start);
        pool.cancelGroup("queued");
        SortedSet<Integer> idsAtCancel = pool.getGroupIds("queued");
        cancelReturned.countDown();
        freer.join();
        pool.cancelAll();
        pool.gatherAndClose();

        assertThat(bodiesAfterCancel).hasValue(0);
        assertThat(pool.stats().started()).isEqualTo(1 + idsAtCancel.size());
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
