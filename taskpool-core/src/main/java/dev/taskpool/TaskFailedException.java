package dev.taskpool;

import java.util.List;

/**
 * Thrown by {@link BaseTaskPool#flush()} and {@link BaseTaskPool#gatherAndClose()} when
 * tasks they collected had failed. The first failure is the cause, the others are
 * suppressed exceptions, and {@link #failures()} lists them all.
 */
public final class TaskFailedException extends TaskPoolException {

    private final transient List<TaskFailure> failures;

    public TaskFailedException(List<TaskFailure> failures) {
        super(message(failures), failures.isEmpty() ? null : failures.get(0).error());
        this.failures = List.copyOf(failures);
        for (int i = 1; i < failures.size(); i++) {
            addSuppressed(failures.get(i).error());
        }
    }

    /** Every failure collected, in task ID order; spawner failures last. */
    public List<TaskFailure> failures() {
        return failures;
    }

    private static String message(List<TaskFailure> failures) {
        if (failures.size() == 1) {
            return failures.get(0).toString();
        }
        return failures.size() + " tasks failed; first: " + failures.get(0);
    }
}
