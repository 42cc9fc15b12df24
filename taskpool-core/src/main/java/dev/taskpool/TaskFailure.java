package dev.taskpool;

import java.util.Objects;

/**
 * A failure kept by a pool: a task that ended by throwing, or the spawner of a group whose
 * input iterator threw. Returned (or rethrown inside a {@link TaskFailedException}) by
 * {@link BaseTaskPool#flush(boolean)} and {@link BaseTaskPool#gatherAndClose(boolean)}.
 *
 * @param taskId   the ID of the failed task, or {@code -1} for a group's spawner
 * @param name     the thread name of what failed, such as {@code TaskPool-0_Task-7}
 * @param group    the name of the task's group
 * @param error    what was thrown
 */
public record TaskFailure(long taskId, String name, String group, Throwable error) {

    public TaskFailure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(error, "error");
    }

    @Override
    public String toString() {
        return name + " (group " + group + ") failed: " + error;
    }
}
