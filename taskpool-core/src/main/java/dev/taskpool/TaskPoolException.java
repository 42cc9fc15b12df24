package dev.taskpool;

/**
 * The common supertype of the errors a pool raises for a request it cannot honour. Its
 * subtypes are unchecked: each names a caller mistake or a pool state, never a bug.
 * Every message is one line naming what was wrong.
 */
public class TaskPoolException extends RuntimeException {

    public TaskPoolException(String message) {
        super(message);
    }

    public TaskPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
