package dev.taskpool.benchmarks;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * How a benchmark's long-lived task waits to be cancelled. Every variant of a benchmark (our
 * pool, an executor, bare threads) runs the same body, so the cost of waking it up and of the
 * exception it may throw is the same on each side.
 */
public enum Sleep {

    /** {@code Thread.sleep} for an hour: the common case; an interrupt throws {@link InterruptedException}. */
    SLEEP {
        @Override
        void untilInterrupted() throws InterruptedException {
            Thread.sleep(HOUR);
        }
    },

    /** {@code LockSupport.park} until interrupted: no timer and no exception, so the cheapest wait there is. */
    PARK {
        @Override
        void untilInterrupted() {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(this);
            }
        }
    };

    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * Waits until the current thread is interrupted.
     *
     * @throws InterruptedException when interrupted, for {@link #SLEEP}; {@link #PARK} returns
     */
    abstract void untilInterrupted() throws InterruptedException;

    /** Waits until interrupted, swallowing the interruption: the body of a bare thread. */
    void quietlyUntilInterrupted() {
        try {
            untilInterrupted();
        } catch (InterruptedException e) {
            // Cancelled: the thread simply ends.
        }
    }
}
