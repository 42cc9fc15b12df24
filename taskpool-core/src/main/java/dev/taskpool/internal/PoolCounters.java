package dev.taskpool.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters of a pool, and the one place that says how each step of a task's life moves
 * them.
 *
 * <p>The current counters follow a task through its life as the control interface names
 * them: <em>running</em> from its start; <em>cancelled</em> from its cancellation until its
 * cancel callback has returned (until its body is over, when it has no callbacks);
 * <em>ended</em> from the end of its body, or from the end of its cancellation, until a flush
 * forgets it; a task whose timeout passed leaves running at its deadline and counts as ended
 * once its body is over. The totals only ever grow: tasks started, completed (ended without
 * failing), failed, cancelled and timed out since the pool was created; a cancelled or timed
 * out task that then fails on its own counts in both.
 *
 * <p>Each counter is exact at some instant of every read: a task is added to a counter
 * before anything can take it out of it again (a canceller waits for a task to be counted
 * as running, a flush for its outcome to be counted), and removed only by the step that
 * took it out of that state, so no counter ever goes negative or counts a task twice. A step
 * that moves a task between two counters takes it out of the first before adding it to the
 * second (from running to ended, both at once), so two counters read one after the other
 * may miss a task in passing, never count it in both.
 *
 * <p>Thread-safe.
 */
final class PoolCounters {

    // The counters live in one array, spread so that those written by starting tasks, those
    // written by ending tasks and those of cancellation sit on cache lines of their own
    // (16 longs apart, two lines): a counter never slows a neighbour it would share a line
    // with. Running and ended share one cell, running in the low 32 bits and ended in the
    // high ones, so that a task ending moves from one to the other in one atomic step; no
    // borrow ever crosses the halves, since running never goes below 0.
    private static final int STRIDE = 16;
    private static final int NEXT_ID = 0;
    private static final int UNUSED_IDS = 1;
    private static final int RUNNING_ENDED = STRIDE;
    private static final int COMPLETED_TOTAL = 2 * STRIDE;
    private static final int CANCELLED = 3 * STRIDE;
    private static final int IN_CALLBACKS = CANCELLED + 1;
    private static final int FAILED_TOTAL = CANCELLED + 2;
    private static final int CANCELLED_TOTAL = CANCELLED + 3;
    private static final int TIMED_OUT_TOTAL = CANCELLED + 4;
    private static final long ONE_RUNNING = 1L;
    private static final long ONE_ENDED = 1L << 32;

    private final AtomicLongArray cells = new AtomicLongArray(5 * STRIDE);
    private final long firstId;

    /** Counters for a pool whose first task gets ID {@code firstId}: 0, but for tests of long runs. */
    PoolCounters(long firstId) {
        cells.set(NEXT_ID, firstId);
        this.firstId = firstId;
    }

    /** The ID of the next task; IDs never wrap. */
    long nextId() {
        return cells.getAndIncrement(NEXT_ID);
    }

    /** The ID taken by {@link #nextId()} was not used: its task never came to be. */
    void idUnused() {
        cells.incrementAndGet(UNUSED_IDS);
    }

    /** A task has been started and published: it counts as running from now on. */
    void taskStarting() {
        cells.getAndAdd(RUNNING_ENDED, ONE_RUNNING);
    }

    /** A running task was cancelled (by the canceller, after winning the task). */
    void taskCancelled() {
        cells.getAndAdd(RUNNING_ENDED, -ONE_RUNNING);
        cells.incrementAndGet(CANCELLED);
        cells.incrementAndGet(CANCELLED_TOTAL);
    }

    /** A running task's body returned or threw (by the task's own thread). */
    void taskEnded(boolean withFailure) {
        cells.incrementAndGet(withFailure ? FAILED_TOTAL : COMPLETED_TOTAL);
        cells.getAndAdd(RUNNING_ENDED, ONE_ENDED - ONE_RUNNING);
    }

    /**
     * A running task's deadline passed (by the timer, after winning the task): it no longer
     * runs, and counts in no current counter until its body is over.
     */
    void taskTimedOut() {
        cells.getAndAdd(RUNNING_ENDED, -ONE_RUNNING);
        cells.incrementAndGet(TIMED_OUT_TOTAL);
    }

    /** A timed-out task's body is over. */
    void timedOutTaskEnded() {
        cells.getAndAdd(RUNNING_ENDED, ONE_ENDED);
    }

    /** A cancelled or timed-out task's body threw an error of its own as it stopped. */
    void cancelledTaskFailed() {
        cells.incrementAndGet(FAILED_TOTAL);
    }

    /** A cancelled task is over: its body has stopped and its cancel callback returned. */
    void cancelledTaskEnded() {
        cells.decrementAndGet(CANCELLED);
        cells.getAndAdd(RUNNING_ENDED, ONE_ENDED);
    }

    /** A flush forgot an ended task. */
    void taskForgotten() {
        cells.getAndAdd(RUNNING_ENDED, -ONE_ENDED);
    }

    void callbacksStarted() {
        cells.incrementAndGet(IN_CALLBACKS);
    }

    void callbacksReturned() {
        cells.decrementAndGet(IN_CALLBACKS);
    }

    int running() {
        return (int) cells.get(RUNNING_ENDED);
    }

    int cancelled() {
        return (int) cells.get(CANCELLED);
    }

    int ended() {
        return (int) (cells.get(RUNNING_ENDED) >>> 32);
    }

    int inCallbacks() {
        return (int) cells.get(IN_CALLBACKS);
    }

    /** Tasks started since the pool was created. */
    long startedTotal() {
        // Read in this order, an unused ID is never subtracted before it is counted.
        long unused = cells.get(UNUSED_IDS);
        return cells.get(NEXT_ID) - unused - firstId;
    }

    long completedTotal() {
        return cells.get(COMPLETED_TOTAL);
    }

    long failedTotal() {
        return cells.get(FAILED_TOTAL);
    }

    long cancelledTotal() {
        return cells.get(CANCELLED_TOTAL);
    }

    long timedOutTotal() {
        return cells.get(TIMED_OUT_TOTAL);
    }
}
