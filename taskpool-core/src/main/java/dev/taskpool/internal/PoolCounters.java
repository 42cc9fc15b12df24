package dev.taskpool.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * second, so two counters read one after the other may miss a task in passing, never count
 * it in both.
 *
 * <p>Thread-safe.
 */
final class PoolCounters {

    private final AtomicLong nextId;
    private final AtomicLong unusedIds = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger inCallbacks = new AtomicInteger();
    private final AtomicLong completedTotal = new AtomicLong();
    private final AtomicLong failedTotal = new AtomicLong();
    private final AtomicLong cancelledTotal = new AtomicLong();
    private final AtomicLong timedOutTotal = new AtomicLong();
    private final long firstId;

    /** Counters for a pool whose first task gets ID {@code firstId}: 0, but for tests of long runs. */
    PoolCounters(long firstId) {
        this.nextId = new AtomicLong(firstId);
        this.firstId = firstId;
    }

    /** The ID of the next task; IDs never wrap. */
    long nextId() {
        return nextId.getAndIncrement();
    }

    /** The ID taken by {@link #nextId()} was not used: its task never came to be. */
    void idUnused() {
        unusedIds.incrementAndGet();
    }

    /** A task has been started and published: it counts as running from now on. */
    void taskStarting() {
        running.incrementAndGet();
    }

    /** A running task was cancelled (by the canceller, after winning the task). */
    void taskCancelled() {
        running.decrementAndGet();
        cancelled.incrementAndGet();
        cancelledTotal.incrementAndGet();
    }

    /** A running task's body returned or threw (by the task's own thread). */
    void taskEnded(boolean withFailure) {
        (withFailure ? failedTotal : completedTotal).incrementAndGet();
        running.decrementAndGet();
        ended.incrementAndGet();
    }

    /**
     * A running task's deadline passed (by the timer, after winning the task): it no longer
     * runs, and counts in no current counter until its body is over.
     */
    void taskTimedOut() {
        running.decrementAndGet();
        timedOutTotal.incrementAndGet();
    }

    /** A timed-out task's body is over. */
    void timedOutTaskEnded() {
        ended.incrementAndGet();
    }

    /** A cancelled or timed-out task's body threw an error of its own as it stopped. */
    void cancelledTaskFailed() {
        failedTotal.incrementAndGet();
    }

    /** A cancelled task is over: its body has stopped and its cancel callback returned. */
    void cancelledTaskEnded() {
        cancelled.decrementAndGet();
        ended.incrementAndGet();
    }

    /** A flush forgot an ended task. */
    void taskForgotten() {
        ended.decrementAndGet();
    }

    void callbacksStarted() {
        inCallbacks.incrementAndGet();
    }

    void callbacksReturned() {
        inCallbacks.decrementAndGet();
    }

    int running() {
        return running.get();
    }

    int cancelled() {
        return cancelled.get();
    }

    int ended() {
        return ended.get();
    }

    int inCallbacks() {
        return inCallbacks.get();
    }

    /** Tasks started since the pool was created. */
    long startedTotal() {
        // Read in this order, an unused ID is never subtracted before it is counted.
        long unused = unusedIds.get();
        return nextId.get() - unused - firstId;
    }

    long completedTotal() {
        return completedTotal.get();
    }

    long failedTotal() {
        return failedTotal.get();
    }

    long cancelledTotal() {
        return cancelledTotal.get();
    }

    long timedOutTotal() {
        return timedOutTotal.get();
    }
}
