package dev.taskpool.internal;

import dev.taskpool.TaskOutcome;

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
 * that moves a task between two counters is one atomic update, so two counters read one
 * after the other may miss a task in passing, never count it in both.
 *
 * <h2>How</h2>
 * Nothing is kept as a current count. Each kind of step has a total of its own that only
 * grows, and a current counter is a sum of totals: running is the tasks counted as started
 * less those ended (completed or failed), cancelled and timed out; ended is those ended,
 * plus cancelled and timed out ones whose body is over, less those forgotten. So a starting task writes only totals
 * the spawners write (on a cache line of their own), and a task that ends by itself makes
 * one atomic update, on another line, instead of moving a shared count that the spawner
 * and every task would pass between cores. A read takes the totals that change slowly or
 * not at all on a pool's fast path, then the fast ones, and reads the first ones again: if
 * they have not moved, none of them moved in between (they only grow), and the sum is exact
 * at the instant the fast ones were read; otherwise it reads again.
 *
 * <p>Thread-safe.
 */
final class PoolCounters {

    // Spread 16 longs (two cache lines) apart: what spawners write, what ending tasks write,
    // and the rest, so that none slows a neighbour it would share a line with. The first
    // cells stay empty: they share a line with the array's length, which every access reads.
    private static final int STRIDE = 16;
    private static final int NEXT_ID = 8;
    private static final int UNUSED_IDS = NEXT_ID + 1;
    private static final int STARTED = NEXT_ID + 2;
    // Ends of tasks that completed (did not fail); those that failed are counted apart.
    private static final int ENDS = NEXT_ID + STRIDE;
    private static final int RARE = NEXT_ID + 2 * STRIDE;
    private static final int ENDS_FAILED = RARE;
    private static final int CANCELS = RARE + 1;
    private static final int TIMEOUTS = RARE + 2;
    private static final int CANCELS_OVER = RARE + 3;
    private static final int TIMEOUTS_OVER = RARE + 4;
    private static final int CANCELS_FAILED = RARE + 5;
    private static final int FORGOTTEN = RARE + 6;
    private static final int IN_CALLBACKS = RARE + 7;
    // Tasks timed and their run time in all, by outcome (see TaskRegistry#timeTasks): the
    // count, then the nanoseconds. Completed tasks are counted by ENDS itself, less its value
    // when timing began, so that they add only their time, beside ENDS, which the same task
    // has just updated.
    private static final int[] TIMED = {ENDS + 1, RARE + 8, RARE + 10, RARE + 12};
    private static final int ENDS_UNTIMED = RARE + 14;

    private volatile boolean timing;
    private final AtomicLongArray cells = new AtomicLongArray(RARE + STRIDE);
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
        cells.incrementAndGet(STARTED);
    }

    /** A running task was cancelled (by the canceller, after winning the task): running to cancelled. */
    void taskCancelled() {
        cells.incrementAndGet(CANCELS);
    }

    /** A running task's body returned or threw (by the task's own thread): running to ended. */
    void taskEnded(boolean withFailure) {
        cells.incrementAndGet(withFailure ? ENDS_FAILED : ENDS);
    }

    /**
     * A running task's deadline passed (by the timer, after winning the task): it no longer
     * runs, and counts in no current counter until its body is over.
     */
    void taskTimedOut() {
        cells.incrementAndGet(TIMEOUTS);
    }

    /** A timed-out task's body is over: it counts as ended. */
    void timedOutTaskEnded() {
        cells.incrementAndGet(TIMEOUTS_OVER);
    }

    /** A cancelled or timed-out task's body threw an error of its own as it stopped. */
    void cancelledTaskFailed() {
        cells.incrementAndGet(CANCELS_FAILED);
    }

    /** A cancelled task is over: its body has stopped and its cancel callback returned. Cancelled to ended. */
    void cancelledTaskEnded() {
        cells.incrementAndGet(CANCELS_OVER);
    }

    /** A flush forgot an ended task. */
    void taskForgotten() {
        cells.incrementAndGet(FORGOTTEN);
    }

    /** A task ended with this outcome after running this long; counted when the pool times tasks. */
    void timed(TaskOutcome outcome, long nanos) {
        int cell = TIMED[outcome.ordinal()];
        if (outcome != TaskOutcome.COMPLETED) {
            cells.incrementAndGet(cell);
        }
        cells.addAndGet(cell + 1, nanos);
    }

    /**
     * Timing begins: the completed tasks counted so far are not timed. Called once, before
     * ending tasks are told to time themselves; a task that ends just then may be counted
     * without its time.
     */
    void beginTiming() {
        cells.set(ENDS_UNTIMED, cells.get(ENDS));
        timing = true;
    }

    /** How many tasks ended with this outcome since the pool began timing tasks. */
    long timedCount(TaskOutcome outcome) {
        if (outcome != TaskOutcome.COMPLETED) {
            return cells.get(TIMED[outcome.ordinal()]);
        }
        // The flag is read first: it is written after the completed tasks not timed.
        return timing ? cells.get(ENDS) - cells.get(ENDS_UNTIMED) : 0;
    }

    /** How long those tasks ran in all, in nanoseconds. */
    long timedNanos(TaskOutcome outcome) {
        return cells.get(TIMED[outcome.ordinal()] + 1);
    }

    void callbacksStarted() {
        cells.incrementAndGet(IN_CALLBACKS);
    }

    void callbacksReturned() {
        cells.decrementAndGet(IN_CALLBACKS);
    }

    int running() {
        for (;;) {
            long cancels = cells.get(CANCELS);
            long timeouts = cells.get(TIMEOUTS);
            long failed = cells.get(ENDS_FAILED);
            long ends = cells.get(ENDS);
            long started = cells.get(STARTED);
            if (cells.get(ENDS) == ends && cells.get(ENDS_FAILED) == failed && cells.get(TIMEOUTS) == timeouts
                    && cells.get(CANCELS) == cancels) {
                return (int) (started - ends - failed - cancels - timeouts);
            }
            Thread.onSpinWait();
        }
    }

    int cancelled() {
        for (;;) {
            long over = cells.get(CANCELS_OVER);
            long cancels = cells.get(CANCELS);
            if (cells.get(CANCELS_OVER) == over) {
                return (int) (cancels - over);
            }
            Thread.onSpinWait();
        }
    }

    int ended() {
        for (;;) {
            long forgotten = cells.get(FORGOTTEN);
            long cancelsOver = cells.get(CANCELS_OVER);
            long timeoutsOver = cells.get(TIMEOUTS_OVER);
            long failed = cells.get(ENDS_FAILED);
            long ends = cells.get(ENDS);
            if (cells.get(ENDS_FAILED) == failed && cells.get(TIMEOUTS_OVER) == timeoutsOver
                    && cells.get(CANCELS_OVER) == cancelsOver && cells.get(FORGOTTEN) == forgotten) {
                return (int) (ends + failed + cancelsOver + timeoutsOver - forgotten);
            }
            Thread.onSpinWait();
        }
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
        return cells.get(ENDS);
    }

    long failedTotal() {
        for (;;) {
            long ofCancelled = cells.get(CANCELS_FAILED);
            long failed = cells.get(ENDS_FAILED);
            if (cells.get(CANCELS_FAILED) == ofCancelled) {
                return failed + ofCancelled;
            }
            Thread.onSpinWait();
        }
    }

    long cancelledTotal() {
        return cells.get(CANCELS);
    }

    long timedOutTotal() {
        return cells.get(TIMEOUTS);
    }
}
