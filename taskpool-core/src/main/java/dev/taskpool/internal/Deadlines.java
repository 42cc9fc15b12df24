package dev.taskpool.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer of task timeouts, shared by every pool: one daemon platform thread that only
 * ever marks a task timed out and hands its interrupt on, which never blocks, so one thread
 * keeps up with any number of deadlines. A deadline is cancelled as soon as its task ends,
 * and then removed at once, so finished tasks leave nothing behind.
 *
 * <p>Thread-safe.
 */
final class Deadlines {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Deadlines() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "taskpool-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code action} once {@code nanos} have passed, unless cancelled first. */
    static ScheduledFuture<?> schedule(Runnable action, long nanos) {
        return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
    }
}
