package dev.taskpool.internal;

import dev.taskpool.function.CheckedRunnable;
import dev.taskpool.function.TaskCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a task's own thread does, from its body to its last callback: run the body unless the
 * task was cancelled first, settle and count the outcome, give the room back, run the
 * callbacks with the interrupt status cleared, and let the pool know it is done.
 *
 * <p>Runs once, on the task's thread (or on its spawner's, for a thread that could not start).
 */
final class TaskRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger("dev.taskpool");

    private final TaskRecord record;
    private final CheckedRunnable body;
    private final TaskRegistry registry;

    TaskRun(TaskRecord record, CheckedRunnable body, TaskRegistry registry) {
        this.record = record;
        this.body = body;
        this.registry = registry;
    }

    @Override
    public void run() {
        Throwable error = null;
        try {
            if (record.enterBody()) {
                body.run();
            }
        } catch (Throwable e) {
            error = e;
        }
        TaskGroup group = record.group();
        PoolCounters counters = registry.counters();
        boolean ended = record.settleEnded(error);
        boolean failed;
        if (ended) {
            failed = error != null;
            counters.taskEnded(failed);
            group.taskLeftRunning();
        } else {
            failed = error != null && !Interrupts.isInterruption(error);
            record.markStopped(failed);
            if (failed) {
                counters.cancelledTaskFailed();
            }
        }
        // Settled: no interrupt of a cancellation can arrive any more.
        Thread.interrupted();
        boolean callbacks = group.hasCallbacks();
        if (!ended && !callbacks) {
            counters.cancelledTaskEnded();
        }
        record.markSettled();
        registry.permits().release();
        group.taskOver();
        if (failed) {
            log.error("{} failed", registry.taskName(record.id()), error);
        } else if (error != null) {
            log.debug("{} stopped on cancellation", registry.taskName(record.id()));
        }
        if (callbacks) {
            record.markInCallbacks();
            counters.callbacksStarted();
            try {
                if (!ended) {
                    // A cancelled task counts as cancelled through its cancel callback, as ended after it.
                    invoke(group.onCancel(), "cancel");
                    counters.cancelledTaskEnded();
                }
                invoke(group.onEnd(), "end");
            } finally {
                counters.callbacksReturned();
            }
        }
        record.markDone();
        registry.taskThreadDone();
    }

    private void invoke(TaskCallback callback, String kind) {
        if (callback == null) {
            return;
        }
        try {
            callback.accept(record.id());
        } catch (Throwable e) {
            log.error("The {} callback of {} failed", kind, registry.taskName(record.id()), e);
        } finally {
            Thread.interrupted();
        }
    }
}
