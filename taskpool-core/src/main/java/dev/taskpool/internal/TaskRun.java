package dev.taskpool.internal;

import dev.taskpool.TaskDecorator;
import dev.taskpool.TaskOutcome;
import dev.taskpool.function.CheckedRunnable;
import dev.taskpool.function.TaskCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * What a task's own thread does, from its body to its last callback: tell the listeners, set
 * its deadline if it has a timeout, run the body unless the task was cancelled first, settle
 * and count the outcome, give the room back, tell the listeners, run the callbacks with the
 * interrupt status cleared (a timed-out task gets its end callback only), and let the pool
 * know it is done.
 *
 * <p>Runs once, on the task's thread (or on its spawner's, for a thread that could not start).
 * The body itself runs in {@link TaskRecord#run()}, between {@link #begin} and {@link #finish},
 * so that no frame of these is below it.
 */
final class TaskRun {

    private static final Logger log = LoggerFactory.getLogger("dev.taskpool");

    private TaskRun() {
    }

    /** Tells the listeners and sets the deadline, if the task has a timeout. */
    static ScheduledFuture<?> begin(TaskRecord record, TaskRegistry registry) {
        TaskGroup group = record.group();
        if (registry.hearsOfStarts()) {
            registry.taskStarted(record.id(), group.name());
        }
        long timeout = group.timeoutNanos();
        return timeout > 0 ? Deadlines.schedule(() -> registry.timeOut(record), timeout) : null;
    }

    /** Settles and counts the outcome, gives the room back, tells the listeners, runs the callbacks. */
    static void finish(TaskRecord record, TaskRegistry registry, ScheduledFuture<?> deadline,
                               Throwable error) {
        TaskGroup group = record.group();
        PoolCounters counters = registry.counters();
        boolean ended = record.settleEnded(error);
        if (deadline != null) {
            deadline.cancel(false);
        }
        boolean failed;
        boolean timedOut = false;
        boolean callbacks = group.hasCallbacks();
        if (ended) {
            failed = error != null;
            counters.taskEnded(failed);
        } else {
            failed = error != null && !Interrupts.isInterruption(error);
            // The canceller has settled: only this thread changes the outcome from now on.
            timedOut = record.outcome() == TaskRecord.TIMING_OUT;
            if (failed) {
                counters.cancelledTaskFailed();
            }
            // Counted before the outcome shows it stopped, so that whoever sees it stopped
            // finds the counters moved.
            if (timedOut) {
                counters.timedOutTaskEnded();
            } else if (!callbacks) {
                counters.cancelledTaskEnded();
            }
            record.markStopped(failed);
        }
        // Settled: no interrupt of a cancellation or deadline can arrive any more.
        Thread.interrupted();
        record.markSettled();
        if (record.returnPermit()) {
            registry.permits().release();
        }
        boolean hears = registry.hearsOfEnds();
        boolean times = registry.timesTasks();
        // Whatever this thread still does for the pool after giving its room back (a log
        // line, its time, listeners, callbacks), a closing pool waits for; without any, the
        // task is finished with the update that counts it as done.
        boolean late = callbacks || hears || times || error != null;
        registry.taskOver(group, ended, late);
        if (failed) {
            log.error("{} failed", registry.taskName(record.id()), error);
        } else if (error != null && log.isDebugEnabled()) {
            // Checked first: the task's name would be built for nothing, once per cancelled task.
            log.debug("{} stopped on {}", registry.taskName(record.id()), timedOut ? "its timeout" : "cancellation");
        }
        if (hears || times) {
            TaskOutcome outcome = ended ? (failed ? TaskOutcome.FAILED : TaskOutcome.COMPLETED)
                    : timedOut ? TaskOutcome.TIMED_OUT : TaskOutcome.CANCELLED;
            long nanos = System.nanoTime() - record.startNanos();
            if (times) {
                counters.timed(outcome, nanos);
            }
            if (hears) {
                registry.taskEnded(record.id(), group.name(), outcome, Duration.ofNanos(nanos));
            }
        }
        if (callbacks) {
            record.markInCallbacks();
            counters.callbacksStarted();
            try {
                if (!ended && !timedOut) {
                    // A cancelled task counts as cancelled through its cancel callback, as ended after it.
                    invoke(record, registry, group.onCancel(), "cancel");
                    counters.cancelledTaskEnded();
                }
                invoke(record, registry, group.onEnd(), "end");
            } finally {
                counters.callbacksReturned();
            }
        }
        record.markDone();
        if (late) {
            registry.taskThreadDone(group);
        }
    }

    static CheckedRunnable decorated(TaskRecord record, CheckedRunnable body, TaskRegistry registry,
                                             TaskDecorator decorator) {
        CheckedRunnable decorated = decorator.decorate(
                new TaskDecorator.Task(registry.poolName(), record.group().name(), record.id()), body);
        if (decorated == null) {
            throw new NullPointerException("the task decorator " + decorator + " returned null for "
                    + registry.taskName(record.id()));
        }
        return decorated;
    }

    private static void invoke(TaskRecord record, TaskRegistry registry, TaskCallback callback, String kind) {
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
