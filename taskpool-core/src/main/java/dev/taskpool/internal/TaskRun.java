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
        TaskGroup group = record.group();
        if (registry.hasListeners()) {
            registry.tell(listener -> listener.taskStarted(registry.poolName(), record.id(), group.name()));
        }
        long timeout = group.timeoutNanos();
        ScheduledFuture<?> deadline = timeout > 0 ? Deadlines.schedule(() -> registry.timeOut(record), timeout) : null;
        Throwable error = null;
        try {
            if (record.enterBody()) {
                TaskDecorator decorator = group.decorator();
                if (decorator == null) {
                    body.run();
                } else {
                    decorated(decorator, group).run();
                }
            }
        } catch (Throwable e) {
            error = e;
        }
        PoolCounters counters = registry.counters();
        boolean ended = record.settleEnded(error);
        if (deadline != null) {
            deadline.cancel(false);
        }
        boolean failed;
        boolean timedOut = false;
        if (ended) {
            failed = error != null;
            counters.taskEnded(failed);
            group.taskLeftRunning();
        } else {
            failed = error != null && !Interrupts.isInterruption(error);
            timedOut = record.markStopped(failed) == TaskRecord.TIMED_OUT;
            if (failed) {
                counters.cancelledTaskFailed();
            }
        }
        // Settled: no interrupt of a cancellation or deadline can arrive any more.
        Thread.interrupted();
        boolean callbacks = group.hasCallbacks();
        if (timedOut) {
            counters.timedOutTaskEnded();
        } else if (!ended && !callbacks) {
            counters.cancelledTaskEnded();
        }
        record.markSettled();
        registry.permits().release();
        group.taskOver();
        if (failed) {
            log.error("{} failed", registry.taskName(record.id()), error);
        } else if (error != null) {
            log.debug("{} stopped on {}", registry.taskName(record.id()), timedOut ? "its timeout" : "cancellation");
        }
        if (registry.hasListeners()) {
            TaskOutcome outcome = ended ? (failed ? TaskOutcome.FAILED : TaskOutcome.COMPLETED)
                    : timedOut ? TaskOutcome.TIMED_OUT : TaskOutcome.CANCELLED;
            Duration duration = Duration.ofNanos(System.nanoTime() - record.startNanos());
            registry.tell(listener -> listener.taskEnded(registry.poolName(), record.id(), group.name(),
                    outcome, duration));
        }
        if (callbacks) {
            record.markInCallbacks();
            counters.callbacksStarted();
            try {
                if (!ended && !timedOut) {
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

    private CheckedRunnable decorated(TaskDecorator decorator, TaskGroup group) {
        CheckedRunnable decorated = decorator.decorate(
                new TaskDecorator.Task(registry.poolName(), group.name(), record.id()), body);
        if (decorated == null) {
            throw new NullPointerException("the task decorator " + decorator + " returned null for "
                    + registry.taskName(record.id()));
        }
        return decorated;
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
