package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once bookkeeping of {@link WorkQueue}: each claim settles once, done or handed
 * back; and its memory: items are numbered as they are taken, so the queue holds only the items
 * handed back and those in hand, however many there are in all.
 */
class WorkQueueTest {

    private static final long TIMEOUT_SECONDS = 10;

    @Test
    void completingEveryItemFinishesTheQueueAndTakeThenReturnsNull() throws Exception {
        WorkQueue queue = new WorkQueue(3);

        for (int i = 0; i < 3; i++) {
            assertThat(queue.allDone()).isNotDone();
            WorkQueue.Claim claim = queue.take();
            assertThat(claim.item()).isEqualTo(i);
            assertThat(claim.complete("w", 10 + i)).isTrue();
        }

        assertThat(queue.allDone()).isCompleted();
        assertThat(queue.doneCount()).isEqualTo(3);
        assertThat(queue.resultSum()).isEqualTo(33);
        assertThat(queue.doneByWorker()).containsExactly(java.util.Map.entry("w", 3));
        // Every later take answers at once, however many workers ask.
        assertThat(queue.take()).isNull();
        assertThat(queue.take()).isNull();
    }

    @Test
    void anEmptyQueueIsDoneFromTheStart() throws Exception {
        WorkQueue queue = new WorkQueue(0);

        assertThat(queue.allDone()).isCompleted();
        assertThat(queue.take()).isNull();
    }

    @Test
    void aReleasedItemGoesBackToTheHeadAndIsNotDone() throws Exception {
        WorkQueue queue = new WorkQueue(3);
        WorkQueue.Claim first = queue.take();

        assertThat(first.release()).isTrue();

        assertThat(queue.isDone(0)).isFalse();
        assertThat(queue.releasedCount()).isEqualTo(1);
        assertThat(queue.waitingCount()).isEqualTo(3);
        assertThat(queue.take().item()).isEqualTo(0);
    }

    @Test
    void releaseAfterCompleteIsANoOpSoAFinishedItemIsNeverHandedBack() throws Exception {
        WorkQueue queue = new WorkQueue(2);
        WorkQueue.Claim claim = queue.take();

        assertThat(claim.complete("w", 1)).isTrue();
        assertThat(claim.release()).isFalse();

        assertThat(queue.releasedCount()).isZero();
        assertThat(queue.take().item()).isEqualTo(1);
        assertThat(queue.doneCount()).isEqualTo(1);
    }

    @Test
    void completeAfterReleaseIsRefusedSoAnItemCannotBeDoneTwice() throws Exception {
        WorkQueue queue = new WorkQueue(1);
        WorkQueue.Claim stale = queue.take();
        stale.release();
        WorkQueue.Claim fresh = queue.take();

        assertThat(stale.complete("stale", 1)).isFalse();
        assertThat(queue.isDone(0)).isFalse();
        assertThat(fresh.complete("fresh", 1)).isTrue();
        assertThat(stale.complete("stale", 1)).isFalse();
        assertThat(fresh.complete("fresh", 1)).isFalse();

        assertThat(queue.doneCount()).isEqualTo(1);
        assertThat(queue.resultSum()).isEqualTo(1);
        assertThat(queue.doneByWorker()).containsOnlyKeys("fresh");
    }

    @Test
    void completingIgnoresTheInterruptStatus() throws Exception {
        WorkQueue queue = new WorkQueue(1);
        WorkQueue.Claim claim = queue.take();

        Thread.currentThread().interrupt();
        try {
            assertThat(claim.complete("w", 1)).isTrue();
            assertThat(claim.release()).isFalse();
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(queue.allDone()).isCompleted();
    }

    @Test
    void takeInterruptedWhileWaitingClaimsNothing() throws Exception {
        WorkQueue queue = new WorkQueue(1);
        WorkQueue.Claim only = queue.take();

        Thread.currentThread().interrupt();
        assertThatThrownBy(queue::take).isInstanceOf(InterruptedException.class);

        assertThat(queue.inProgressCount()).isEqualTo(1);
        only.release();
        assertThat(queue.take().item()).isZero();
    }

    @Test
    void aWaitingTakeWakesUpWithNullWhenTheLastItemIsDoneElsewhere() throws Exception {
        WorkQueue queue = new WorkQueue(1);
        WorkQueue.Claim only = queue.take();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<WorkQueue.Claim> waiting = executor.submit(queue::take);

            only.complete("w", 1);

            assertThat(waiting.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isNull();
        } finally {
            stopWaitingTakers(executor);
        }
    }

    @Test
    void aWaitingTakeGetsAnItemThatAnotherWorkerHandsBack() throws Exception {
        WorkQueue queue = new WorkQueue(1);
        WorkQueue.Claim only = queue.take();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<WorkQueue.Claim> waiting = executor.submit(queue::take);

            only.release();

            assertThat(waiting.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).item()).isZero();
        } finally {
            stopWaitingTakers(executor);
        }
    }

    @Test
    void aClosedQueueHandsOutNothingMoreButLetsTheItemsInHandBeSettled() throws Exception {
        WorkQueue queue = new WorkQueue(5);
        WorkQueue.Claim finished = queue.take();
        WorkQueue.Claim unfinished = queue.take();

        queue.close();

        assertThat(queue.isClosed()).isTrue();
        assertThat(queue.take()).isNull();
        assertThat(finished.complete("w", 1)).isTrue();
        assertThat(unfinished.release()).isTrue();
        assertThat(queue.take()).as("not even the item just handed back").isNull();
        assertThat(queue.doneCount()).isEqualTo(1);
        assertThat(queue.inProgressCount()).isZero();
        assertThat(queue.waitingCount()).as("the one handed back and the three never taken").isEqualTo(4);
        assertThat(queue.isDone(1)).isFalse();
        assertThat(queue.allDone()).isNotDone();
    }

    @Test
    void closingWakesATakeWaitingForAnItemWithNull() throws Exception {
        WorkQueue queue = new WorkQueue(1);
        WorkQueue.Claim only = queue.take();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<WorkQueue.Claim> waiting = executor.submit(queue::take);

            queue.close();

            assertThat(waiting.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isNull();
            assertThat(only.release()).isTrue();
            assertThat(queue.waitingCount()).isEqualTo(1);
        } finally {
            stopWaitingTakers(executor);
        }
    }

    @Test
    void anEndlessQueueStopsHandingOutItemsOnceClosed() throws Exception {
        WorkQueue queue = WorkQueue.endless();
        queue.take().complete("w", 1);

        queue.close();

        assertThat(queue.take()).isNull();
        assertThat(queue.doneCount()).isEqualTo(1);
    }

    @Test
    void concurrentTakersThatRandomlyFinishOrHandBackDoEachItemExactlyOnce() throws Exception {
        int items = 2_000;
        WorkQueue queue = new WorkQueue(items);
        AtomicIntegerArray completions = new AtomicIntegerArray(items);
        List<Future<?>> takers = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            for (int t = 0; t < 8; t++) {
                SplittableRandom random = new SplittableRandom(t);
                String name = "taker-" + t;
                takers.add(executor.submit(() -> {
                    WorkQueue.Claim claim;
                    while ((claim = queue.take()) != null) {
                        try {
                            if (random.nextInt(4) != 0 && claim.complete(name, claim.item())) {
                                completions.incrementAndGet((int) claim.item());
                            }
                        } finally {
                            claim.release();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> taker : takers) {
                taker.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            stopWaitingTakers(executor);
        }

        for (int item = 0; item < items; item++) {
            assertThat(completions.get(item)).as("completions of item %d", item).isEqualTo(1);
            assertThat(queue.isDone(item)).isTrue();
        }
        assertThat(queue.doneCount()).isEqualTo(items);
        assertThat(queue.inProgressCount()).isZero();
        assertThat(queue.releasedCount()).isPositive();
        assertThat(queue.resultSum()).isEqualTo((long) items * (items - 1) / 2);
        assertThat(queue.doneByWorker().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(items);
    }

    /**
     * Interrupts takes still waiting, as after a failed test, rather than waiting for them as
     * {@link ExecutorService#close()} would: the test ends, failing, instead of hanging.
     */
    private static void stopWaitingTakers(ExecutorService executor) {
        executor.shutdownNow();
    }

    @Test
    void aQueueOfAHundredMillionItemsAllocatesNoneOfThemUpFront() throws Exception {
        long before = allocatedByThisThread();

        WorkQueue queue = new WorkQueue(100_000_000);

        assertThat(allocatedByThisThread() - before).as("bytes allocated to create the queue").isLessThan(64 * 1024);
        assertThat(queue.size()).isEqualTo(100_000_000);
        assertThat(queue.waitingCount()).isEqualTo(100_000_000);
        assertThat(queue.retainedItems()).isZero();
    }

    @Test
    void itemsAreNumberedAsTheyAreTakenAndFinishedOnesAreNotKept() throws Exception {
        WorkQueue queue = new WorkQueue(100_000_000);

        for (int i = 0; i < 10_000; i++) {
            WorkQueue.Claim claim = queue.take();
            assertThat(claim.item()).isEqualTo(i);
            claim.complete("w", 1);
        }

        assertThat(queue.doneCount()).isEqualTo(10_000);
        assertThat(queue.isDone(9_999)).isTrue();
        assertThat(queue.isDone(10_000)).isFalse();
        assertThat(queue.retainedItems()).as("items the queue holds").isZero();
    }

    @Test
    void theQueueHoldsOnlyTheItemsHandedBackAndThoseInHand() throws Exception {
        WorkQueue queue = new WorkQueue(100_000_000);
        List<WorkQueue.Claim> inHand = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inHand.add(queue.take());
        }

        inHand.get(0).release();
        inHand.get(1).release();
        inHand.get(2).release();
        assertThat(queue.retainedItems()).as("3 handed back, 2 in hand").isEqualTo(5);
        inHand.get(3).complete("w", 1);
        inHand.get(4).complete("w", 1);
        assertThat(queue.retainedItems()).as("3 handed back").isEqualTo(3);

        for (int i = 0; i < 3; i++) {
            queue.take().complete("w", 1);
        }
        assertThat(queue.retainedItems()).isZero();
        assertThat(queue.doneCount()).isEqualTo(5);
        assertThat(queue.take().item()).as("the next fresh item").isEqualTo(5);
    }

    @Test
    void anEndlessQueueNeverRunsOut() throws Exception {
        WorkQueue queue = WorkQueue.endless();

        for (int i = 0; i < 10_000; i++) {
            WorkQueue.Claim claim = queue.take();
            assertThat(claim).isNotNull();
            claim.complete("w", 1);
        }

        assertThat(queue.isEndless()).isTrue();
        assertThat(queue.doneCount()).isEqualTo(10_000);
        assertThat(queue.allDone()).isNotDone();
        assertThat(queue.retainedItems()).isZero();
        assertThat(queue.take().item()).isEqualTo(10_000);
    }

    @Test
    void anEndlessQueueHandsOutHandedBackItemsFirst() throws Exception {
        WorkQueue queue = WorkQueue.endless();
        WorkQueue.Claim first = queue.take();
        queue.take().complete("w", 1);

        first.release();

        assertThat(queue.take().item()).isZero();
        assertThat(queue.take().item()).isEqualTo(2);
    }

    @Test
    void aBoundedQueueIsNotEndless() {
        assertThat(new WorkQueue(3).isEndless()).isFalse();
    }

    /** Bytes this thread has allocated so far; a figure that does not depend on timing or on other threads. */
    private static long allocatedByThisThread() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported()
                && threads.isThreadAllocatedMemoryEnabled(), "this JVM measures allocations per thread");
        return threads.getCurrentThreadAllocatedBytes();
    }

    @Test
    void rejectsANegativeSize() {
        assertThatThrownBy(() -> new WorkQueue(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
