package dev.taskpool;

/**
 * No task with the given ID is known to the pool: it never existed, or it was forgotten by {@link BaseTaskPool#flush()}.
 */
public class UnknownTaskException extends TaskPoolException {

    public UnknownTaskException(String message) {
        super(message);
    }
}
