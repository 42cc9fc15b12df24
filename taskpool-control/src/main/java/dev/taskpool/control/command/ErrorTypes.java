package dev.taskpool.control.command;

import dev.taskpool.AlreadyCancelledException;
import dev.taskpool.AlreadyEndedException;
import dev.taskpool.DuplicateGroupException;
import dev.taskpool.PoolIsClosedException;
import dev.taskpool.PoolIsLockedException;
import dev.taskpool.TaskFailedException;
import dev.taskpool.UnknownGroupException;
import dev.taskpool.UnknownTaskException;
import dev.taskpool.control.ErrorType;

import java.util.concurrent.TimeoutException;

/**
 * Which {@link ErrorType} a client is answered when a pool method throws: one explicit entry
 * per exception, so that renaming an exception class never changes the wire.
 */
public final class ErrorTypes {

    private ErrorTypes() {
    }

    /**
     * The error type for what a pool method threw; {@link ErrorType#INTERNAL} for anything a
     * client cannot cause, which the caller logs.
     */
    public static ErrorType of(Throwable error) {
        return switch (error) {
            case PoolIsLockedException e -> ErrorType.POOL_IS_LOCKED;
            case PoolIsClosedException e -> ErrorType.POOL_IS_CLOSED;
            case UnknownTaskException e -> ErrorType.UNKNOWN_TASK;
            case AlreadyCancelledException e -> ErrorType.ALREADY_CANCELLED;
            case AlreadyEndedException e -> ErrorType.ALREADY_ENDED;
            case UnknownGroupException e -> ErrorType.UNKNOWN_GROUP;
            case DuplicateGroupException e -> ErrorType.DUPLICATE_GROUP;
            case TaskFailedException e -> ErrorType.TASK_FAILED;
            case IllegalArgumentException e -> ErrorType.INVALID_ARGUMENT;
            case TimeoutException e -> ErrorType.TIMEOUT;
            // Refusals of the pool's own lifecycle, such as closing it from one of its tasks.
            case IllegalStateException e -> ErrorType.INVALID_STATE;
            case InterruptedException e -> ErrorType.INTERRUPTED;
            default -> ErrorType.INTERNAL;
        };
    }
}
