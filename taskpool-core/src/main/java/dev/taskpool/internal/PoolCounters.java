package dev.taskpool.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The counters of a pool, and the one place that says how each step of a task's life moves
 * them.
 *
 * <p>Each counter is exact at some instant of every read: a task is added to a counter
 * before anything can take it out of it again (a canceller waits for a task to be counted
 * as running, a flush for its outcome to be counted), and removed only by the step that
 * took it out of that state, so no counter
 * ever goes negative or counts a task twice. A step that moves a task between two counters
 * takes it out of the first before adding it to the second, so two counters read one after
 * the other may miss a task in passing, never count it in both.
 *
 * <p>Thread-safe.
 */
final class PoolCounters {

    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger notStarted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger inCallbacks = new AtomicInteger();

    /** The ID of the next task. */
    int nextId() {
        return nextId.getAndIncrement();
    }

    /** The ID taken by {@link #nextId()} was not used: its task never came to be. */
    void idUnused() {
        notStarted.incrementAndGet();
    }

    /** A task has been started and published: it counts as running from now on. */
    void taskStarting() {
        running.incrementAndGet();
    }

    /** A running task was cancelled (by the canceller, after winning the task). */
    void taskCancelled() {
        running.decrementAndGet();
        cancelled.incrementAndGet();
    }

    /** A running task's body returned or threw (by the task's own thread). */
    void taskEnded(boolean withFailure) {
        if (withFailure) {
            failed.incrementAndGet();
        }
        running.decrementAndGet();
        ended.incrementAndGet();
    }

    /** A cancelled task's body is over (by the task's own thread). */
    void taskStopped(boolean withFailure) {
        if (withFailure) {
            failed.incrementAndGet();
        }
    }

    /** A flush forgot a task whose outcome was counted. */
    void taskForgotten(int outcome, boolean withFailure) {
        if (outcome == TaskRecord.ENDED) {
            ended.decrementAndGet();
        } else {
            cancelled.decrementAndGet();
        }
        if (withFailure) {
            failed.decrementAndGet();
        }
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

    int failed() {
        return failed.get();
    }

    int inCallbacks() {
        return inCallbacks.get();
    }

    /** Tasks started since the pool was created. */
    int started() {
        // Read in this order, an unused ID is never subtracted before it is counted.
        int unused = notStarted.get();
        return nextId.get() - unused;
    }
}
