package dev.taskpool.internal;

import dev.taskpool.TaskDecorator;
import dev.taskpool.function.TaskCallback;

import java.time.Duration;

/**
 * What a call that starts tasks asks for its new group.
 *
 * @param requestedName   the group's name, or {@code null} to generate {@code <prefix>-group-<k>}
 * @param prefix          the prefix of a generated name
 * @param functionName    the name of the function its tasks run
 * @param total           how many tasks it starts in all, or {@link TaskGroup#UNKNOWN}
 * @param maxConcurrent   at most this many of its tasks run at once; 0 for no limit but the pool's
 * @param onEnd           called with each task's ID when it ends; may be {@code null}
 * @param onCancel        called with a cancelled task's ID when it has stopped; may be {@code null}
 * @param timeout         how long each task may run before it is interrupted; {@code null} for ever
 * @param awaitFirstRound whether the call returns only once the tasks that fit now have started
 * @param decorator       wraps each task's body on its thread; {@code null} for none
 */
public record GroupSpec(String requestedName, String prefix, String functionName, int total, int maxConcurrent,
                        TaskCallback onEnd, TaskCallback onCancel, Duration timeout, boolean awaitFirstRound,
                        TaskDecorator decorator) {

    /** A group whose tasks are not decorated. */
    public GroupSpec(String requestedName, String prefix, String functionName, int total, int maxConcurrent,
                     TaskCallback onEnd, TaskCallback onCancel, Duration timeout, boolean awaitFirstRound) {
        this(requestedName, prefix, functionName, total, maxConcurrent, onEnd, onCancel, timeout, awaitFirstRound,
                null);
    }

    public GroupSpec {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }
}
