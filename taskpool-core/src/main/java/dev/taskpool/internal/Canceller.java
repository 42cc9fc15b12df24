package dev.taskpool.internal;

import dev.taskpool.AlreadyCancelledException;
import dev.taskpool.AlreadyEndedException;
import dev.taskpool.TaskPoolException;
import dev.taskpool.UnknownTaskException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cancels the tasks and groups of one pool: by ID, by group, all of them, or the newest.
 * A cancellation never waits for a task and holds no lock while it interrupts one
 * ({@link TaskRecord#interruptAndSettle()}). A message given with a cancellation is logged
 * once and kept with each task it cancelled.
 *
 * <p>Thread-safe.
 */
final class Canceller {

    private static final Logger log = LoggerFactory.getLogger("dev.taskpool");

    private final String poolName;
    private final TaskTable tasks;
    private final GroupDirectory groups;
    private final PoolCounters counters;

    Canceller(String poolName, TaskTable tasks, GroupDirectory groups, PoolCounters counters) {
        this.poolName = poolName;
        this.tasks = tasks;
        this.groups = groups;
        this.counters = counters;
    }

    /**
     * Cancels the given tasks. Every ID is checked before any task is touched; a task that
     * ends between that check and its cancellation is reported after the others have been
     * cancelled.
     *
     * @param message why, or {@code null}
     * @throws IllegalArgumentException  if an ID is given twice
     * @throws UnknownTaskException      for an ID the pool does not know
     * @throws AlreadyCancelledException for a task cancelled before
     * @throws AlreadyEndedException     for a task that has ended
     */
    void cancel(String message, long... ids) {
        List<TaskRecord> records = new ArrayList<>(ids.length);
        Set<Long> seen = new HashSet<>();
        for (long id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("task ID " + id + " is given more than once");
            }
            TaskRecord record = tasks.get(id);
            if (record == null) {
                throw new UnknownTaskException("No task with ID " + id + " found in " + poolName);
            }
            if (record.outcome() != TaskRecord.RUNNING) {
                throw notRunning(record, "");
            }
            records.add(record);
        }
        if (records.isEmpty()) {
            return;
        }
        logRequest(message, "tasks " + Arrays.toString(ids));
        List<TaskRecord> missed = new ArrayList<>();
        for (TaskRecord record : records) {
            if (!cancel(record, message)) {
                missed.add(record);
            }
        }
        if (!missed.isEmpty()) {
            // Each task that could not be cancelled after all is named, so that a caller knows
            // exactly which of its tasks were cancelled.
            List<String> states = new ArrayList<>();
            for (TaskRecord record : missed) {
                states.add(taskName(record.id()) + state(record));
            }
            String text = String.join(", ", states) + " while the others were being cancelled";
            TaskRecord first = missed.get(0);
            throw first.outcome() == TaskRecord.CANCELLED || first.outcome() == TaskRecord.STOPPED
                    ? new AlreadyCancelledException(text) : new AlreadyEndedException(text);
        }
    }

    private TaskPoolException notRunning(TaskRecord record, String when) {
        String text = taskName(record.id()) + state(record) + when;
        return switch (record.outcome()) {
            case TaskRecord.CANCELLED, TaskRecord.STOPPED -> new AlreadyCancelledException(text);
            default -> new AlreadyEndedException(text);
        };
    }

    private static String state(TaskRecord record) {
        return switch (record.outcome()) {
            case TaskRecord.ENDED -> " has already finished running";
            case TaskRecord.TIMING_OUT, TaskRecord.TIMED_OUT -> " has timed out";
            default -> " has already been cancelled";
        };
    }

    /**
     * Cancels a group: takes it out of the lookup, stops its spawner, so that nothing of the
     * group starts after this returns, then cancels its running tasks.
     *
     * @throws dev.taskpool.UnknownGroupException if there is no such group
     */
    void cancelGroup(String name, String message) {
        TaskGroup group = groups.retire(name);
        logRequest(message, "group " + name);
        group.cancelSpawning();
        // Every task the spawner started is in the table by now (it is put there under the
        // group's lock).
        tasks.forEachOf(group, record -> cancel(record, message));
    }

    /**
     * Retires every group and stops every spawner, then cancels every running task. Spawners
     * of groups retired by a concurrent cancelGroup are stopped here too, so that nothing of
     * a group that existed when this began starts after it returns.
     */
    void cancelAll(String message) {
        logRequest(message, "all tasks");
        groups.retireAll();
        groups.all().forEach(TaskGroup::cancelSpawning);
        tasks.forEach(record -> cancel(record, message));
    }

    /**
     * Cancels up to {@code count} running tasks, newest (highest ID) first.
     *
     * @return the IDs of the tasks cancelled, newest first
     */
    List<Long> cancelNewest(int count) {
        if (count <= 0) {
            return List.of();
        }
        // Walking down from the newest ID finds the newest running tasks without sorting, and
        // stops as soon as it has cancelled enough.
        List<Long> cancelledIds = new ArrayList<>(Math.min(count, Math.max(16, counters.running())));
        tasks.forEachNewestFirst(record -> {
            if (cancel(record, null)) {
                cancelledIds.add(record.id());
            }
            return cancelledIds.size() < count;
        });
        return cancelledIds;
    }

    /** Cancels one task if it is still running; never waits for it. */
    private boolean cancel(TaskRecord record, String message) {
        if (!record.markCancelled(message)) {
            return false;
        }
        record.awaitCounted();
        counters.taskCancelled();
        record.group().taskLeftRunning();
        record.interruptAndSettle();
        return true;
    }

    private void logRequest(String message, String what) {
        if (message != null) {
            log.info("Cancelling {} of {}: {}", what, poolName, message);
        }
    }

    private String taskName(long id) {
        return poolName + "_Task-" + id;
    }
}
